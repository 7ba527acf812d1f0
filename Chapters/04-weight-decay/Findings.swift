// Findings.swift — what the weight-decay chapter claims, computed from its
// tables (the ones it has just made, or the ones committed under figures/).

import ChapterKit
import Foundation

/// The chapter's findings, from its tables.
func weightDecayFindings(_ tables: WeightDecayTables) -> [Finding] {
    let runs = tables.runs
    // The second run's λ, read from its column name `sumW2 lambda=0.1`.
    let decayed = runs.columns.last!.replacingOccurrences(of: "sumW2 ", with: "")
    let lambda = Double(decayed.replacingOccurrences(of: "lambda=", with: ""))!
    let train0 = runs["train lambda=0"], test0 = runs["test lambda=0"]
    let train1 = runs["train \(decayed)"], test1 = runs["test \(decayed)"]
    let gap0 = runs["gap lambda=0"], gap1 = runs["gap \(decayed)"]
    let sum0 = runs["sumW2 lambda=0"], sum1 = runs["sumW2 \(decayed)"]
    let last = runs.rows.count - 1
    let memorised = train0.firstIndex { $0 >= 1 }
    let afterMemorised = memorised.map { Array(train0[$0...]) } ?? []
    /// The mean of the last 20 epochs: the level a curve settles at.
    func level(_ values: [Double]) -> Double { values.suffix(20).reduce(0, +) / Double(min(20, values.count)) }
    // The shrinking alone: 3 updates per epoch, each multiplying every weight by 1 − η·λ (η = 0.01).
    let decayAlone = pow(1 - 0.01 * lambda, Double(2 * 3 * last))

    let sweep = tables.sweep
    let lambdas = sweep["lambda"], sweepGap = sweep["gap"], sweepTest = sweep["test"], sweepTrain = sweep["train"]
    let sweepSum = sweep["sumW2"]
    let bestTest = sweepTest.indices.max { sweepTest[$0] < sweepTest[$1] }!
    let at = { (value: Double) in lambdas.firstIndex { abs($0 - value) < 1e-12 }! }
    func descending(_ values: [Double]) -> Bool { zip(values, values.dropFirst()).allSatisfy { $0 >= $1 } }
    let runCount = runs.columns.filter { $0.hasPrefix("test ") }.count
    let nonFinite = (runs.rows + sweep.rows).filter { $0.contains { !$0.isFinite } }.count
    // The shrinking alone from the first measurement to the last: (1 − η·λ)^(2·3·last) per sweep λ.
    let aloneSweep = lambdas.map { sum0[0] * pow(1 - 0.01 * $0, Double(2 * 3 * last)) }
    let decayWins = lambdas.indices.filter { lambdas[$0] >= 0.3 }
    let rule = tables.updateRule
    let ruleDeviation = rule["max deviation"][0], ruleWeight = rule["max weight"][0]

    return [
        Finding(
            "weight-decay.update-rule",
            "One SGD step of the network with λ = \(String(format: "%g", rule["lambda"][0])) lands on (1 − η·λ)·W − η·∂L/∂W, with ∂L/∂W from the same network without decay, to within \(String(format: "%.1e", ruleDeviation)) (weights up to \(decimal(ruleWeight, 2))): each step multiplies every weight by \(String(format: "%g", rule["factor"][0])) besides the loss's step.",
            holds: ruleDeviation < 1e-12 * ruleWeight,
            values: ["lambda": rule["lambda"][0], "deviation": ruleDeviation, "largest weight": ruleWeight, "factor": rule["factor"][0]]),
        Finding(
            "weight-decay.all-finite",
            "Every loss and every measurement of the \(runCount) runs and the \(sweep.rows.count) sweep runs is a finite number: \(nonFinite) rows with a NaN.",
            holds: nonFinite == 0,
            values: ["runs": Double(runCount), "sweep runs": Double(sweep.rows.count), "rows with NaN": Double(nonFinite)]),
        Finding(
            "weight-decay.memorises",
            "Without weight decay the training accuracy first reaches 1.0 at epoch \(memorised.map(String.init) ?? "never") and stays at \(decimal(afterMemorised.min() ?? .nan, 3)) or above after it.",
            holds: (memorised ?? 999) <= 180 && (afterMemorised.min() ?? 0) >= 0.99,
            values: ["epoch": memorised.map(Double.init) ?? .nan, "lowest after": afterMemorised.min() ?? .nan]),
        Finding(
            "weight-decay.test-levels-off",
            "Its test accuracy levels off near 0.75 (mean of the last 20 epochs \(decimal(level(test0))), last \(decimal(test0[last]))), so the gap ends at \(decimal(gap0[last], 2)).",
            holds: isAbout(level(test0), 0.75, tolerance: 0.03) && gap0[last] > 0.2,
            values: ["test level": level(test0), "test last": test0[last], "gap last": gap0[last]]),
        Finding(
            "weight-decay.gap-narrower",
            "With λ = \(lambda) the training accuracy settles near 0.9 (last 20 epochs: \(decimal(level(train1)))) and the gap at \(decimal(level(gap1), 2)) against \(decimal(level(gap0), 2)) without.",
            holds: isAbout(level(train1), 0.9, tolerance: 0.05) && level(gap1) < level(gap0) - 0.03,
            values: [
                "lambda": lambda, "train level with decay": level(train1), "gap level with decay": level(gap1),
                "gap level without": level(gap0),
            ]),
        Finding(
            "weight-decay.sum-falls",
            "With λ = \(lambda), ΣW² falls from \(decimal(sum1[0], 0)) to \(decimal(sum1[last], 0)) (×\(decimal(sum1[last] / sum1[0], 2))); the shrinking factor alone would give ×\(decimal(decayAlone, 2)).",
            holds: isAbout(sum1[last] / sum1[0], 1.0 / 3, tolerance: 0.05) && isAbout(sum1[last] / sum1[0], decayAlone, tolerance: 0.05),
            values: ["lambda": lambda, "first": sum1[0], "last": sum1[last], "ratio": sum1[last] / sum1[0], "decay alone": decayAlone]),
        Finding(
            "weight-decay.no-growth",
            "Without weight decay ΣW² goes from \(decimal(sum0[0], 0)) to \(decimal(sum0[last], 0)) (\(String(format: "%+.1f", 100 * (sum0[last] / sum0[0] - 1))) %) while the network memorises its images.",
            holds: abs(sum0[last] / sum0[0] - 1) < 0.05,
            values: ["first": sum0[0], "last": sum0[last], "change %": 100 * (sum0[last] / sum0[0] - 1)]),
        Finding(
            "weight-decay.test-not-higher",
            "With λ = \(lambda) the test accuracy is not higher: \(decimal(level(test1))) against \(decimal(level(test0))) without (means of the last 20 epochs).",
            holds: level(test1) <= level(test0),
            values: ["lambda": lambda, "test level with decay": level(test1), "test level without": level(test0)]),
        Finding(
            "weight-decay.sweep-gap",
            "In the sweep the gap narrows as λ grows: \(zip(lambdas, sweepGap).map { "\(String(format: "%g", $0)): \(decimal($1, 2))" }.joined(separator: ", ")).",
            holds: sweepGap[at(0)] > sweepGap[at(0.1)] && sweepGap[at(0.1)] > sweepGap[at(1)],
            values: lambdas.indices.map { ("gap at lambda=\(String(format: "%g", lambdas[$0]))", sweepGap[$0]) }),
        Finding(
            "weight-decay.sweep-test",
            "The test accuracy is highest at λ = \(String(format: "%g", lambdas[bestTest])) (\(decimal(sweepTest[bestTest]))), against \(decimal(sweepTest[at(0)])) at λ = 0; from λ = 0.3 on the network learns nothing (train \(decimal(sweepTrain[at(0.3)])), test \(decimal(sweepTest[at(0.3)]))), so its small gap means nothing.",
            holds: lambdas[bestTest] <= 0.03 && sweepTest[at(0.3)] < 0.2 && sweepTest[at(1)] < 0.2,
            values: [
                "best lambda": lambdas[bestTest], "best test": sweepTest[bestTest], "test at lambda=0": sweepTest[at(0)],
                "best test minus lambda=0": sweepTest[bestTest] - sweepTest[at(0)],
                "train at lambda=0.3": sweepTrain[at(0.3)], "test at lambda=0.3": sweepTest[at(0.3)],
            ]),
        Finding(
            "weight-decay.sweep-decay-alone",
            "From λ = 0.3 on ΣW² ends where the shrinking alone takes it from the first measurement (\(decayWins.map { "\(String(format: "%.3g", sweepSum[$0])) against \(String(format: "%.3g", aloneSweep[$0])) at λ = \(String(format: "%g", lambdas[$0]))" }.joined(separator: ", "))): the loss's gradient holds up none of the weights; at λ = 0.1, \(decimal(sweepSum[at(0.1)], 0)) against \(decimal(aloneSweep[at(0.1)], 0)).",
            holds: !decayWins.isEmpty && decayWins.allSatisfy { isAbout(sweepSum[$0] / aloneSweep[$0], 1, tolerance: 0.05) }
                && sweepSum[at(0.1)] > 1.05 * aloneSweep[at(0.1)],
            values: decayWins.flatMap { k in
                [
                    ("sumW2 at lambda=\(String(format: "%g", lambdas[k]))", sweepSum[k]),
                    ("alone at lambda=\(String(format: "%g", lambdas[k]))", aloneSweep[k]),
                ]
            } + [("sumW2 at lambda=0.1", sweepSum[at(0.1)]), ("alone at lambda=0.1", aloneSweep[at(0.1)])]),
        Finding(
            "weight-decay.sweep-weights",
            "ΣW² after the last update falls steadily with λ, from \(decimal(sweepSum[at(0)], 0)) at λ = 0 to \(String(format: "%.2g", sweepSum[at(1)])) at λ = 1.",
            holds: descending(sweepSum),
            values: ["sumW2 at lambda=0": sweepSum[at(0)], "sumW2 at lambda=1": sweepSum[at(1)]]),
        Finding(
            "weight-decay.exercise-small-and-large",
            "At λ = 0.01 the run ends at train \(decimal(sweepTrain[at(0.01)])) and test \(decimal(sweepTest[at(0.01)])) (λ = 0: \(decimal(sweepTrain[at(0)])) and \(decimal(sweepTest[at(0)]))); at λ = 1 at train \(decimal(sweepTrain[at(1)])) and test \(decimal(sweepTest[at(1)])).",
            holds: abs(sweepGap[at(0.01)] - sweepGap[at(0)]) < 0.05 && sweepTrain[at(1)] < 0.8,
            values: [
                "train at lambda=0.01": sweepTrain[at(0.01)], "test at lambda=0.01": sweepTest[at(0.01)],
                "train at lambda=0": sweepTrain[at(0)], "test at lambda=0": sweepTest[at(0)], "train at lambda=1": sweepTrain[at(1)],
                "test at lambda=1": sweepTest[at(1)],
            ]),
        Finding(
            "weight-decay.sweep-repeats-the-runs",
            "The sweep's λ = 0 run ends exactly where the run above ends (test \(decimal(sweepTest[at(0)], 4)) and \(decimal(test0[last], 4))): same batches, same start, so the sweep extends the experiment.",
            holds: sweepTest[at(0)] == test0[last]
                && lambdas.firstIndex(of: lambda).map { sweepTest[$0] == test1[last] } ?? true,
            values: ["sweep test at lambda=0": sweepTest[at(0)], "run test last": test0[last]]),
    ]
}
