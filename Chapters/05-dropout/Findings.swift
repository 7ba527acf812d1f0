// Findings.swift — what the dropout chapter claims, computed from its tables
// (the ones it has just made, or the ones committed under figures/).

import ChapterKit
import Foundation

/// The chapter's findings, from its tables. Columns are taken by position
/// (train, test of each run), so other flags give other names and still work.
func dropoutFindings(_ tables: DropoutTables) -> [Finding] {
    let accuracy = tables.accuracy, columns = accuracy.columns
    let (dropTrain, dropTest) = (accuracy[columns[1]], accuracy[columns[2]])
    let (plainTrain, plainTest) = (accuracy[columns[3]], accuracy[columns[4]])
    let invTrain = tables.inverted[tables.inverted.columns[1]]
    let last = dropTrain.count - 1

    // Without dropout: when it memorises, and where its test accuracy settles (the last 100 epochs).
    let memorised = plainTrain.firstIndex { $0 >= 1 }
    let tail = Array(plainTest.suffix(101))
    let tailMean = tail.reduce(0, +) / Double(tail.count)
    let gapDrop = dropTrain[last] - dropTest[last], gapPlain = plainTrain[last] - plainTest[last]
    let rise = dropTest[last] - dropTest[max(last - 50, 0)]

    // Equal training accuracy: levels reached by both runs compared.
    let equal = tables.equalTraining, levels = equal["training level"]
    func reached(_ run: Int) -> [Int] { levels.indices.filter { equal[equal.columns[1 + 2 * run]][$0].isFinite } }
    func epochAt(_ run: Int, _ i: Int) -> Int { Int(equal[equal.columns[1 + 2 * run]][i]) }
    func testAt(_ run: Int, _ i: Int) -> Double { equal[equal.columns[2 + 2 * run]][i] }
    let bothBookRuns = reached(0).filter { reached(1).contains($0) }
    func list(_ levelIndices: [Int], _ a: Int, _ b: Int) -> String {
        levelIndices.map { "at \(decimal(levels[$0], 2)): \(decimal(testAt(a, $0))) against \(decimal(testAt(b, $0)))" }
            .joined(separator: ", ")
    }
    func listValues(_ levelIndices: [Int], _ a: Int, _ b: Int, _ name: String) -> [(String, Double)] {
        levelIndices.flatMap { i in
            [("\(name) at \(decimal(levels[i], 2))", testAt(a, i)), ("no dropout at \(decimal(levels[i], 2)) (\(name))", testAt(b, i))]
        }
    }
    func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + decimal(value) }
    let bookLevels = reached(0)
    let highestBook = bookLevels.last ?? 0

    // The exercise runs, one row each.
    let rows = tables.exercises
    let ratios = rows["dropout ratio"], decays = rows["weight decay"], gaps = rows["gap"]
    let finalTrain = rows["final train accuracy"], finalTest = rows["final test accuracy"]
    let masksOn = rows["train accuracy masks on"]
    func gap(_ run: Int) -> Double { gaps[run] }
    let rates = rows["learning rate"]

    // The signal's size at the start, layer by layer (scale.dat: no dropout, book's, inverted, r = 0.5,
    // each in training and test mode), against the derivation: after k − 1 masks, no dropout's RMS
    // times (1 − r)^((k−1)/2) in training and (1 − r)^(k−1) in test mode for the book's dropout,
    // (1 − r)^(−(k−1)/2) in training and 1 in test mode for inverted dropout.
    let scale = tables.scale, sc = scale.columns
    let plain = scale[sc[1]]
    let (bookTraining, bookTest) = (scale[sc[3]], scale[sc[4]])
    let (invertedTraining, invertedTest) = (scale[sc[5]], scale[sc[6]])
    let (halfTraining, halfTest) = (scale[sc[7]], scale[sc[8]])
    let ratio = ratios[0], half = ratios[3]
    func measured(_ column: [Double], _ k: Int) -> Double { column[k] / plain[k] }
    func derived(_ keep: Double, _ power: Double, _ k: Int) -> Double { pow(keep, power * Double(k)) }
    let layerIndices = Array(plain.indices)  // k = 0 … 6: after k masks
    let hiddenLayers = Array(layerIndices.dropLast())  // a₁ … a₆: 100 units each
    let scores = layerIndices.last!
    let testExact = layerIndices.allSatisfy {
        abs(measured(bookTest, $0) / derived(1 - ratio, 1, $0) - 1) < 1e-9
            && abs(measured(halfTest, $0) / derived(1 - half, 1, $0) - 1) < 1e-9
            && invertedTest[$0] == plain[$0]
    }
    func worstHidden(_ column: [Double], _ keep: Double, _ power: Double) -> Double {
        hiddenLayers.map { abs(measured(column, $0) / derived(keep, power, $0) - 1) }.max()!
    }
    let worstTraining = max(worstHidden(bookTraining, 1 - ratio, 0.5), worstHidden(invertedTraining, 1 - ratio, -0.5))
    let worstHalf = worstHidden(halfTraining, 1 - half, 0.5)
    // The mean's argument instead: each mask keeps 1 − r of h itself (inverted dropout: all of it on average).
    func nearerMeanSquare(_ column: [Double], _ keep: Double, _ power: Double, mean: Double) -> Bool {
        layerIndices.dropFirst().allSatisfy {
            abs(log(measured(column, $0) / derived(keep, power, $0))) < abs(log(measured(column, $0) / derived(mean, 1, $0)))
        }
    }
    let trainingNearer =
        nearerMeanSquare(bookTraining, 1 - ratio, 0.5, mean: 1 - ratio) && nearerMeanSquare(invertedTraining, 1 - ratio, -0.5, mean: 1)
        && nearerMeanSquare(halfTraining, 1 - half, 0.5, mean: 1 - half)
    let trainingNearerWord = trainingNearer ? "" : " NOT"
    func scoresAgainst(_ column: [Double], _ keep: Double, _ power: Double) -> String {
        "\(decimal(measured(column, scores), 3)) (derived \(decimal(derived(keep, power, scores), 3)))"
    }

    // The first gradient, and what happens to the two modes with training.
    let gradientStart = rows["gradient rms start"]
    func gradientRatio(_ run: Int) -> Double { gradientStart[run] / gradientStart[1] }
    let firstStep = gradientRatio(6) * rates[6] / rates[1]
    let (endTraining, endTest) = (rows["scores rms end training"], rows["scores rms end test"])
    let (startTraining, startTest) = (rows["scores rms start training"], rows["scores rms start test"])

    // The larger step: the epochs of the book's dropout at η, of the same run at η/(1 − r)⁶, of inverted dropout.
    let stepEpochs = equal[equal.columns[7]]
    let bothStep = reached(0).filter { stepEpochs[$0].isFinite }
    let speedUps = bothStep.map { Double(epochAt(0, $0)) / stepEpochs[$0] }
    let etaFactor = rates[6] / rates[0]
    let invertedAndPlain = reached(2).filter { reached(1).contains($0) }

    return [
        Finding(
            "dropout.no-dropout-memorises",
            "Without dropout, training accuracy first reaches 1.0 at epoch \(memorised.map(String.init) ?? "never"), before 60 % of the \(last) epochs.",
            holds: memorised.map { Double($0) < 0.6 * Double(last) } ?? false, values: ["epoch": memorised.map(Double.init) ?? .nan]),
        Finding(
            "dropout.no-dropout-test-levels",
            "Without dropout, test accuracy over the last 100 epochs stays within 0.02, between \(decimal(tail.min()!)) and \(decimal(tail.max()!)) (mean \(decimal(tailMean)), in 0.72 to 0.80).",
            holds: (0.72...0.80).contains(tailMean) && tail.max()! - tail.min()! <= 0.02,
            values: ["min": tail.min()!, "max": tail.max()!, "mean": tailMean]),
        Finding(
            "dropout.gap-at-end",
            "At epoch \(last) the gap between training and test accuracy is \(decimal(gapDrop)) with dropout and \(decimal(gapPlain)) without: \(decimal(gapDrop / gapPlain, 2)) times as large.",
            holds: isAbout(gapDrop / gapPlain, 0.5, tolerance: 0.1),
            values: ["epoch": Double(last), "gap with dropout": gapDrop, "gap without": gapPlain, "ratio": gapDrop / gapPlain]),
        Finding(
            "dropout.slow-learner",
            "With dropout, training accuracy at epoch \(last) is only \(decimal(dropTrain[last])), and test accuracy rose by \(decimal(rise)) over the last 50 epochs (to \(decimal(dropTest[last]))): still learning.",
            holds: dropTrain[last] < 0.7 && rise > 0.02,
            values: ["epoch": Double(last), "train": dropTrain[last], "test rise": rise, "test": dropTest[last]]),
        Finding(
            "dropout.test-at-end",
            "At epoch \(last) the dropout network's test accuracy, \(decimal(dropTest[last])), is below the plain network's, \(decimal(plainTest[last])).",
            holds: dropTest[last] < plainTest[last],
            values: ["epoch": Double(last), "test with dropout": dropTest[last], "test without": plainTest[last]]),
        Finding(
            "dropout.equal-training-accuracy",
            "At the first epoch each run reaches the same training accuracy, on the same test images, the dropout networks' test accuracy is the higher one at the highest level both reach (the book's dropout against none: \(list(bothBookRuns, 0, 1)); inverted dropout against none: \(list(invertedAndPlain, 2, 1))).",
            holds: bothBookRuns.last.map { testAt(0, $0) > testAt(1, $0) } ?? false
                && invertedAndPlain.last.map { testAt(2, $0) > testAt(1, $0) } ?? false,
            values: listValues(bothBookRuns, 0, 1, "book's dropout") + listValues(invertedAndPlain, 2, 1, "inverted dropout")),
        Finding(
            "dropout.inverted-faster",
            "Inverted dropout reaches every training accuracy level the book's dropout reaches in well under half its epochs (level \(decimal(levels[highestBook], 2)): epoch \(reached(2).contains(highestBook) ? String(epochAt(2, highestBook)) : "never") against \(bookLevels.isEmpty ? "never" : String(epochAt(0, highestBook)))); at epoch \(last) its training accuracy is \(decimal(invTrain[last])) against \(decimal(dropTrain[last])).",
            holds: !bookLevels.isEmpty && bookLevels.allSatisfy { reached(2).contains($0) && 2 * epochAt(2, $0) < epochAt(0, $0) },
            values: [
                "level": bookLevels.isEmpty ? .nan : levels[highestBook],
                "inverted epoch": reached(2).contains(highestBook) ? Double(epochAt(2, highestBook)) : .nan,
                "book's epoch": bookLevels.isEmpty ? .nan : Double(epochAt(0, highestBook)),
                "epoch": Double(last), "inverted train": invTrain[last], "book's train": dropTrain[last],
            ]),
        Finding(
            "dropout.inverted-gap-at-end",
            "After training (all 10 000 test images), inverted dropout's gap is \(decimal(gap(2))), close to no dropout's \(decimal(gap(1))) and far from the book's dropout's \(decimal(gap(0))).",
            holds: gap(2) > 0.75 * gap(1) && gap(2) > 1.4 * gap(0),
            values: ["inverted gap": gap(2), "no dropout gap": gap(1), "book's gap": gap(0)]),
        Finding(
            "dropout.scale-test-mode",
            "With the starting weights (biases 0), the test-mode RMS of every layer of the book's dropout network is exactly (1 − r)^(k−1) times the plain network's (the scores: \(scoresAgainst(bookTest, 1 - ratio, 1)); r = \(decimal(half, 1)): \(scoresAgainst(halfTest, 1 - half, 1))), and inverted dropout's test mode is the plain network: \(testExact ? "all to 1e-9" : "NOT all to 1e-9").",
            holds: testExact,
            values: [
                "scores r=\(decimal(ratio, 1))": measured(bookTest, scores),
                "derived r=\(decimal(ratio, 1))": derived(1 - ratio, 1, scores),
                "scores r=\(decimal(half, 1))": measured(halfTest, scores), "derived r=\(decimal(half, 1))": derived(1 - half, 1, scores),
                "exact to 1e-9": testExact ? 1 : 0,
            ]),
        Finding(
            "dropout.scale-training",
            "In training mode the RMS after k − 1 masks, as a share of the plain network's, is at every layer\(trainingNearerWord) nearer (on a log scale) the mean square's (1 − r)^((k−1)/2) (inverted dropout: (1 − r)^(−(k−1)/2)) than the mean's (1 − r)^(k−1) (inverted: 1): the hidden layers within \(decimal(100 * worstTraining, 1)) % of it for r = \(decimal(ratio, 1)) and \(decimal(100 * worstHalf, 1)) % for r = \(decimal(half, 1)); the 10 scores come out at \(scoresAgainst(bookTraining, 1 - ratio, 0.5)) with the book's dropout, \(scoresAgainst(invertedTraining, 1 - ratio, -0.5)) with inverted dropout and \(scoresAgainst(halfTraining, 1 - half, 0.5)) with r = \(decimal(half, 1)).",
            holds: trainingNearer,
            values: [
                "worst hidden % r=\(decimal(ratio, 1))": 100 * worstTraining, "worst hidden % r=\(decimal(half, 1))": 100 * worstHalf,
                "scores book's": measured(bookTraining, scores), "derived book's": derived(1 - ratio, 0.5, scores),
                "scores inverted": measured(invertedTraining, scores), "derived inverted": derived(1 - ratio, -0.5, scores),
                "scores r=\(decimal(half, 1))": measured(halfTraining, scores),
                "derived r=\(decimal(half, 1))": derived(1 - half, 0.5, scores),
            ]),
        Finding(
            "dropout.gradient-at-start",
            "The first gradient (all training images, training mode) has an RMS of \(decimal(gradientRatio(0), 3)) times the plain network's with the book's dropout ((1 − r)⁶ = \(decimal(pow(1 - ratio, 6), 3)); its scores: \(decimal(measured(bookTraining, scores), 3))), \(decimal(gradientRatio(2), 2)) times with inverted dropout, and \(decimal(gradientRatio(3), 3)) times with r = \(decimal(half, 1)) (its scores: \(decimal(measured(halfTraining, scores), 3))): with the book's dropout it shrinks more than the scores; with η = \(decimal(rates[6], 4)) the book's dropout network's first step is \(decimal(firstStep, 2)) times the plain network's, between half and twice.",
            holds: gradientRatio(0) < measured(bookTraining, scores) && gradientRatio(3) < measured(halfTraining, scores)
                && gradientRatio(2) > 1 && (0.5...2) ~= firstStep,
            values: [
                "book's": gradientRatio(0), "(1 - r)^6": pow(1 - ratio, 6), "book's scores": measured(bookTraining, scores),
                "inverted": gradientRatio(2), "r=\(decimal(half, 1))": gradientRatio(3),
                "r=\(decimal(half, 1)) scores": measured(halfTraining, scores), "larger eta": rates[6], "first step": firstStep,
            ]),
        Finding(
            "dropout.larger-step",
            "With η = \(decimal(rates[6], 4)) (\(decimal(etaFactor, 2)) times η) the book's dropout network reaches each training accuracy level the η = \(decimal(rates[0], 2)) run reaches \(speedUps.map { decimal($0, 1) }.joined(separator: " and ")) times sooner, and training accuracy 1.0 at epoch \(stepEpochs.last!.isFinite ? String(Int(stepEpochs.last!)) : "never") (no dropout: \(reached(1).contains(levels.count - 1) ? String(epochAt(1, levels.count - 1)) : "never"); inverted dropout: \(reached(2).contains(levels.count - 1) ? String(epochAt(2, levels.count - 1)) : "never")).",
            holds: !speedUps.isEmpty && speedUps.allSatisfy { (0.75 * etaFactor...1.25 * etaFactor) ~= $0 },
            values: [("larger eta", rates[6]), ("eta factor", etaFactor), ("eta", rates[0])]
                + zip(bothStep, speedUps).map { ("speed-up at \(decimal(levels[$0.0], 2))", $0.1) }
                + [
                    ("epoch 1.0", stepEpochs.last!),
                    ("no dropout epoch 1.0", reached(1).contains(levels.count - 1) ? Double(epochAt(1, levels.count - 1)) : .nan),
                    ("inverted epoch 1.0", reached(2).contains(levels.count - 1) ? Double(epochAt(2, levels.count - 1)) : .nan),
                ]),
        Finding(
            "dropout.scale-after-training",
            "After training, test mode's scores are \(decimal(endTest[0] / endTraining[0], 2)) of training mode's with the book's dropout and \(decimal(endTest[2] / endTraining[2], 2)) with inverted dropout (at the start: \(decimal(startTest[0] / startTraining[0], 2)) and \(decimal(startTest[2] / startTraining[2], 2))); the plain network's scores grew from an RMS of \(decimal(startTraining[1], 2)) to \(decimal(endTraining[1], 2)), the book's dropout network's (training mode) from \(decimal(startTraining[0], 2)) to \(decimal(endTraining[0], 2)).",
            holds: endTest[0] / endTraining[0] > 0.8 && endTest[2] / endTraining[2] > 0.8
                && startTest[0] / startTraining[0] < 0.6 && endTraining[1] > endTraining[0],
            values: [
                "book's end": endTest[0] / endTraining[0], "inverted end": endTest[2] / endTraining[2],
                "book's start": startTest[0] / startTraining[0], "inverted start": startTest[2] / startTraining[2],
                "no dropout rms start": startTraining[1], "no dropout rms end": endTraining[1],
                "book's rms start": startTraining[0], "book's rms end": endTraining[0],
            ]),
        Finding(
            "dropout.verdict",
            "After the last update, on all the test images: no dropout \(decimal(finalTest[1])), the book's dropout \(decimal(finalTest[0])), inverted dropout \(decimal(finalTest[2])), the book's dropout with η = \(decimal(rates[6], 4)) \(decimal(finalTest[6])): no dropout run ends more than 0.03 above the plain network (inverted: \(signed(finalTest[2] - finalTest[1])), larger η: \(signed(finalTest[6] - finalTest[1]))), and the book's ends \(decimal(finalTest[1] - finalTest[0])) below it.",
            holds: max(finalTest[2], finalTest[6]) - finalTest[1] < 0.03 && finalTest[1] - finalTest[0] > 0.1,
            values: [
                "no dropout": finalTest[1], "book's": finalTest[0], "inverted": finalTest[2], "larger eta": rates[6],
                "book's larger eta": finalTest[6], "inverted margin": finalTest[2] - finalTest[1],
                "larger eta margin": finalTest[6] - finalTest[1], "book's shortfall": finalTest[1] - finalTest[0],
            ]),
        Finding(
            "dropout.exercise-ratio-half",
            "With r = \(decimal(ratios[3], 1)) the final gap is \(decimal(gap(3))) (r = \(decimal(ratios[0], 1)): \(decimal(gap(0)))), and the network has hardly learned: training accuracy \(decimal(finalTrain[3])), test accuracy \(decimal(finalTest[3])) (r = \(decimal(ratios[0], 1)): \(decimal(finalTrain[0])) and \(decimal(finalTest[0]))).",
            holds: gap(3) < gap(0) && finalTrain[3] < 0.2,
            values: [
                "ratio": ratios[3], "gap": gap(3), "book's ratio": ratios[0], "book's gap": gap(0), "train": finalTrain[3],
                "test": finalTest[3], "book's train": finalTrain[0], "book's test": finalTest[0],
            ]),
        Finding(
            "dropout.exercise-weight-decay",
            "Final gaps: no regularisation \(decimal(gap(1))), weight decay λ = \(decimal(decays[4], 1)) alone \(decimal(gap(4))), dropout alone \(decimal(gap(0))), both \(decimal(gap(5))) — but with both the training accuracy is only \(decimal(finalTrain[5])).",
            holds: gap(4) < gap(1) && finalTrain[5] < 0.2,
            values: [
                "gap none": gap(1), "lambda": decays[4], "gap weight decay": gap(4), "gap dropout": gap(0), "gap both": gap(5),
                "train both": finalTrain[5],
            ]),
        Finding(
            "dropout.exercise-masks-on",
            "After training, the dropout network reads \(decimal(finalTrain[0])) of its training images correctly with the masks off and \(decimal(masksOn[0])) with them on.",
            holds: masksOn[0] < finalTrain[0], values: ["masks off": finalTrain[0], "masks on": masksOn[0]]),
    ]
}
