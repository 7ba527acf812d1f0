// HyperparameterSearchFindingsTests.swift — the hyperparameter search's
// claims, against the data committed under figures/hyperparameter-search.

import ChapterKit
import Testing

@testable import hyperparameter_search

@Suite("Findings: hyperparameter-search")
struct HyperparameterSearchFindingsTests {
    @Test("Every claim of the chapter holds on the committed data")
    func claims() throws {
        let tables = try SearchTables(reading: repositoryRoot.appendingPathComponent("figures/hyperparameter-search").path)
        try checkFindings(
            hyperparameterFindings(tables), chapter: "hyperparameter-search",
            folder: "06-hyperparameter-search")
    }
}
