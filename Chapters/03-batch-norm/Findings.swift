// Findings.swift — what the batch-norm chapter claims, computed from its
// tables (the ones it has just made, or the ones committed under figures/).

import ChapterKit
import Foundation

/// The chapter's findings, from its tables.
func batchNormFindings(_ tables: BatchNormTables) -> [Finding] {
    // The 16 scales: the column prefixes `W:σ`, in order.
    let scaleTable = tables.scales
    let labels = scaleTable.columns.filter { $0.hasSuffix(" BN") }.map { String($0.dropLast(3)) }
    let sigma = { (label: String) in Double(label.dropFirst(2))! }
    let finalPlain = labels.map { scaleTable["\($0) normal"].last! }
    let finalBN = labels.map { scaleTable["\($0) BN"].last! }
    let ahead = labels.indices.filter { finalBN[$0] > finalPlain[$0] }
    let plainLearns = labels.indices.filter { finalPlain[$0] > 0.5 }
    let plainLearnsSigmas = plainLearns.map { sigma(labels[$0]) }
    /// The first epoch at which a curve passes 0.5 (nil: never).
    func firstAboveHalf(_ column: String) -> Int? { scaleTable[column].firstIndex { $0 > 0.5 } }
    let bnSooner = labels.filter { label in
        guard let bn = firstAboveHalf("\(label) BN") else { return false }
        return firstAboveHalf("\(label) normal").map { bn < $0 } ?? true
    }
    let nearOne = labels.indices.filter { finalBN[$0] >= 0.99 }.map { sigma(labels[$0]) }
    let firstBN = labels.map { scaleTable["\($0) BN"][0] }
    let stalled = labels.indices.filter { !plainLearns.contains($0) }.map { finalPlain[$0] }
    let best = labels.indices.filter { plainLearns.contains($0) }.max { finalPlain[$0] - finalBN[$0] < finalPlain[$1] - finalBN[$1] }
    // The single panel's scale: the one nearest σ ≈ 0.086 (main.swift's singleScaleIndex).
    let single = labels.min { abs(sigma($0) - 0.086) < abs(sigma($1) - 0.086) }!

    // Why: the loss and the gradient against c.
    let invariance = tables.invariance
    let factors = invariance["c"]
    let lossBN = invariance["loss BN"], lossPlain = invariance["loss normal"]
    let gradientBN = invariance["grad BN"], reference = invariance["grad BN at c=1 over c"]
    let lossSpread = lossBN.max()! - lossBN.min()!
    let worstRatio = zip(gradientBN, reference).map { abs($0 / $1 - 1) }.max()!

    // Where: batch sizes and learning rates.
    let sizes = tables.batchSize["batch size"]
    let testBN = tables.batchSize["test BN"], testPlain = tables.batchSize["test normal"]
    let smallest = sizes.indices.min { sizes[$0] < sizes[$1] }!, largest = sizes.indices.max { sizes[$0] < sizes[$1] }!
    let largerBatchGap = sizes.indices.filter { $0 != smallest }.map { abs(testBN[$0] - testPlain[$0]) }.max()!
    let rates = tables.learningRate
    func rateFinal(_ rate: String, _ kind: String) -> Double { rates["eta=\(rate) \(kind)"].last! }
    func epochsTo(_ rate: String, _ kind: String, _ level: Double) -> Int? { rates["eta=\(rate) \(kind)"].firstIndex { $0 >= level } }
    let normW1 = rates["eta=0.5 BN norm W1"], normW1Slow = rates["eta=0.01 BN norm W1"]
    let plainFast = rates["eta=0.5 normal"]
    let lurches = zip(plainFast, plainFast.dropFirst()).filter { $0 - $1 > 0.1 }.count
    func label(_ epoch: Int?) -> String { epoch.map { "epoch \($0)" } ?? "never" }

    return [
        Finding(
            "batch-norm.ahead-at-most-scales",
            "With batch normalization the final training accuracy is higher at \(ahead.count) of the \(labels.count) scales.",
            holds: ahead.count >= 12),
        Finding(
            "batch-norm.sooner-at-most-scales",
            "Batch normalization passes 0.5 sooner than the plain network at \(bnSooner.count) of the \(labels.count) scales.",
            holds: bnSooner.count >= 10),
        Finding(
            "batch-norm.plain-learns-near-he",
            "The plain network ends above 0.5 only at σ = \(plainLearnsSigmas.map { String(format: "%.2f", $0) }.joined(separator: " and ")), near He's √(2/100) ≈ 0.14 for the 100-unit layers; elsewhere it ends at or below \(decimal(stalled.max() ?? .nan, 2)), near chance.",
            holds: !plainLearnsSigmas.isEmpty && plainLearnsSigmas.allSatisfy { $0 > 0.1 && $0 < 0.4 } && (stalled.max() ?? 1) < 0.2),
        Finding(
            "batch-norm.plain-ahead-where-well-scaled",
            best.map {
                "Where the plain network learns, it is ahead: by \(decimal(finalPlain[$0] - finalBN[$0], 2)) at σ = \(String(format: "%.2f", sigma(labels[$0]))) (\(decimal(finalPlain[$0])) against \(decimal(finalBN[$0])))."
            } ?? "The plain network learns at no scale.",
            holds: plainLearns.allSatisfy { finalPlain[$0] > finalBN[$0] }),
        Finding(
            "batch-norm.climbs-everywhere",
            "With batch normalization the network ends above 0.4 at every scale (lowest \(decimal(finalBN.min()!, 2))), and at 0.99 or more for σ from \(String(format: "%.4g", nearOne.min() ?? .nan)) to \(String(format: "%.4g", nearOne.max() ?? .nan)).",
            holds: finalBN.min()! > 0.4 && nearOne.count >= 3),
        Finding(
            "batch-norm.single-scale",
            "At σ ≈ 0.086 the plain network ends at \(decimal(scaleTable["\(single) normal"].last!)), the normalized one at \(decimal(scaleTable["\(single) BN"].last!)).",
            holds: scaleTable["\(single) normal"].last! < 0.25 && isAbout(scaleTable["\(single) BN"].last!, 0.9, tolerance: 0.05)),
        Finding(
            "batch-norm.first-point-near-chance",
            "The first batch-norm point, after one update in test mode, lies between \(decimal(firstBN.min()!, 2)) and \(decimal(firstBN.max()!, 2)) at every scale: near chance.",
            holds: firstBN.max()! < 0.2),
        Finding(
            "batch-norm.loss-ignores-scale",
            "Multiplying W1 by c from \(decimal(factors.min()!, 1)) to \(decimal(factors.max()!, 0)) changes the batch-normalized loss by \(String(format: "%.1e", lossSpread)) (the plain network's: from \(decimal(lossPlain.min()!, 2)) to \(decimal(lossPlain.max()!, 2))).",
            holds: lossSpread < 1e-3 && lossPlain.max()! - lossPlain.min()! > 0.5),
        Finding(
            "batch-norm.gradient-scales-inversely",
            "Its gradient with respect to W1 follows 1/c to within \(String(format: "%.1g", 100 * worstRatio)) %: at c = 10 the step η·∂L/∂W1 is ten times smaller against a W1 ten times larger.",
            holds: worstRatio < 0.01),
        Finding(
            "batch-norm.small-batches",
            "At B = \(Int(sizes[smallest])) batch normalization collapses: after the same \(Int(sizes[largest] * tables.batchSize["updates"][largest])) images its test accuracy is \(decimal(testBN[smallest])), against \(decimal(testPlain[smallest])) without it.",
            holds: testBN[smallest] < 0.3 && testPlain[smallest] > 0.7),
        Finding(
            "batch-norm.batch-sizes-no-lead",
            "From B = \(Int(sizes.filter { $0 > sizes[smallest] }.min()!)) to \(Int(sizes[largest])), with and without batch normalization end within \(decimal(largerBatchGap, 3)) of each other on the test images (at B = \(Int(sizes[largest])): \(decimal(testBN[largest])) with, \(decimal(testPlain[largest])) without): from He's start it buys no test accuracy at this budget.",
            holds: largerBatchGap < 0.07),
        Finding(
            "batch-norm.larger-rate",
            "From He's start, at η = 0.1 the normalized network reaches 0.9 at \(label(epochsTo("0.1", "BN", 0.9))), the plain one at \(label(epochsTo("0.1", "normal", 0.9))); at η = 0.5 the normalized one reaches 0.99 at \(label(epochsTo("0.5", "BN", 0.99))) while the plain one falls back by more than 0.1 between epochs \(lurches) times and ends at \(decimal(rateFinal("0.5", "normal"))).",
            holds: (epochsTo("0.1", "BN", 0.9) ?? 99) < (epochsTo("0.1", "normal", 0.9) ?? 99)
                && rateFinal("0.5", "BN") > 0.95 && rateFinal("0.5", "normal") < 0.8 && lurches >= 2),
        Finding(
            "batch-norm.exercise-he-plain",
            "At the book's η = 0.01 from He's start the plain network ends at \(decimal(rateFinal("0.01", "normal"))) and the normalized one at \(decimal(rateFinal("0.01", "BN"))).",
            holds: rateFinal("0.01", "normal") > 0.5 && rateFinal("0.01", "BN") - rateFinal("0.01", "normal") < 0.15),
        Finding(
            "batch-norm.weights-grow",
            "Training makes W1 of the normalized network grow, more at larger η: |W1| goes from \(decimal(normW1[0], 2)) after the first update to \(decimal(normW1.last!, 2)) at η = 0.5 (an effective step \(decimal(pow(normW1[0] / normW1.last!, 2), 2)) times the first), but only from \(decimal(normW1Slow[0], 2)) to \(decimal(normW1Slow.last!, 2)) at η = 0.01.",
            holds: normW1.last! > 1.02 * normW1[0] && normW1.last! / normW1[0] > normW1Slow.last! / normW1Slow[0]),
    ]
}
