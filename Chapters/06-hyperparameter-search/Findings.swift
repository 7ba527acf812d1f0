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
    // The winning setting (rank 1) under the other seeds.
    let winnerReruns = seedColumns.dropFirst().map { reruns[$0][0] }
    let searchColumn = reruns["validation search"]
    let searchSpread = searchColumn.max()! - searchColumn.min()!
    let testAccuracy = tables.finalTest["test accuracy"][0], searchValidation = tables.finalTest["validation accuracy in the search"][0]

    // The grid's best point against the random searches' best trials.
    let gridBestRate = log10(versus["learning rate of best"][0])
    let randomBestRates = versus["learning rate of best"].dropFirst().map(log10)
    let gridRates = tables.grid["learning rate"], gridAccuracy = tables.grid["validation accuracy"]
    let topGridRate = gridRates.max()!
    let topRow = gridRates.indices.filter { gridRates[$0] == topGridRate }.map { gridAccuracy[$0] }

    // The trials with the smallest learning rates against the best: learned little, or overfitted?
    let training = t["training accuracy"]
    let byRate = rates.indices.sorted { rates[$0] < rates[$1] }
    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
    let slow = Array(byRate.prefix(10))
    let (slowTraining, slowValidation) = (mean(slow.map { training[$0] }), mean(slow.map { accuracy[$0] }))
    let (topTraining, topValidation) = (mean(top.map { training[$0] }), mean(top.map { accuracy[$0] }))

    // The winning trial without weight decay: the same weights and batches, λ = 0.
    let off = tables.withoutWeightDecay
    let curveDifference = zip(off["validation with weight decay"], off["validation without"]).map { abs($0 - $1) }.max()!
    let updates = off["updates"].last!
    let (winnerRate, winnerDecay) = (tables.finalTest["learning rate"][0], tables.finalTest["weight decay"][0])
    // Weight decay's own part of each update, W ← W − η·λ·W, multiplies W by (1 − ηλ).
    let decayFactor = pow(1 - winnerRate * winnerDecay, updates)
    let widestFactor = pow(1 - pow(10, rates.max()!) * pow(10, decays.max()!), updates)

    return [
        Finding(
            "hyperparameter-search.best-about-0.8",
            "The best trial reaches a validation accuracy of \(decimal(best, 2)).",
            holds: isAbout(best, 0.8, tolerance: 0.03), values: ["best": best]),
        Finding(
            "hyperparameter-search.top-learning-rates",
            "\(upperHalf) of the 10 best trials have η in the upper half of the searched range (mean log10 η of the ten: \(decimal(meanTop, 2)), range \(decimal(rates.min()!, 2)) to \(decimal(rates.max()!, 2))).",
            holds: upperHalf == top.count,
            values: [
                "in upper half": Double(upperHalf), "mean log10 eta": meanTop, "range low": rates.min()!, "range high": rates.max()!,
            ]),
        Finding(
            "hyperparameter-search.weight-decay-flat",
            "Across all trials, validation accuracy correlates with log10 η at r = \(decimal(rRate, 2)) and with log10 λ at r = \(decimal(rDecay, 2)).",
            holds: rRate > 0.6 && abs(rDecay) < 0.2, values: ["r log10 eta": rRate, "r log10 lambda": rDecay]),
        Finding(
            "hyperparameter-search.validation-steps",
            "Every final validation accuracy is a multiple of 0.01 (100 validation images).",
            holds: steps, values: ["all multiples of 0.01": steps ? 1 : 0, "validation images": 100]),
        Finding(
            "hyperparameter-search.grid-vs-random",
            "Best of 16: the 4 × 4 grid (\(Int(distinct[0])) learning rates) reaches \(decimal(gridBest, 2)); the \(randomBests.count) random searches (\(distinct.count > 1 ? Int(distinct[1]) : 0) learning rates each) reach \(randomBests.map { decimal($0, 2) }.joined(separator: ", ")) (median \(decimal(randomMedian, 2))).",
            holds: distinct.count > 1 && distinct[0] < distinct[1] && abs(gridBest - randomMedian) <= 0.05,
            values: [("grid learning rates", distinct[0]), ("grid best", gridBest)]
                + [("random learning rates", distinct.count > 1 ? distinct[1] : 0)]
                + randomBests.enumerated().map { ("random search \($0.offset + 1)", $0.element) } + [("random median", randomMedian)]),
        Finding(
            "hyperparameter-search.rerun-ranks",
            "Retrained with other seeds, \(moved.map(String.init).joined(separator: " and ")) of the 5 best settings change rank; one setting's validation accuracy varies by up to \(decimal(spreads.max()!, 2)) across the 3 seeds, while the 5 differ by \(decimal(searchSpread, 2)) in the search.",
            holds: moved.allSatisfy { $0 >= 2 },
            values: moved.enumerated().map { ("moved with seed \($0.offset + 1)", Double($0.element)) }
                + [("largest spread", spreads.max()!), ("search spread", searchSpread)]),
        Finding(
            "hyperparameter-search.winner-reruns",
            "Trained again with \(winnerReruns.count) other seeds, the winning setting reaches \(winnerReruns.map { decimal($0, 2) }.joined(separator: " and ")) on the same validation images, against \(decimal(searchValidation, 2)) in the search.",
            holds: !winnerReruns.isEmpty && winnerReruns.allSatisfy { $0 < searchValidation },
            values: winnerReruns.enumerated().map { ("rerun \($0.offset + 1)", $0.element) } + [("search", searchValidation)]),
        Finding(
            "hyperparameter-search.final-test",
            "The winning setting, trained on all 500 images and scored once on the test set, reaches \(decimal(testAccuracy, 3)): below its \(decimal(searchValidation, 2)) on validation in the search (its reruns: \(decimal(winnerReruns.min() ?? .nan, 2)) to \(decimal(winnerReruns.max() ?? .nan, 2))).",
            holds: testAccuracy < searchValidation,
            values: [
                "test": testAccuracy, "search validation": searchValidation, "reruns min": winnerReruns.min() ?? .nan,
                "reruns max": winnerReruns.max() ?? .nan,
            ]),
        Finding(
            "hyperparameter-search.grid-top-rate",
            "The grid's best point has its largest η, 10^\(decimal(gridBestRate, 3)); the random searches' best trials have η from 10^\(decimal(randomBestRates.min() ?? .nan, 2)) to 10^\(decimal(randomBestRates.max() ?? .nan, 2)). At that η the grid's \(topRow.count) weight decays reach \(decimal(topRow.min()!, 2)) to \(decimal(topRow.max()!, 2)), a spread of \(decimal(topRow.max()! - topRow.min()!, 2)) (one setting's reruns: up to \(decimal(spreads.max()!, 2))).",
            holds: abs(gridBestRate - log10(topGridRate)) < 1e-9 && !randomBestRates.isEmpty
                && (randomBestRates.min()! - 0.05...randomBestRates.max()! + 0.05) ~= gridBestRate
                && topRow.max()! - topRow.min()! >= 0.5 * spreads.max()!,
            values: [
                "grid best log10 eta": gridBestRate, "random best log10 eta min": randomBestRates.min() ?? .nan,
                "random best log10 eta max": randomBestRates.max() ?? .nan, "weight decays": Double(topRow.count),
                "top row min": topRow.min()!, "top row max": topRow.max()!, "top row spread": topRow.max()! - topRow.min()!,
                "rerun spread": spreads.max()!,
            ]),
        Finding(
            "hyperparameter-search.slow-rates-learn-little",
            "The 10 trials with the smallest η reach a training accuracy of \(decimal(slowTraining, 2)) on average and a validation accuracy of \(decimal(slowValidation, 2)); the 10 best trials \(decimal(topTraining, 2)) and \(decimal(topValidation, 2)).",
            holds: slowTraining < topTraining - 0.2 && slowTraining - slowValidation < topTraining - topValidation,
            values: [
                "slow training": slowTraining, "slow validation": slowValidation, "best training": topTraining,
                "best validation": topValidation,
            ]),
        Finding(
            "hyperparameter-search.without-weight-decay",
            "Trained from the same weights and batches with λ = 0, the winning trial's validation accuracy differs from the search's by at most \(decimal(curveDifference, 2)) at any epoch; weight decay's own factor on its weights over \(Int(updates)) updates, (1 − ηλ)^\(Int(updates)), is 1 − \(String(format: "%.1e", 1 - decayFactor)) (at the range's largest η and λ: 1 − \(String(format: "%.1e", 1 - widestFactor))).",
            holds: curveDifference <= 0.01 && 1 - widestFactor < 1e-5,
            values: [
                "largest difference": curveDifference, "updates": updates, "1 - factor": 1 - decayFactor,
                "1 - widest factor": 1 - widestFactor,
            ]),
        Finding(
            "hyperparameter-search.exercise-25-trials",
            "The best of the first 25 trials reaches \(decimal(first25, 2)), against \(decimal(best, 2)) for all \(accuracy.count).",
            holds: best - first25 <= 0.05, values: ["best of 25": first25, "best": best, "trials": Double(accuracy.count)]),
    ]
}
