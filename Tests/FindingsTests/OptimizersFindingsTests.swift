// OptimizersFindingsTests.swift — the optimizers chapter's claims, against
// the data committed under figures/optimizers.

import ChapterKit
import Testing

@testable import optimizers

@Suite("Findings: optimizers")
struct OptimizersFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let table = { (name: String) in try committedTable("optimizers", name) }
        let tables = OptimizerTables(
            valleyPaths: try table("valley-paths.dat"), valleyFloor: try table("valley-floor.dat"),
            surface: try table("valley-surface.dat"), loss: try table("mnist-loss.dat"),
            race: try table("race.dat"), raceDiverged: try table("race-diverged.dat"),
            valleyRates: try table("valley-rates.dat"), valleyTheory: try table("valley-theory.dat"),
            valleyTuned: try table("valley-tuned.dat"))
        try checkFindings(optimizersFindings(tables), chapter: "optimizers", folder: "01-optimizers")
    }
}
