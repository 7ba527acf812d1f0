// DropoutFindingsTests.swift — the dropout chapter's claims, against the data
// committed under figures/dropout.

import ChapterKit
import Testing

@testable import dropout

@Suite("Findings: dropout")
struct DropoutFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let table = { (name: String) in try committedTable("dropout", name) }
        let tables = DropoutTables(
            accuracy: try table("dropout.dat"), inverted: try table("inverted-dropout.dat"),
            equalTraining: try table("equal-training-accuracy.dat"),
            exercises: try table("exercises.dat"), scale: try table("scale.dat"))
        try checkFindings(dropoutFindings(tables), chapter: "dropout", folder: "05-dropout")
    }
}
