// HyperparameterSearchFindingsTests.swift — the hyperparameter search's
// claims, against the data committed under figures/hyperparameter-search.

import ChapterKit
import Testing

@testable import hyperparameter_search

@Suite("Findings: hyperparameter-search")
struct HyperparameterSearchFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let table = { (name: String) in try committedTable("hyperparameter-search", name) }
        let tables = SearchTables(
            curves: try table("trial-curves.dat"), trials: try table("trials.dat"),
            grid: try table("grid.dat"), gridVsRandom: try table("grid-vs-random.dat"),
            reruns: try table("reruns.dat"), finalTest: try table("final-test.dat"),
            withoutWeightDecay: try table("without-weight-decay.dat"))
        try checkFindings(
            hyperparameterFindings(tables), chapter: "hyperparameter-search",
            folder: "06-hyperparameter-search")
    }
}
