// BatchNormFindingsTests.swift — the batch-norm chapter's claims, against
// the data committed under figures/batch-norm.

import ChapterKit
import Foundation
import Testing

@testable import batch_norm

@Suite("Findings: batch-norm")
struct BatchNormFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let tables = try BatchNormTables(reading: repositoryRoot.appendingPathComponent("figures/batch-norm").path)
        try checkFindings(batchNormFindings(tables), chapter: "batch-norm", folder: "03-batch-norm")
    }
}
