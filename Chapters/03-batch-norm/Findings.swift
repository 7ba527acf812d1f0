// Findings.swift — what the batch-norm chapter claims, computed from its
// tables (the ones it has just made, or the ones committed under figures/).

import BookCore
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
    // A diverged network's accuracies are NaN: it counts in no comparison.
    let plainDiverged = labels.indices.filter { finalPlain[$0].isNaN }
    let bothFinite = labels.indices.filter { !finalPlain[$0].isNaN && !finalBN[$0].isNaN }
    let ahead = bothFinite.filter { finalBN[$0] > finalPlain[$0] }
    let plainLearns = labels.indices.filter { finalPlain[$0] > 0.5 }
    let plainLearnsSigmas = plainLearns.map { sigma(labels[$0]) }
    /// The first epoch at which a curve passes 0.5 (nil: never).
    func firstAboveHalf(_ column: String) -> Int? { scaleTable[column].firstIndex { $0 > 0.5 } }
    let passes = labels.map { (plain: firstAboveHalf("\($0) normal"), bn: firstAboveHalf("\($0) BN")) }
    let bothPass = labels.indices.filter { passes[$0].plain != nil && passes[$0].bn != nil }
    let plainFirst = bothPass.filter { passes[$0].plain! < passes[$0].bn! }
    let onlyBNPasses = labels.indices.filter { passes[$0].plain == nil && passes[$0].bn != nil }
    let passEpochs = bothPass.map { (i: Int) -> String in "\(passes[i].plain!) against \(passes[i].bn!)" }.joined(separator: ", ")
    let epochValues = bothPass.flatMap { (i: Int) -> [(String, Double)] in
        let at = String(format: "%.2g", sigma(labels[i]))
        return [("plain epoch at σ=\(at)", Double(passes[i].plain!)), ("BN epoch at σ=\(at)", Double(passes[i].bn!))]
    }
    let passValues: [(String, Double)] =
        [("both pass", Double(bothPass.count)), ("plain first", Double(plainFirst.count))] + epochValues
        + [("only BN passes", Double(onlyBNPasses.count))]
    let nearOne = labels.indices.filter { finalBN[$0] >= 0.99 }.map { sigma(labels[$0]) }
    let firstBN = labels.map { scaleTable["\($0) BN"][0] }, firstPlain = labels.map { scaleTable["\($0) normal"][0] }
    let firstBNBelow = firstBN.filter { $0 < 0.2 }.count
    let firstNaN = plainDiverged.map { scaleTable["\(labels[$0]) normal"].firstIndex(where: \.isNaN)! }
    let sigmaList = { (indices: [Int]) in indices.map { String(format: "%.2g", sigma(labels[$0])) }.joined(separator: " and ") }
    let anyNaN = { (table: DataTable) in table.rows.contains { $0.contains(where: \.isNaN) } }
    // The plain network at η = 0.5 may diverge too: batch-norm.larger-rate reports it.
    let rateNaN = tables.learningRate.columns.filter { !$0.hasSuffix(" normal") }.contains {
        tables.learningRate[$0].contains(where: \.isNaN)
    }
    let otherNaN =
        labels.contains { scaleTable["\($0) BN"].contains(where: \.isNaN) } || anyNaN(tables.invariance)
        || anyNaN(tables.batchSize) || rateNaN || anyNaN(tables.epsilon)
    // The scales above and below the ones where the plain network learns, and the one just below.
    let above = labels.indices.filter { sigma(labels[$0]) > (plainLearnsSigmas.max() ?? .infinity) }
    let below = labels.indices.filter { sigma(labels[$0]) < (plainLearnsSigmas.min() ?? 0) }
    let nextBelow = below.max { sigma(labels[$0]) < sigma(labels[$1]) }
    let otherStalled = labels.indices.filter {
        !plainLearns.contains($0) && !plainDiverged.contains($0) && $0 != nextBelow
    }.map { finalPlain[$0] }

    // Where ε takes over: per scale, the batch variance v and x̂'s RMS of each layer.
    let eps = tables.epsilon
    let epsSigmas = eps["sigma"]
    let layerCount = eps.columns.filter { $0.hasPrefix("rms") && $0.hasSuffix(" start") }.count
    let rmsStart = (1...layerCount).map { eps["rms\($0) start"] }, rmsEnd = (1...layerCount).map { eps["rms\($0) end"] }
    // Where ε is negligible (x̂'s RMS above 0.999 in every layer), v grows as σ²: v / σ² per layer.
    let negligible = epsSigmas.indices.filter { row in rmsStart.allSatisfy { $0[row] > 0.999 } }
    let ratios = (1...layerCount).map { layer in negligible.map { eps["v\(layer) start"][$0] / pow(epsSigmas[$0], 2) } }
    let deeperRatios = ratios.dropFirst().flatMap { $0 }
    // A layer fed by 100 units ReLU(x̂), x̂ standard normal: v = σ²·100·Var(ReLU(z)) = σ²·100·(1/2 − 1/(2π)).
    let fedWidth = 100.0
    let reluVariance = 0.5 - 1 / (2 * Double.pi)
    let a = fedWidth * reluVariance  // v / σ² for layers 2 on
    let crossover = (BatchNormalization.epsilon / a).squareRoot()
    let crossoverFirst = (BatchNormalization.epsilon / ratios[0].reduce(0, +) * Double(ratios[0].count)).squareRoot()
    let smallest = epsSigmas.indices.min { epsSigmas[$0] < epsSigmas[$1] }!
    let nearOneDown = epsSigmas.indices.filter { row in rmsStart.allSatisfy { $0[row] > 0.99 } }.map { epsSigmas[$0] }.min() ?? .nan
    // Where x̂ does not stay near 1: the scales whose last layer starts below 0.99, largest σ first.
    let affected = epsSigmas.indices.filter { rmsStart.last![$0] < 0.99 }.sorted { epsSigmas[$0] > epsSigmas[$1] }
    // The chain r²ₖ₊₁ = v/(v + ε), v = a·σ²·r²ₖ, from layer 1's measured RMS.
    func predicted(_ row: Int) -> [Double] {
        (1..<layerCount).reduce([rmsStart[0][row]]) { chain, _ in
            let v = a * pow(epsSigmas[row], 2) * pow(chain.last!, 2)
            return chain + [(v / (v + BatchNormalization.epsilon)).squareRoot()]
        }
    }
    let predictionErrors = affected.flatMap { (row: Int) -> [Double] in
        zip(predicted(row), rmsStart.map { $0[row] }).map { (prediction: Double, measured: Double) in abs(prediction / measured - 1) }
    }
    let worstPrediction = predictionErrors.max() ?? .nan
    let rmsList = { (row: Int) in rmsStart.map { decimal($0[row], 2) }.joined(separator: ", ") }
    let finalBNOf = { (row: Int) in scaleTable["\(String(format: "W:%.4g", epsSigmas[row])) BN"].last! }
    let smallScales = epsSigmas.indices.filter { epsSigmas[$0] < 0.01 }
    let shrunk = smallScales.filter { rmsStart.last![$0] < 0.5 }.sorted { epsSigmas[$0] > epsSigmas[$1] }
    let dropping = smallScales.filter { !shrunk.contains($0) && finalBNOf($0) < 0.9 }.sorted { epsSigmas[$0] > epsSigmas[$1] }
    let sigmaText = { (row: Int) in String(format: "%.2g", epsSigmas[row]) }
    // How much training grows ‖W1‖ of the normalized network, per scale.
    let growth = eps.rows.indices.map { eps["BN norm W1 end"][$0] / eps["BN norm W1 start"][$0] }
    let lowEnding = smallScales.filter { finalBNOf($0) < 0.9 }, highEnding = smallScales.filter { finalBNOf($0) >= 0.9 }
    let largeScales = epsSigmas.indices.filter { epsSigmas[$0] >= 0.01 }
    let scoresRMS = eps["plain scores rms start"]
    let scoreOf = { (label: String) in scoresRMS[epsSigmas.firstIndex { String(format: "W:%.4g", $0) == label }!] }
    let w1Start = eps["BN norm W1 start"], w1End = eps["BN norm W1 end"]
    let belowScores = below.map { scoreOf(labels[$0]) }
    let best = labels.indices.filter { plainLearns.contains($0) }.max { finalPlain[$0] - finalBN[$0] < finalPlain[$1] - finalBN[$1] }
    // The single panel's scale: the one nearest σ ≈ 0.086 (main.swift's singleScaleIndex).
    let single = labels.min { abs(sigma($0) - 0.086) < abs(sigma($1) - 0.086) }!
    let singlePlain = scaleTable["\(single) normal"].last!, singleBN = scaleTable["\(single) BN"].last!

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
    let smallestBatch = sizes.indices.min { sizes[$0] < sizes[$1] }!, largest = sizes.indices.max { sizes[$0] < sizes[$1] }!
    let ownStatistics = tables.batchSize["test BN own batch statistics"]
    // Batch normalization's test accuracy minus the plain network's, from the second-smallest batch up.
    let leads = sizes.indices.filter { $0 != smallestBatch }.map { (size: sizes[$0], lead: testBN[$0] - testPlain[$0]) }
    let largestLead = leads.max { $0.lead < $1.lead }!, largestLag = leads.min { $0.lead < $1.lead }!
    let rates = tables.learningRate
    func rateFinal(_ rate: String, _ kind: String) -> Double { rates["eta=\(rate) \(kind)"].last! }
    func epochsTo(_ rate: String, _ kind: String, _ level: Double) -> Int? { rates["eta=\(rate) \(kind)"].firstIndex { $0 >= level } }
    let normW1 = rates["eta=0.5 BN norm W1"], normW1Slow = rates["eta=0.01 BN norm W1"]
    let plainFast = rates["eta=0.5 normal"]
    let lurches = zip(plainFast, plainFast.dropFirst()).filter { $0 - $1 > 0.1 }.count
    let plainFastBest = plainFast.filter { !$0.isNaN }.max() ?? .nan, plainFastNaN = plainFast.firstIndex(where: \.isNaN)
    func label(_ epoch: Int?) -> String { epoch.map { "epoch \($0)" } ?? "never" }

    let layerValues = affected.flatMap { (row: Int) -> [(String, Double)] in
        rmsStart.indices.map { (layer: Int) -> (String, Double) in ("layer \(layer + 1) at σ=\(sigmaText(row))", rmsStart[layer][row]) }
    }
    let epsilonValues: [(String, Double)] =
        [("smallest σ above 0.99", nearOneDown), ("predicted", a), ("crossover σ", crossover)] + layerValues
        + [("worst prediction %", 100 * worstPrediction)]
    let affectedList = affected.map { (row: Int) -> String in "\(rmsList(row)) at σ = \(sigmaText(row))" }.joined(separator: "; ")
    let droppingLowest = dropping.map { (row: Int) -> Double in rmsStart.map { $0[row] }.min()! }.min() ?? .nan
    let finalsAt = { (rows: [Int]) -> [(String, Double)] in rows.map { (row: Int) in ("BN at σ=\(sigmaText(row))", finalBNOf(row)) } }
    let finalsList = { (rows: [Int]) -> String in
        rows.map { (row: Int) -> String in "\(decimal(finalBNOf(row))) at σ = \(sigmaText(row))" }.joined(separator: ", ")
    }
    return [
        Finding(
            "batch-norm.plain-diverges",
            "The plain network's loss stops being a number at σ = \(sigmaList(plainDiverged)): its accuracy is NaN from epoch \(Set(firstNaN).sorted().map(String.init).joined(separator: " or ")) on and is counted nowhere (the book's code would score the argmax of NaN rows, digit 0, as guesses); no normalized network of the grid or the sweeps has a NaN, nor the plain one in the batch-size sweep.",
            holds: !plainDiverged.isEmpty && plainDiverged.allSatisfy { sigma(labels[$0]) > 0.5 } && !otherNaN,
            values: [
                ("diverged scales", Double(plainDiverged.count)),
                ("smallest diverged σ", plainDiverged.map { sigma(labels[$0]) }.min() ?? .nan),
                ("first NaN epoch, earliest", firstNaN.min().map(Double.init) ?? .nan),
                ("first NaN epoch, latest", firstNaN.max().map(Double.init) ?? .nan),
                ("other networks with a NaN", otherNaN ? 1 : 0),
            ]),
        Finding(
            "batch-norm.ahead-at-most-scales",
            "With batch normalization the final training accuracy is higher at \(ahead.count) of the \(bothFinite.count) scales where both networks stay finite.",
            holds: ahead.count >= bothFinite.count - 3,
            values: ["ahead": Double(ahead.count), "both finite": Double(bothFinite.count)]),
        Finding(
            "batch-norm.sooner-where-both-pass",
            "Both networks pass 0.5 at \(bothPass.count) scales (σ = \(sigmaList(bothPass))), and there the plain one is first at \(plainFirst.count) (epoch \(passEpochs)); at \(onlyBNPasses.count) more scales only the normalized one passes 0.5.",
            holds: !bothPass.isEmpty && plainFirst.count == bothPass.count && onlyBNPasses.count >= 10,
            values: passValues),
        Finding(
            "batch-norm.plain-learns-near-he",
            "The plain network ends above 0.5 only at σ = \(plainLearnsSigmas.map { String(format: "%.2f", $0) }.joined(separator: " and ")), near He's √(2/100) ≈ 0.14 for the 100-unit layers; at σ = \(nextBelow.map { String(format: "%.2g", sigma(labels[$0])) } ?? "none"), just below, it ends at \(decimal(nextBelow.map { finalPlain[$0] } ?? .nan, 2)), and at the other scales where it does not diverge at or below \(decimal(otherStalled.max() ?? .nan, 2)), near chance.",
            holds: !plainLearnsSigmas.isEmpty && plainLearnsSigmas.allSatisfy { $0 > 0.1 && $0 < 0.4 }
                && nextBelow.map { finalPlain[$0] < 0.5 } ?? false && (otherStalled.max() ?? 1) < 0.2,
            values: [
                ("scales where it learns", Double(plainLearns.count)),
                ("smallest σ where it learns", plainLearnsSigmas.min() ?? .nan),
                ("largest σ where it learns", plainLearnsSigmas.max() ?? .nan),
                ("σ just below", nextBelow.map { sigma(labels[$0]) } ?? .nan),
                ("just below", nextBelow.map { finalPlain[$0] } ?? .nan),
                ("highest elsewhere", otherStalled.max() ?? .nan),
            ]),
        Finding(
            "batch-norm.plain-scores-at-start",
            "At the start the plain network's scores have an RMS of \(above.map { String(format: "%.2g", scoreOf(labels[$0])) }.joined(separator: " and ")) at σ = \(sigmaList(above)), above the scales where it learns, \(plainLearns.map { String(format: "%.2g", scoreOf(labels[$0])) }.joined(separator: " and ")) where it learns, and from \(String(format: "%.2g", (belowScores.max() ?? .nan))) down to \(String(format: "%.2g", (belowScores.min() ?? .nan))) below them, where it stalls: the exploding and vanishing signal of chapter 2.",
            holds: !above.isEmpty && above.allSatisfy { scoreOf(labels[$0]) > 1000 } && (belowScores.max() ?? .nan) < 0.1,
            values: [
                ("smallest above", above.map { scoreOf(labels[$0]) }.min() ?? .nan),
                ("largest where it learns", plainLearns.map { scoreOf(labels[$0]) }.max() ?? .nan),
                ("smallest where it learns", plainLearns.map { scoreOf(labels[$0]) }.min() ?? .nan),
                ("largest below", belowScores.max() ?? .nan), ("smallest below", belowScores.min() ?? .nan),
            ]),
        Finding(
            "batch-norm.plain-ahead-where-well-scaled",
            best.map {
                "Where the plain network learns, it is ahead: by \(decimal(finalPlain[$0] - finalBN[$0], 2)) at σ = \(String(format: "%.2f", sigma(labels[$0]))) (\(decimal(finalPlain[$0])) against \(decimal(finalBN[$0])))."
            } ?? "The plain network learns at no scale.",
            holds: plainLearns.allSatisfy { finalPlain[$0] > finalBN[$0] },
            values: [
                ("lead", best.map { finalPlain[$0] - finalBN[$0] } ?? .nan), ("σ", best.map { sigma(labels[$0]) } ?? .nan),
                ("plain", best.map { finalPlain[$0] } ?? .nan), ("BN", best.map { finalBN[$0] } ?? .nan),
            ]),
        Finding(
            "batch-norm.climbs-everywhere",
            "With batch normalization the network ends above 0.4 at every scale (lowest \(decimal(finalBN.min()!, 2))), and at 0.99 or more for σ from \(String(format: "%.4g", nearOne.min() ?? .nan)) to \(String(format: "%.4g", nearOne.max() ?? .nan)).",
            holds: finalBN.min()! > 0.4 && nearOne.count >= 3,
            values: [
                "lowest": finalBN.min()!, "smallest σ at 0.99": nearOne.min() ?? .nan,
                "largest σ at 0.99": nearOne.max() ?? .nan,
            ]),
        Finding(
            "batch-norm.single-scale",
            "At σ ≈ 0.086 the plain network ends at \(decimal(singlePlain)), the normalized one at \(decimal(singleBN)), \(decimal(singleBN - singlePlain, 2)) ahead.",
            holds: isAbout(singleBN, 0.9, tolerance: 0.05) && singleBN - singlePlain > 0.5,
            values: ["plain": singlePlain, "BN": singleBN, "lead": singleBN - singlePlain]),
        Finding(
            "batch-norm.first-point-near-chance",
            "The first point, after one update, lies between \(decimal(firstPlain.min()!, 2)) and \(decimal(firstPlain.max()!, 2)) without batch normalization at every scale, and between \(decimal(firstBN.min()!, 2)) and \(decimal(firstBN.max()!, 2)) with it, below 0.2 at \(firstBNBelow) of the \(labels.count) scales: both near chance, the normalized one a step ahead at a few.",
            holds: firstPlain.max()! < 0.2 && firstBNBelow >= labels.count - 2,
            values: [
                "plain lowest": firstPlain.min()!, "plain highest": firstPlain.max()!, "BN lowest": firstBN.min()!,
                "BN highest": firstBN.max()!, "BN scales below 0.2": Double(firstBNBelow),
            ]),
        Finding(
            "batch-norm.variance-grows-as-sigma-squared",
            "At the start, where ε is negligible (σ ≥ \(String(format: "%.2g", (negligible.map { epsSigmas[$0] }.min() ?? .nan)))), the batch variance v of a layer's input is \(decimal((ratios[0].min() ?? .nan), 0))–\(decimal((ratios[0].max() ?? .nan), 0))·σ² in layer 1 and \(decimal((deeperRatios.min() ?? .nan), 1))–\(decimal((deeperRatios.max() ?? .nan), 1))·σ² in layers 2 to \(layerCount), as 100·Var(ReLU(z)) = 100·(1/2 − 1/(2π)) = \(decimal(a, 1)) predicts for 100 normalized units; so ε = 1e-6 equals v at σ = √(ε/\(decimal(a, 1))) = \(String(format: "%.2g", crossover)) in the deeper layers (\(String(format: "%.2g", crossoverFirst)) in layer 1).",
            holds: deeperRatios.allSatisfy { isAbout($0, a, tolerance: 0.1 * a) },
            values: [
                "smallest σ where ε is negligible": negligible.map { epsSigmas[$0] }.min() ?? .nan,
                "layer 1 lowest": ratios[0].min() ?? .nan, "layer 1 highest": ratios[0].max() ?? .nan,
                "deeper lowest": deeperRatios.min() ?? .nan, "deeper highest": deeperRatios.max() ?? .nan,
                "predicted": a, "crossover σ": crossover, "crossover σ, layer 1": crossoverFirst,
            ]),
        Finding(
            "batch-norm.epsilon-takes-over",
            "At the start x̂'s RMS is above 0.99 in every layer for σ ≥ \(String(format: "%.2g", nearOneDown)). Below, layer by layer r²ₖ₊₁ = v/(v + ε) with v = \(decimal(a, 1))·σ²·r²ₖ: it settles at √(1 − ε/(\(decimal(a, 1))·σ²)) where \(decimal(a, 1))·σ² > ε, and falls towards 0 where it is not (σ < \(String(format: "%.2g", crossover))). Measured, layers 1 to \(layerCount): \(affectedList); the chain from each layer 1 predicts the rest within \(decimal(100 * worstPrediction, 0)) %.",
            holds: !affected.isEmpty && rmsStart.last![smallest] < 0.1 && worstPrediction < 0.1
                && zip(rmsStart, rmsStart.dropFirst()).allSatisfy { $1[smallest] < $0[smallest] },
            values: epsilonValues),
        Finding(
            "batch-norm.epsilon-only-at-start",
            "After training x̂'s RMS is at least \(decimal(rmsEnd.flatMap { $0 }.min()!, 4)) in every layer at every scale, so v is then about 1000·ε or more: ‖W1‖ of the normalized network has grown from \(String(format: "%.2g", w1Start[smallest])) to \(String(format: "%.2g", w1End[smallest])) at σ = \(sigmaText(smallest)), while at σ = 1 it stays at \(decimal(w1End[w1Start.indices.max { w1Start[$0] < w1Start[$1] }!], 0)).",
            holds: rmsEnd.flatMap { $0 }.min()! > 0.999 && w1End[smallest] > 10 * w1Start[smallest],
            values: [
                "lowest RMS after training": rmsEnd.flatMap { $0 }.min()!, "W1 at the start, smallest σ": w1Start[smallest],
                "W1 after training, smallest σ": w1End[smallest],
                "W1 after training, σ=1": w1End[w1Start.indices.max { w1Start[$0] < w1Start[$1] }!],
            ]),
        Finding(
            "batch-norm.epsilon-and-accuracy",
            "Below σ = 0.01 batch normalization ends lowest at the \(shrunk.count) scales where x̂ starts below 0.5 in layer \(layerCount) (\(finalsList(shrunk))); the drop begins above them, where x̂ starts at \(decimal(droppingLowest, 2)) or more in every layer: \(finalsList(dropping)).",
            holds: !shrunk.isEmpty
                && shrunk.allSatisfy { b in smallScales.filter { !shrunk.contains($0) }.allSatisfy { finalBNOf(b) < finalBNOf($0) } },
            values: [("scales below 0.5", Double(shrunk.count))] + finalsAt(shrunk)
                + [("lowest RMS where the drop begins", droppingLowest)] + finalsAt(dropping)),
        Finding(
            "batch-norm.weights-grow-at-small-scales",
            "Training grows ‖W1‖ of the normalized network by ×\(decimal(lowEnding.map { growth[$0] }.min() ?? .nan, 2)) to ×\(decimal(lowEnding.map { growth[$0] }.max() ?? .nan, 1)) at the \(lowEnding.count) small scales where it ends below 0.9 (σ ≤ \(String(format: "%.2g", lowEnding.map { epsSigmas[$0] }.max() ?? .nan))), by ×\(decimal(highEnding.map { growth[$0] }.max() ?? .nan, 2)) at most at the other scales below 0.01, and by ×\(decimal(largeScales.map { growth[$0] }.max() ?? .nan, 3)) at most from σ = 0.01 up.",
            holds: !lowEnding.isEmpty
                && lowEnding.allSatisfy { l in highEnding.allSatisfy { growth[l] > growth[$0] } }
                && largeScales.allSatisfy { growth[$0] < 1.01 },
            values: [
                "least growth, below 0.9": lowEnding.map { growth[$0] }.min() ?? .nan,
                "most growth, below 0.9": lowEnding.map { growth[$0] }.max() ?? .nan,
                "scales below 0.9": Double(lowEnding.count),
                "largest σ below 0.9": lowEnding.map { epsSigmas[$0] }.max() ?? .nan,
                "most growth, other small scales": highEnding.map { growth[$0] }.max() ?? .nan,
                "most growth, σ ≥ 0.01": largeScales.map { growth[$0] }.max() ?? .nan,
            ]),
        Finding(
            "batch-norm.loss-ignores-scale",
            "Multiplying W1 by c from \(decimal(factors.min()!, 1)) to \(decimal(factors.max()!, 0)) changes the batch-normalized loss by \(String(format: "%.1e", lossSpread)) (the plain network's: from \(decimal(lossPlain.min()!, 2)) to \(decimal(lossPlain.max()!, 2))).",
            holds: lossSpread < 1e-3 && lossPlain.max()! - lossPlain.min()! > 0.5,
            values: [
                "smallest c": factors.min()!, "largest c": factors.max()!, "BN loss spread": lossSpread,
                "plain loss lowest": lossPlain.min()!, "plain loss highest": lossPlain.max()!,
            ]),
        Finding(
            "batch-norm.gradient-scales-inversely",
            "Its gradient with respect to W1 follows 1/c to within \(String(format: "%.1g", 100 * worstRatio)) %: at c = 10 the step η·∂L/∂W1 is ten times smaller against a W1 ten times larger.",
            holds: worstRatio < 0.01,
            values: ["worst deviation %": 100 * worstRatio]),
        Finding(
            "batch-norm.small-batches",
            "At B = \(Int(sizes[smallestBatch])) batch normalization collapses: after the same \(Int(sizes[largest] * tables.batchSize["updates"][largest])) images its test accuracy is \(decimal(testBN[smallestBatch])), against \(decimal(testPlain[smallestBatch])) without it.",
            holds: testBN[smallestBatch] < 0.3 && testPlain[smallestBatch] > 0.7,
            values: [
                "B": sizes[smallestBatch], "images": sizes[largest] * tables.batchSize["updates"][largest],
                "BN": testBN[smallestBatch], "plain": testPlain[smallestBatch],
            ]),
        Finding(
            "batch-norm.small-batches-own-statistics",
            "Normalizing the test images in batches of B by their own statistics, as in training, instead of by the running averages gives \(decimal(ownStatistics[smallestBatch])) at B = \(Int(sizes[smallestBatch])) (running averages: \(decimal(testBN[smallestBatch]))) and \(decimal(ownStatistics[largest])) at B = \(Int(sizes[largest])) (\(decimal(testBN[largest]))): the running averages are not what fails at B = \(Int(sizes[smallestBatch])).",
            holds: ownStatistics[smallestBatch] < 0.3,
            values: [
                "own statistics, smallest B": ownStatistics[smallestBatch], "running averages, smallest B": testBN[smallestBatch],
                "own statistics, largest B": ownStatistics[largest], "running averages, largest B": testBN[largest],
            ]),
        Finding(
            "batch-norm.batch-sizes-no-lead",
            "From B = \(Int(sizes.filter { $0 > sizes[smallestBatch] }.min()!)) to \(Int(sizes[largest])), batch normalization's test accuracy minus the plain network's is at most \(String(format: "%+.3f", largestLead.lead)) (at B = \(Int(largestLead.size))) and as low as \(String(format: "%+.3f", largestLag.lead)) (at B = \(Int(largestLag.size))); at B = \(Int(sizes[largest])): \(decimal(testBN[largest])) with, \(decimal(testPlain[largest])) without: from He's start it buys no test accuracy at this budget.",
            holds: largestLead.lead < 0.01,
            values: [
                "smallest B": sizes.filter { $0 > sizes[smallestBatch] }.min()!, "largest B": sizes[largest],
                "largest lead": largestLead.lead, "B of the largest lead": largestLead.size, "largest lag": largestLag.lead,
                "B of the largest lag": largestLag.size, "BN at largest B": testBN[largest],
                "plain at largest B": testPlain[largest],
            ]),
        Finding(
            "batch-norm.larger-rate",
            "From He's start, at η = 0.1 the normalized network reaches 0.9 at \(label(epochsTo("0.1", "BN", 0.9))), the plain one at \(label(epochsTo("0.1", "normal", 0.9))); at η = 0.5 the normalized one reaches 0.99 at \(label(epochsTo("0.5", "BN", 0.99))) and ends at \(decimal(rateFinal("0.5", "BN"))), while the plain one never does: its best is \(decimal(plainFastBest)), it falls back by more than 0.1 between epochs \(lurches) times\(plainFastNaN.map { " and its loss stops being a number at epoch \($0)" } ?? ", and ends at \(decimal(rateFinal("0.5", "normal")))").",
            holds: (epochsTo("0.1", "BN", 0.9) ?? 99) < (epochsTo("0.1", "normal", 0.9) ?? 99)
                && epochsTo("0.5", "BN", 0.99) != nil && rateFinal("0.5", "BN") > 0.95 && epochsTo("0.5", "normal", 0.99) == nil,
            values: [
                "BN epoch to 0.9, η=0.1": epochsTo("0.1", "BN", 0.9).map(Double.init) ?? .nan,
                "plain epoch to 0.9, η=0.1": epochsTo("0.1", "normal", 0.9).map(Double.init) ?? .nan,
                "BN epoch to 0.99, η=0.5": epochsTo("0.5", "BN", 0.99).map(Double.init) ?? .nan,
                "BN final, η=0.5": rateFinal("0.5", "BN"), "plain best, η=0.5": plainFastBest,
                "plain falls by 0.1, η=0.5": Double(lurches),
                "plain NaN from epoch, η=0.5": plainFastNaN.map(Double.init) ?? .nan,
                "plain final, η=0.5": rateFinal("0.5", "normal"),
            ]),
        Finding(
            "batch-norm.exercise-he-plain",
            "At the book's η = 0.01 from He's start the plain network ends at \(decimal(rateFinal("0.01", "normal"))) and the normalized one at \(decimal(rateFinal("0.01", "BN"))).",
            holds: rateFinal("0.01", "normal") > 0.5 && rateFinal("0.01", "BN") - rateFinal("0.01", "normal") < 0.15,
            values: ["plain": rateFinal("0.01", "normal"), "BN": rateFinal("0.01", "BN")]),
        Finding(
            "batch-norm.weights-grow",
            "Training makes W1 of the normalized network grow, more at larger η: |W1| goes from \(decimal(normW1[0], 2)) after the first update to \(decimal(normW1.last!, 2)) at η = 0.5 (an effective step \(decimal(pow(normW1[0] / normW1.last!, 2), 2)) times the first), but only from \(decimal(normW1Slow[0], 2)) to \(decimal(normW1Slow.last!, 2)) at η = 0.01.",
            holds: normW1.last! > 1.02 * normW1[0] && normW1.last! / normW1[0] > normW1Slow.last! / normW1Slow[0],
            values: [
                "W1 first, η=0.5": normW1[0], "W1 last, η=0.5": normW1.last!,
                "effective step": pow(normW1[0] / normW1.last!, 2),
                "W1 first, η=0.01": normW1Slow[0], "W1 last, η=0.01": normW1Slow.last!,
            ]),
    ]
}
