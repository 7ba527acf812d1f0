// WeightInitFindingsTests.swift — the weight-init chapter's claims, against
// the data committed under figures/weight-init.

import ChapterKit
import Testing

@testable import weight_init

@Suite("Findings: weight-init")
struct WeightInitFindingsTests {
    /// The seven histogram tables, in the chapter's order.
    static let histogramKeys = [
        "sigmoid-std-1", "sigmoid-std-0.01", "sigmoid-xavier", "tanh-xavier",
        "relu-std-0.01", "relu-xavier", "relu-he",
    ]

    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let table = { (name: String) in try committedTable("weight-init", name) }
        let tables = WeightInitTables(
            histograms: try Self.histogramKeys.map { try table("activations-\($0).dat") },
            reluLog: try table("activations-relu-log.dat"), layers: try table("layers.dat"), width: try table("exercise-width.dat"),
            units: try table("units.dat"),
            loss: try table("mnist-loss.dat"), adam: try table("exercise-adam.dat"))
        let findings = weightInitFindings(tables)
        #expect(findings.count == 26)
        try checkFindings(findings, chapter: "weight-init", folder: "02-weight-init")
    }
}
