// WeightInitFindingsTests.swift — the weight-init chapter's claims, against
// the data committed under figures/weight-init.

import ChapterKit
import Testing

@testable import weight_init

@Suite("Findings: weight-init")
struct WeightInitFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let tables = try WeightInitTables(reading: repositoryRoot.appendingPathComponent("figures/weight-init").path)
        let findings = weightInitFindings(tables)
        #expect(findings.count == 26)
        try checkFindings(findings, chapter: "weight-init", folder: "02-weight-init")
    }
}
