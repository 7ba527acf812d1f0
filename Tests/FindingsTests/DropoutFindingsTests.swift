// DropoutFindingsTests.swift — the dropout chapter's claims, against the data
// committed under figures/dropout.

import ChapterKit
import Testing

@testable import dropout

@Suite("Findings: dropout")
struct DropoutFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let tables = try DropoutTables(reading: repositoryRoot.appendingPathComponent("figures/dropout").path)
        try checkFindings(dropoutFindings(tables), chapter: "dropout", folder: "05-dropout")
    }
}
