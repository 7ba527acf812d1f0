// OptimizersFindingsTests.swift — the optimizers chapter's claims, against
// the data committed under figures/optimizers.

import ChapterKit
import Testing

@testable import optimizers

@Suite("Findings: optimizers")
struct OptimizersFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let tables = try OptimizerTables(reading: repositoryRoot.appendingPathComponent("figures/optimizers").path)
        try checkFindings(optimizersFindings(tables), chapter: "optimizers", folder: "01-optimizers")
    }
}
