// WeightDecayFindingsTests.swift — the weight-decay chapter's claims, against
// the data committed under figures/weight-decay.

import ChapterKit
import Testing

@testable import weight_decay

@Suite("Findings: weight-decay")
struct WeightDecayFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let tables = WeightDecayTables(
            runs: try committedTable("weight-decay", "weight-decay.dat"),
            sweep: try committedTable("weight-decay", "lambda-sweep.dat"),
            updateRule: try committedTable("weight-decay", "update-rule.dat"))
        try checkFindings(weightDecayFindings(tables), chapter: "weight-decay", folder: "04-weight-decay")
    }
}
