// Findings.swift — what the hyperparameter search claims, computed from its
// tables (the ones it has just made, or the ones committed under figures/).

import ChapterKit
import Foundation

/// Pearson's correlation of two equally long lists.
func correlation(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    let cov = zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) }
    let va = a.reduce(0) { $0 + ($1 - ma) * ($1 - ma) }, vb = b.reduce(0) { $0 + ($1 - mb) * ($1 - mb) }
    return cov / (va * vb).squareRoot()
}

/// The chapter's findings, from its tables.
func hyperparameterFindings(_ tables: SearchTables) -> [Finding] {
    let t = tables.trials
    let accuracy = t["validation accuracy"], rates = t["learning rate"].map(log10), decays = t["weight decay"].map(log10)
    let order = accuracy.indices.sorted { accuracy[$0] > accuracy[$1] || (accuracy[$0] == accuracy[$1] && $0 < $1) }
    let best = accuracy[order[0]]
    let top = Array(order.prefix(10))
    let middle = (rates.min()! + rates.max()!) / 2
    let meanTop = top.map { rates[$0] }.reduce(0, +) / Double(top.count)
    let upperHalf = top.filter { rates[$0] >= middle }.count
    let rRate = correlation(accuracy, rates), rDecay = correlation(accuracy, decays)
    let steps = accuracy.allSatisfy { abs($0 * 100 - ($0 * 100).rounded()) < 1e-9 }
    let first25 = accuracy.prefix(25).max()!

    let versus = tables.gridVsRandom
    let searchBest = versus["best validation accuracy"]
    let gridBest = searchBest[0], randomBests = Array(searchBest.dropFirst())
    let randomSorted = randomBests.sorted()
    let randomMedian = randomSorted.isEmpty ? .nan : randomSorted[randomSorted.count / 2]
    let distinct = versus["distinct learning rates"]

    let reruns = tables.reruns
    let seedColumns = reruns.columns.filter { $0.hasPrefix("validation") }
    func ranks(_ column: String) -> [Int] {
        let values = reruns[column]
        return values.indices.map { i in 1 + values.indices.filter { values[$0] > values[i] || (values[$0] == values[i] && $0 < i) }.count }
    }
    let moved = seedColumns.dropFirst().map { column in zip(ranks(column), 1...).filter { $0 != $1 }.count }
    let spreads = reruns.rows.indices.map { i in seedColumns.map { reruns[$0][i] }.max()! - seedColumns.map { reruns[$0][i] }.min()! }
    let searchColumn = reruns["validation search"]
    let searchSpread = searchColumn.max()! - searchColumn.min()!
    let testAccuracy = tables.finalTest["test accuracy"][0], searchValidation = tables.finalTest["validation accuracy in the search"][0]

    return [
        Finding(
            "hyperparameter-search.best-about-0.8",
            "The best trial reaches a validation accuracy of \(decimal(best, 2)).",
            holds: isAbout(best, 0.8, tolerance: 0.03)),
        Finding(
            "hyperparameter-search.top-learning-rates",
            "\(upperHalf) of the 10 best trials have η in the upper half of the searched range (mean log10 η of the ten: \(decimal(meanTop, 2)), range \(decimal(rates.min()!, 2)) to \(decimal(rates.max()!, 2))).",
            holds: upperHalf == top.count),
        Finding(
            "hyperparameter-search.weight-decay-flat",
            "Across all trials, validation accuracy correlates with log10 η at r = \(decimal(rRate, 2)) and with log10 λ at r = \(decimal(rDecay, 2)).",
            holds: rRate > 0.6 && abs(rDecay) < 0.2),
        Finding(
            "hyperparameter-search.validation-steps",
            "Every final validation accuracy is a multiple of 0.01 (100 validation images).",
            holds: steps),
        Finding(
            "hyperparameter-search.grid-vs-random",
            "Best of 16: the 4 × 4 grid (\(Int(distinct[0])) learning rates) reaches \(decimal(gridBest, 2)); the \(randomBests.count) random searches (\(distinct.count > 1 ? Int(distinct[1]) : 0) learning rates each) reach \(randomBests.map { decimal($0, 2) }.joined(separator: ", ")) (median \(decimal(randomMedian, 2))).",
            holds: distinct.count > 1 && distinct[0] < distinct[1] && abs(gridBest - randomMedian) <= 0.05),
        Finding(
            "hyperparameter-search.rerun-ranks",
            "Retrained with other seeds, \(moved.map(String.init).joined(separator: " and ")) of the 5 best settings change rank; one setting's validation accuracy varies by up to \(decimal(spreads.max()!, 2)) across the 3 seeds, while the 5 differ by \(decimal(searchSpread, 2)) in the search.",
            holds: moved.allSatisfy { $0 >= 2 }),
        Finding(
            "hyperparameter-search.final-test",
            "The winning setting, trained on all 500 images and scored once on the test set, reaches \(decimal(testAccuracy, 3)), against \(decimal(searchValidation, 2)) on validation in the search.",
            holds: testAccuracy < searchValidation),
        Finding(
            "hyperparameter-search.exercise-25-trials",
            "The best of the first 25 trials reaches \(decimal(first25, 2)), against \(decimal(best, 2)) for all \(accuracy.count).",
            holds: best - first25 <= 0.05),
    ]
}
