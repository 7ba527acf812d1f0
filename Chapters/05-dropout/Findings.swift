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
    let bookLevels = reached(0)
    let highestBook = bookLevels.last ?? 0

    // The exercise runs, one row each.
    let rows = tables.exercises
    let ratios = rows["dropout ratio"], decays = rows["weight decay"], gaps = rows["gap"]
    let finalTrain = rows["final train accuracy"], finalTest = rows["final test accuracy"]
    let masksOn = rows["train accuracy masks on"]
    func gap(_ run: Int) -> Double { gaps[run] }

    return [
        Finding(
            "dropout.no-dropout-memorises",
            "Without dropout, training accuracy first reaches 1.0 at epoch \(memorised.map(String.init) ?? "never").",
            holds: memorised.map { (115...135).contains($0) } ?? false),
        Finding(
            "dropout.no-dropout-test-levels",
            "Without dropout, test accuracy over the last 100 epochs stays between \(decimal(tail.min()!)) and \(decimal(tail.max()!)) (mean \(decimal(tailMean))).",
            holds: isAbout(tailMean, 0.75, tolerance: 0.02) && tail.max()! - tail.min()! <= 0.02),
        Finding(
            "dropout.gap-at-end",
            "At epoch \(last) the gap between training and test accuracy is \(decimal(gapDrop)) with dropout and \(decimal(gapPlain)) without: \(decimal(gapDrop / gapPlain, 2)) times as large.",
            holds: isAbout(gapDrop / gapPlain, 0.5, tolerance: 0.1)),
        Finding(
            "dropout.slow-learner",
            "With dropout, training accuracy at epoch \(last) is only \(decimal(dropTrain[last])), and test accuracy rose by \(decimal(rise)) over the last 50 epochs (to \(decimal(dropTest[last]))): still learning.",
            holds: dropTrain[last] < 0.7 && rise > 0.02),
        Finding(
            "dropout.test-at-end",
            "At epoch \(last) the dropout network's test accuracy, \(decimal(dropTest[last])), is below the plain network's, \(decimal(plainTest[last])).",
            holds: dropTest[last] < plainTest[last]),
        Finding(
            "dropout.equal-training-accuracy",
            "At the first epoch each run reaches the same training accuracy, the dropout network's test accuracy is the higher one at every level both reach (dropout against none: \(list(bothBookRuns, 0, 1))).",
            holds: !bothBookRuns.isEmpty && bothBookRuns.allSatisfy { testAt(0, $0) > testAt(1, $0) }),
        Finding(
            "dropout.inverted-faster",
            "Inverted dropout reaches every training accuracy level the book's dropout reaches in well under half its epochs (level \(decimal(levels[highestBook], 2)): epoch \(reached(2).contains(highestBook) ? String(epochAt(2, highestBook)) : "never") against \(bookLevels.isEmpty ? "never" : String(epochAt(0, highestBook)))); at epoch \(last) its training accuracy is \(decimal(invTrain[last])) against \(decimal(dropTrain[last])).",
            holds: !bookLevels.isEmpty && bookLevels.allSatisfy { reached(2).contains($0) && 2 * epochAt(2, $0) < epochAt(0, $0) }),
        Finding(
            "dropout.inverted-gap-at-end",
            "After training (all 10 000 test images), inverted dropout's gap is \(decimal(gap(2))), close to no dropout's \(decimal(gap(1))) and far from the book's dropout's \(decimal(gap(0))).",
            holds: gap(2) > 0.75 * gap(1) && gap(2) > 1.4 * gap(0)),
        Finding(
            "dropout.exercise-ratio-half",
            "With r = \(decimal(ratios[3], 1)) the final gap is \(decimal(gap(3))) (r = \(decimal(ratios[0], 1)): \(decimal(gap(0)))), because the network hardly learns: training accuracy \(decimal(finalTrain[3])), test accuracy \(decimal(finalTest[3])) (r = \(decimal(ratios[0], 1)): \(decimal(finalTrain[0])) and \(decimal(finalTest[0]))).",
            holds: gap(3) < gap(0) && finalTrain[3] < 0.2),
        Finding(
            "dropout.exercise-weight-decay",
            "Final gaps: no regularisation \(decimal(gap(1))), weight decay λ = \(decimal(decays[4], 1)) alone \(decimal(gap(4))), dropout alone \(decimal(gap(0))), both \(decimal(gap(5))) — but with both the training accuracy is only \(decimal(finalTrain[5])).",
            holds: gap(4) < gap(1) && finalTrain[5] < 0.2),
        Finding(
            "dropout.exercise-masks-on",
            "After training, the dropout network reads \(decimal(finalTrain[0])) of its training images correctly with the masks off and \(decimal(masksOn[0])) with them on.",
            holds: masksOn[0] < finalTrain[0]),
    ]
}
