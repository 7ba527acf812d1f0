// Findings.swift — what the optimizers chapter claims, computed from its
// tables (the ones it has just made, or the ones committed under figures/).

import ChapterKit
import Foundation

/// How often y changes sign along a walk: one zig-zag across the valley per change.
func signChanges(_ values: [Double]) -> Int {
    zip(values, values.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
}

/// f at the last position of `name`'s walk.
func lastHeight(_ table: DataTable, _ name: String) -> Double {
    let x = table["\(name) x"].last!, y = table["\(name) y"].last!
    return x * x / 20 + y * y
}

/// The chapter's findings, from its tables.
func optimizersFindings(_ tables: OptimizerTables) -> [Finding] {
    let paths = tables.valleyPaths
    let names = ["SGD", "Momentum", "AdaGrad", "Adam"]
    let heights = Dictionary(uniqueKeysWithValues: names.map { ($0, lastHeight(paths, $0)) })
    let zigzags = Dictionary(uniqueKeysWithValues: names.map { ($0, signChanges(paths["\($0) y"])) })
    let closest = names.min { heights[$0]! < heights[$1]! }!

    // The MNIST comparison (whichever optimizers --optimizers chose): smoothed loss at the last iteration.
    let mnistNames = tables.loss.columns.filter { $0.hasSuffix(" smoothed") }.map { String($0.dropLast(9)) }
    let finalLoss = Dictionary(uniqueKeysWithValues: mnistNames.map { ($0, tables.loss["\($0) smoothed"].last!) })
    let ranking = mnistNames.sorted { finalLoss[$0]! < finalLoss[$1]! }
    let isBookComparison = Set(mnistNames) == Set(names)

    // The race: each optimizer's best loss and how many rates train it below 0.5.
    let race = tables.race
    let rates = race["learning rate"]
    let raceNames = Array(race.columns.dropFirst())
    func best(_ name: String) -> (loss: Double, rate: Double) {
        let values = race[name]
        let i = values.indices.filter { values[$0].isFinite }.min { values[$0] < values[$1] }!
        return (values[i], rates[i])
    }
    func usable(_ name: String) -> Int { race[name].filter { $0.isFinite && $0 < 0.5 }.count }
    var winner: String { raceNames.min { best($0).loss < best($1).loss }! }
    var mostForgiving: String { raceNames.max { usable($0) < usable($1) }! }
    var narrowest: [String] { raceNames.filter { usable($0) == raceNames.map(usable).min()! } }
    let hasRace = !race.rows.isEmpty  // --race-iterations 0 runs no race, and claims nothing of it
    func at(_ name: String, _ rate: Double) -> Double {
        race[name][rates.firstIndex { abs($0 / rate - 1) < 1e-9 }!]
    }

    // The book's comparison of four; with other --optimizers these claims are not made.
    let comparison =
        !isBookComparison
        ? []
        : [
            Finding(
                "optimizers.mnist-sgd-slowest",
                "On MNIST, SGD's smoothed loss after the last iteration is the highest, \(decimal(finalLoss["SGD"]!)), more than twice the next (\(ranking[2]) \(decimal(finalLoss[ranking[2]]!))).",
                holds: ranking.last == "SGD" && finalLoss["SGD"]! > 2 * finalLoss[ranking[2]]!),
            Finding(
                "optimizers.mnist-lowest",
                "With the book's defaults the lowest final loss is \(ranking[0])'s, \(decimal(finalLoss[ranking[0]]!)); the order is \(ranking.joined(separator: " < ")).",
                holds: ranking[0] == "AdaGrad"),
        ]
    let valley = [
        Finding(
            "optimizers.valley-sgd-zigzag",
            "In the valley SGD crosses the floor at every step (y changes sign \(zigzags["SGD"]!) times in 30 steps); AdaGrad never crosses it (\(zigzags["AdaGrad"]!) times).",
            holds: zigzags["SGD"]! >= 25 && zigzags["AdaGrad"]! == 0),
        Finding(
            "optimizers.valley-closest",
            "After 30 steps AdaGrad is closest to the minimum (f = \(decimal(heights["AdaGrad"]!, 4))); SGD, zig-zagging, is next (f = \(decimal(heights["SGD"]!))), ahead of Momentum (\(decimal(heights["Momentum"]!))) and Adam (\(decimal(heights["Adam"]!))), which are still swinging.",
            holds: closest == "AdaGrad" && heights["SGD"]! < min(heights["Momentum"]!, heights["Adam"]!)),
        Finding(
            "optimizers.valley-momentum-overshoots",
            "Momentum rolls past the minimum: its x reaches \(decimal(paths["Momentum x"].max()!, 2)) > 0, and y changes sign \(zigzags["Momentum"]!) times.",
            holds: paths["Momentum x"].max()! > 0),
    ]
    let raceFirst: [Finding] =
        !hasRace
        ? []
        : [
            Finding(
                "optimizers.race-winner",
                "In the race, the lowest loss of all is \(winner)'s at its own best η = \(String(format: "%.4g", best(winner).rate)): \(decimal(best(winner).loss)).",
                holds: ["Adam", "RMSprop", "AdaGrad", "Momentum", "Nesterov"].contains(winner)),
            Finding(
                "optimizers.race-forgiving",
                "\(mostForgiving) is the most forgiving: \(usable(mostForgiving)) of the \(rates.count) learning rates bring its loss below 0.5; the least forgiving, \(narrowest.joined(separator: " and ")), manage \(usable(narrowest[0])).",
                holds: mostForgiving == "AdaGrad" && narrowest.contains("SGD")),
            Finding(
                "optimizers.exercise-rmsprop-nesterov",
                "At η = 0.01 RMSprop reaches \(decimal(at("RMSprop", 0.01))) (Adam at its default 0.001: \(decimal(at("Adam", 0.001))); SGD: \(decimal(at("SGD", 0.01)))), and Nesterov \(decimal(at("Nesterov", 0.01))) against Momentum's \(decimal(at("Momentum", 0.01))).",
                holds: abs(at("RMSprop", 0.01) / at("Adam", 0.001) - 1) < 0.3 && at("RMSprop", 0.01) < 0.5 * at("SGD", 0.01)
                    && at("Nesterov", 0.01) < at("Momentum", 0.01)),
        ]
    let floor = [
        Finding(
            "optimizers.exercise-valley-floor",
            "From just above the floor every optimizer's x follows exactly its walk from the start above (each update acts on one coordinate at a time), while AdaGrad's first step throws y from 0.1 to \(decimal(tables.valleyFloor["AdaGrad y"][1], 2)): its first step has size η in every coordinate, however small the slope.",
            holds: names.allSatisfy { tables.valleyFloor["\($0) x"] == paths["\($0) x"] }
                && abs(tables.valleyFloor["AdaGrad y"][1]) > 1)
    ]
    let raceLast: [Finding] =
        !hasRace
        ? []
        : [
            Finding(
                "optimizers.exercise-sgd-rates",
                "SGD's loss is \(decimal(at("SGD", 0.01))) at η = 0.01, \(decimal(at("SGD", 0.1))) at 0.1 (Momentum at 0.01: \(decimal(at("Momentum", 0.01)))) and \(decimal(at("SGD", 1))) at 1.0 (ln 10 = 2.303).",
                holds: at("SGD", 0.1) < at("Momentum", 0.01) && abs(at("SGD", 1) - log(10)) < 0.3)
        ]
    // In reading order: the valley, the comparison, the race and the exercises.
    return valley + comparison + raceFirst + floor + raceLast
}
