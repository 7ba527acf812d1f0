// BatchNormFindingsTests.swift — the batch-norm chapter's claims, against
// the data committed under figures/batch-norm.

import ChapterKit
import Testing

@testable import batch_norm

@Suite("Findings: batch-norm")
struct BatchNormFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let table = { (name: String) in try committedTable("batch-norm", name) }
        let tables = BatchNormTables(
            scales: try table("batch-norm-scales.dat"), invariance: try table("scale-invariance.dat"),
            batchSize: try table("batch-size.dat"), learningRate: try table("learning-rate.dat"),
            epsilon: try table("epsilon.dat"))
        try checkFindings(batchNormFindings(tables), chapter: "batch-norm", folder: "03-batch-norm")
    }
}
