// Findings.swift — what the optimizers chapter claims, computed from its
// tables (the ones it has just made, or the ones committed under figures/).

import ChapterKit
import Foundation

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
    /// The book's other three, against which SGD's span is judged (whatever else races).
    var bookRivals: [String] { ["Momentum", "AdaGrad", "Adam"] }
    let forgivingValues: [(String, Double)] =
        [("most forgiving rates", Double(usable(mostForgiving))), ("rates raced", Double(rates.count))]
        + (["SGD"] + bookRivals).map { (name: String) -> (String, Double) in ("\(name) rates", Double(usable(name))) }
        + [("least forgiving rates", Double(usable(narrowest[0])))]
    let hasRace = !race.rows.isEmpty  // --race-iterations 0 runs no race, and claims nothing of it
    // The diverged cells: not finite in race.dat, listed in race-diverged.dat.
    let divergedCells = raceNames.flatMap { (name: String) -> [String] in
        zip(rates, race[name]).filter { !$0.1.isFinite }.map { (rate: Double, _) in "\(name) at η = \(String(format: "%.3g", rate))" }
    }
    // The race's networks are the comparison's, stopped early: the race's tail against the comparison's raw losses there.
    let raceShape = race.description.firstMatch(of: /last (\d+) of (\d+) iterations/).map { (Int($0.1)!, Int($0.2)!) }
    let prefixGaps: [(String, Double)] = mnistNames.compactMap { name in
        guard hasRace, let (tail, length) = raceShape, length <= tables.loss.rows.count, raceNames.contains(name),
            let rate = OptimizerName.allCases.first(where: { $0.make().name == name })?.make().learningRate
        else { return nil }
        let raw = tables.loss["\(name) raw"][(length - tail)..<length]
        return (name, abs(raw.reduce(0, +) / Double(tail) / at(name, rate) - 1))
    }
    func at(_ name: String, _ rate: Double) -> Double {
        race[name][rates.firstIndex { abs($0 / rate - 1) < 1e-9 }!]
    }

    // The book's comparison of four; with other --optimizers these claims are not made.
    let comparison: [Finding] =
        !isBookComparison
        ? []
        : [
            Finding(
                "optimizers.mnist-sgd-slowest",
                "On MNIST, SGD's smoothed loss after the last iteration is the highest, \(decimal(finalLoss["SGD"]!)), more than twice the next (\(ranking[2]) \(decimal(finalLoss[ranking[2]]!))).",
                holds: ranking.last == "SGD" && finalLoss["SGD"]! > 2 * finalLoss[ranking[2]]!,
                values: ["SGD final": finalLoss["SGD"]!, "next final": finalLoss[ranking[2]]!]),
            Finding(
                "optimizers.mnist-lowest",
                "With the book's defaults the two adaptive optimizers end lowest: \(ranking[0]) \(decimal(finalLoss[ranking[0]]!)) and \(ranking[1]) \(decimal(finalLoss[ranking[1]]!)), below Momentum's \(decimal(finalLoss["Momentum"]!)); the order is \(ranking.joined(separator: " < ")).",
                holds: Set(ranking.prefix(2)) == ["AdaGrad", "Adam"],
                values: names.map { (name: String) -> (String, Double) in ("\(name) final", finalLoss[name]!) }),
        ]
    let valley: [Finding] = [
        Finding(
            "optimizers.valley-sgd-zigzag",
            "In the valley SGD crosses the floor at every step (y changes sign \(zigzags["SGD"]!) times in its \(paths.rows.count - 1) updates); AdaGrad never crosses it (\(zigzags["AdaGrad"]!) times).",
            holds: zigzags["SGD"]! >= 25 && zigzags["AdaGrad"]! == 0,
            values: [
                "SGD sign changes": Double(zigzags["SGD"]!), "updates": Double(paths.rows.count - 1),
                "AdaGrad sign changes": Double(zigzags["AdaGrad"]!),
            ]),
        Finding(
            "optimizers.valley-closest",
            "After \(paths.rows.count - 1) updates AdaGrad is closest to the minimum (f = \(decimal(heights["AdaGrad"]!, 4))); SGD, zig-zagging, is next (f = \(decimal(heights["SGD"]!))), ahead of Momentum (\(decimal(heights["Momentum"]!))) and Adam (\(decimal(heights["Adam"]!))), which are still swinging.",
            holds: closest == "AdaGrad" && heights["SGD"]! < min(heights["Momentum"]!, heights["Adam"]!),
            values: [("updates", Double(paths.rows.count - 1))]
                + ["AdaGrad", "SGD", "Momentum", "Adam"].map { (name: String) -> (String, Double) in ("\(name) f", heights[name]!) }),
        Finding(
            "optimizers.valley-momentum-overshoots",
            "Momentum rolls past the minimum: its x reaches \(decimal(paths["Momentum x"].max()!, 2)) > 0, and y changes sign \(zigzags["Momentum"]!) times.",
            holds: paths["Momentum x"].max()! > 0,
            values: ["largest x": paths["Momentum x"].max()!, "sign changes": Double(zigzags["Momentum"]!)]),
    ]
    let raceFirst: [Finding] =
        !hasRace
        ? []
        : [
            Finding(
                "optimizers.race-winner",
                "In the race, the lowest loss of all is \(winner)'s at its own best η = \(String(format: "%.4g", best(winner).rate)): \(decimal(best(winner).loss)).",
                holds: winner != "SGD" && best("SGD").loss > best(winner).loss,
                values: ["best rate": best(winner).rate, "lowest loss": best(winner).loss]),
            Finding(
                "optimizers.race-forgiving",
                "\(mostForgiving) is the most forgiving: \(usable(mostForgiving)) of the \(rates.count) learning rates bring its loss below 0.5; SGD manages \(usable("SGD")), fewer than each of the book's other three ("
                    + bookRivals.map { "\($0) \(usable($0))" }.joined(separator: ", ")
                    + "); the least forgiving of all, \(narrowest.joined(separator: " and ")), manage \(usable(narrowest[0])).",
                holds: mostForgiving == "AdaGrad" && bookRivals.allSatisfy { usable($0) > usable("SGD") },
                values: forgivingValues),
            Finding(
                "optimizers.race-diverged",
                "\(divergedCells.count) of the race's \(raceNames.count * rates.count) networks diverged (mean loss not finite): \(divergedCells.isEmpty ? "none" : divergedCells.joined(separator: ", ")); they are listed in race-diverged.dat, marked in race.png, and no comparison counts them.",
                holds: divergedCells.count == tables.raceDiverged.rows.count,
                values: [
                    "diverged": Double(divergedCells.count), "networks": Double(raceNames.count * rates.count),
                    "listed": Double(tables.raceDiverged.rows.count),
                ]),
            Finding(
                "optimizers.race-is-comparison-start",
                "Each race network at an optimizer's default η is that optimizer's comparison network, stopped early: for "
                    + prefixGaps.map { $0.0 }.joined(separator: ", ")
                    + " the race's mean loss equals the mean of the comparison's raw losses over the same iterations (to 10⁻⁸ of it).",
                holds: !prefixGaps.isEmpty && prefixGaps.allSatisfy { $0.1 < 1e-8 },
                values: ["optimizers": Double(prefixGaps.count), "largest gap": prefixGaps.map(\.1).max() ?? .nan]),
            Finding(
                "optimizers.exercise-rmsprop-nesterov",
                "At η = 0.01 RMSprop reaches \(decimal(at("RMSprop", 0.01))) (Adam at its default 0.001: \(decimal(at("Adam", 0.001))); SGD: \(decimal(at("SGD", 0.01)))), and Nesterov \(decimal(at("Nesterov", 0.01))) against Momentum's \(decimal(at("Momentum", 0.01))).",
                holds: abs(at("RMSprop", 0.01) / at("Adam", 0.001) - 1) < 0.3 && at("RMSprop", 0.01) < 0.5 * at("SGD", 0.01)
                    && at("Nesterov", 0.01) < at("Momentum", 0.01),
                values: [
                    "RMSprop at 0.01": at("RMSprop", 0.01), "Adam at 0.001": at("Adam", 0.001), "SGD at 0.01": at("SGD", 0.01),
                    "Nesterov at 0.01": at("Nesterov", 0.01), "Momentum at 0.01": at("Momentum", 0.01),
                ]),
        ]
    let floor: [Finding] = [
        Finding(
            "optimizers.exercise-valley-floor",
            "From just above the floor every optimizer's x follows exactly its walk from the start above (each update acts on one coordinate at a time), while AdaGrad's first step throws y from 0.1 to \(decimal(tables.valleyFloor["AdaGrad y"][1], 2)): its first step has size η in every coordinate, however small the slope.",
            holds: names.allSatisfy { tables.valleyFloor["\($0) x"] == paths["\($0) x"] }
                && abs(tables.valleyFloor["AdaGrad y"][1]) > 1,
            values: [
                "x columns differing": Double(names.filter { tables.valleyFloor["\($0) x"] != paths["\($0) x"] }.count),
                "AdaGrad y after one step": tables.valleyFloor["AdaGrad y"][1],
            ])
    ]
    let raceLast: [Finding] =
        !hasRace
        ? []
        : [
            Finding(
                "optimizers.exercise-sgd-rates",
                "SGD's loss is \(decimal(at("SGD", 0.01))) at η = 0.01 and \(decimal(at("SGD", 0.1))) at 0.1 (Momentum at 0.01: \(decimal(at("Momentum", 0.01)))); at 1.0 it fails: "
                    + (at("SGD", 1).isFinite
                        ? "\(decimal(at("SGD", 1))), above 1.5 (a uniform guess scores ln 10 = 2.303)." : "it diverged (loss not finite)."),
                holds: at("SGD", 0.1) < at("Momentum", 0.01) && !(at("SGD", 1) < 1.5),
                values: [
                    "SGD at 0.01": at("SGD", 0.01), "SGD at 0.1": at("SGD", 0.1), "Momentum at 0.01": at("Momentum", 0.01),
                    "SGD at 1": at("SGD", 1), "ln 10": log(10),
                ])
        ]
    // In reading order: the valley, its theory, the comparison, the race and the exercises.
    return valley + valleyTheoryFindings(tables) + comparison + raceFirst + floor + raceLast
}

/// The valley's theory, held to its walks: the findings section 4 of main.swift cites.
func valleyTheoryFindings(_ tables: OptimizerTables) -> [Finding] {
    let theory = tables.valleyTheory, paths = tables.valleyPaths
    let names = walkNames(paths)  // SGD, Momentum, AdaGrad, Adam
    let rates = theory["learning rate"]
    let bookRates = Dictionary(uniqueKeysWithValues: zip(names, tables.valleyRates["learning rate"]))
    let updates = paths.rows.count - 1
    /// The sweep's row at `rate`.
    func row(_ rate: Double) -> Int { rates.firstIndex { abs($0 - rate) < 1e-9 }! }
    func value(_ column: String, at rate: Double) -> Double { theory[column][row(rate)] }
    func mismatches(_ name: String) -> Int {
        zip(theory["\(name) crossings predicted"], theory["\(name) crossings walked"]).filter { $0 != $1 }.count
    }
    func worstError(_ name: String) -> Double { theory["\(name) path error"].max()! }
    let (sgd, momentum, adagrad, adam) = (names[0], names[1], names[2], names[3])

    // SGD: the factors at the book's rate, the crossings on either side of η = ½, the best worst-case rate.
    let sgdRate = bookRates[sgd]!
    let walkedSGD = lastHeight(paths, sgd)
    let crossings = theory["\(sgd) crossings walked"]
    let crossesAboveHalf = zip(rates, crossings).allSatisfy { rate, count in count == (rate > 0.5 ? Double(updates) : 0) }
    let kappa = ValleyCurvature.conditionNumber
    let bestRate = 2 / (ValleyCurvature.x + ValleyCurvature.y)
    let sgdHeights = theory["\(sgd) f walked"]
    let sgdBest = sgdHeights.indices.min { sgdHeights[$0] < sgdHeights[$1] }!

    // Momentum at the book's rate: the discriminant and the turn per step in each coordinate.
    let momentumRate = bookRates[momentum]!
    let alpha = 0.9
    let recurrences = [ValleyCurvature.x, ValleyCurvature.y].map {
        MomentumRecurrence(rate: momentumRate, momentum: alpha, curvature: $0)
    }
    let turnY = acos(recurrences[1].trace / (2 * alpha.squareRoot()))
    let underdamped = theory["\(momentum) x root"].indices.filter { i in
        [theory["\(momentum) x root"][i], theory["\(momentum) y root"][i]].allSatisfy { abs($0 - alpha.squareRoot()) < 1e-9 }
    }.map { rates[$0] }

    // The book's rates against the sweep's lowest f after the same updates.
    func lowest(_ name: String) -> (rate: Double, f: Double) {
        let f = theory["\(name) f walked"]
        let i = f.indices.filter { f[$0].isFinite }.min { f[$0] < f[$1] }!
        return (rates[i], f[i])
    }

    // Tuned for κ: the measured contraction per step over the last ten updates, √ of f's ratio.
    let tuned = tables.valleyTuned
    let tunedNames = Array(tuned.columns.dropFirst())
    func measuredRate(_ name: String) -> Double {
        let f = tuned[name]
        return pow(f[f.count - 1] / f[f.count - 11], 1 / 20)
    }
    let heavyBall = (rootKappa: kappa.squareRoot(), rate: (kappa.squareRoot() - 1) / (kappa.squareRoot() + 1))
    let doubleRoot = heavyBall.rate * pow(Double(updates) / Double(updates - 10), 0.1)  // (c + k)·rᵏ: k's share

    // AdaGrad: each step's factor from the walked path, against 1 − η/√(Σ wᵢ²).
    let adagradRate = bookRates[adagrad]!
    func adagradGap(_ table: DataTable, _ coordinate: String) -> Double {
        let w = table["\(adagrad) \(coordinate)"]
        var sum = 0.0, gap = 0.0
        for k in 0..<(w.count - 1) {
            sum += w[k] * w[k]
            gap = max(gap, abs(w[k + 1] / w[k] - (1 - adagradRate / sum.squareRoot())))
        }
        return gap
    }
    let adagradGaps = [adagradGap(paths, "x"), adagradGap(paths, "y"), adagradGap(tables.valleyFloor, "y")]
    let firstFactors = [paths["\(adagrad) x"], paths["\(adagrad) y"]].map { 1 - adagradRate / abs($0[0]) }
    let floorFactor = 1 - adagradRate / abs(tables.valleyFloor["\(adagrad) y"][0])

    // Adam: its steps, in units of η.
    let adamRate = bookRates[adam]!
    func steps(_ coordinate: String) -> [Double] {
        let w = paths["\(adam) \(coordinate)"]
        return zip(w, w.dropFirst()).map { abs($1 - $0) / adamRate }
    }
    let (adamX, adamY) = (steps("x"), steps("y"))
    let slopeRatio = abs(ValleyCurvature.y * paths["\(adam) y"][0]) / abs(ValleyCurvature.x * paths["\(adam) x"][0])

    return [
        Finding(
            "optimizers.valley-sgd-factors",
            "SGD at η = \(decimal(sgdRate, 2)) multiplies x by 1 − η/10 = \(decimal(value("\(sgd) x factor", at: sgdRate))) and y by 1 − 2η = \(decimal(value("\(sgd) y factor", at: sgdRate))) each step: the closed form gives f = \(decimal(value("\(sgd) f predicted", at: sgdRate), 4)) after \(updates) updates (walked: \(decimal(walkedSGD, 4))) and \(Int(value("\(sgd) crossings predicted", at: sgdRate))) sign changes of y (walked: \(zigzagCount(paths, sgd))). Over the sweep's \(rates.count) rates from \(decimal(rates[0], 2)) to \(decimal(rates[rates.count - 1], 2)), predicted and walked paths differ by at most \(String(format: "%.1e", worstError(sgd))) of their size, the crossings agree at every rate (\(mismatches(sgd)) differ), and y crosses the floor at every step for η > ½ and never for η ≤ ½.",
            holds: worstError(sgd) < 1e-9 && mismatches(sgd) == 0 && crossesAboveHalf
                && abs(value("\(sgd) f predicted", at: sgdRate) / walkedSGD - 1) < 1e-6,
            values: [
                "rate": sgdRate, "x factor": value("\(sgd) x factor", at: sgdRate), "y factor": value("\(sgd) y factor", at: sgdRate),
                "f predicted": value("\(sgd) f predicted", at: sgdRate), "updates": Double(updates), "f walked": walkedSGD,
                "crossings predicted": value("\(sgd) crossings predicted", at: sgdRate),
                "crossings walked": Double(zigzagCount(paths, sgd)), "rates": Double(rates.count), "lowest rate": rates[0],
                "highest rate": rates[rates.count - 1], "largest path error": worstError(sgd),
                "rates whose crossings differ": Double(mismatches(sgd)),
            ]),
        Finding(
            "optimizers.valley-sgd-rate",
            "η = 2/(λx + λy) = \(decimal(bestRate)) makes both SGD factors \(decimal((kappa - 1) / (kappa + 1))) = (κ − 1)/(κ + 1) in size, the best worst-case rate; the book's \(decimal(sgdRate, 2)) is \(decimal(abs(bestRate - sgdRate))) from it. Yet after the drawn \(updates) updates η = 0.9 ends lower (f = \(decimal(value("\(sgd) f walked", at: 0.9), 4))) than \(decimal(sgdRate, 2)) (\(decimal(walkedSGD, 4))): at 0.9 y's factor is −0.8 and y is gone (0.8^\(2 * updates) of its f), at 0.95 it is −0.9; the sweep's lowest f is at η = \(decimal(rates[sgdBest], 2)) (\(decimal(sgdHeights[sgdBest], 4))).",
            holds: abs(bestRate - sgdRate) < 0.01 && value("\(sgd) f walked", at: 0.9) < walkedSGD,
            values: [
                "best rate": bestRate, "factor size": (kappa - 1) / (kappa + 1), "book rate": sgdRate,
                "distance": abs(bestRate - sgdRate), "updates": Double(updates), "f at 0.9": value("\(sgd) f walked", at: 0.9),
                "f at book rate": walkedSGD, "lowest f rate": rates[sgdBest], "lowest f": sgdHeights[sgdBest],
            ]),
        Finding(
            "optimizers.valley-momentum-roots",
            "Momentum at η = \(decimal(momentumRate, 2)), α = \(alpha): the discriminant (1 + α − ηλ)² − 4α is \(decimal(recurrences[0].discriminant, 4)) in x and \(decimal(recurrences[1].discriminant, 4)) in y, both negative, so both coordinates shrink by √α = \(decimal(alpha.squareRoot())) per step and y turns by θ = \(decimal(turnY)) rad: the closed form predicts \(Int(value("\(momentum) crossings predicted", at: momentumRate))) sign changes of y (walked: \(zigzagCount(paths, momentum))). Over the sweep, predicted and walked paths differ by at most \(String(format: "%.1e", worstError(momentum))) of their size and the crossings differ at \(mismatches(momentum)) rates; both coordinates are underdamped, shrinking by √α whatever η, from η = \(decimal(underdamped.first ?? .nan, 2)) to \(decimal(underdamped.last ?? .nan, 2)).",
            holds: worstError(momentum) < 1e-9 && mismatches(momentum) == 0
                && recurrences.allSatisfy { $0.discriminant < 0 }
                && Int(value("\(momentum) crossings predicted", at: momentumRate)) == zigzagCount(paths, momentum),
            values: [
                "rate": momentumRate, "alpha": alpha, "discriminant x": recurrences[0].discriminant,
                "discriminant y": recurrences[1].discriminant, "root size": alpha.squareRoot(), "turn y": turnY,
                "crossings predicted": value("\(momentum) crossings predicted", at: momentumRate),
                "crossings walked": Double(zigzagCount(paths, momentum)), "largest path error": worstError(momentum),
                "rates whose crossings differ": Double(mismatches(momentum)), "underdamped from": underdamped.first ?? .nan,
                "underdamped to": underdamped.last ?? .nan,
            ]),
        Finding(
            "optimizers.valley-book-rates",
            "The book's rates are not each optimizer's best on this walk: after the same \(updates) updates the sweep's lowest f is at η = "
                + names.map { name in
                    let best = lowest(name)
                    return
                        "\(decimal(best.rate, 2)) for \(name) (f = \(String(format: "%.2g", best.f)); at the book's \(decimal(bookRates[name]!, 2)): \(String(format: "%.2g", lastHeight(paths, name))))"
                }.joined(separator: ", ")
                + ". Momentum's f at one step also depends on where its swing is: its envelope shrinks by the same √α at every underdamped η.",
            holds: names.allSatisfy { lowest($0).f < lastHeight(paths, $0) },
            values: [("updates", Double(updates))]
                + names.flatMap { name in
                    [
                        ("\(name) best rate", lowest(name).rate), ("\(name) best f", lowest(name).f),
                        ("\(name) book rate", bookRates[name]!), ("\(name) f at book rate", lastHeight(paths, name)),
                    ]
                }),
        Finding(
            "optimizers.valley-tuned-momentum",
            "Tuned for κ = \(decimal(kappa, 0)), Momentum (η = 4/(√λx + √λy)² = \(decimal(4 / pow(ValleyCurvature.x.squareRoot() + ValleyCurvature.y.squareRoot(), 2))), α = ((√κ − 1)/(√κ + 1))² = \(decimal(heavyBall.rate * heavyBall.rate))) should shrink both coordinates by (√κ − 1)/(√κ + 1) = \(decimal(heavyBall.rate)) per step against SGD's best (κ − 1)/(κ + 1) = \(decimal((kappa - 1) / (kappa + 1))). Measured over the last ten updates (√ of f's ratio, per step): \(decimal(measuredRate(tunedNames[1]))) (the double root's factor k makes it \(decimal(doubleRoot)) here) against \(decimal(measuredRate(tunedNames[0]))); f after \(updates) updates is \(String(format: "%.1e", tuned[tunedNames[1]].last!)) against \(decimal(tuned[tunedNames[0]].last!, 4)).",
            holds: isAbout(measuredRate(tunedNames[0]), (kappa - 1) / (kappa + 1), tolerance: 0.005)
                && isAbout(measuredRate(tunedNames[1]), doubleRoot, tolerance: 0.01),
            values: [
                "kappa": kappa, "rate": 4 / pow(ValleyCurvature.x.squareRoot() + ValleyCurvature.y.squareRoot(), 2),
                "alpha": heavyBall.rate * heavyBall.rate, "heavy-ball factor": heavyBall.rate,
                "SGD best factor": (kappa - 1) / (kappa + 1), "Momentum measured": measuredRate(tunedNames[1]),
                "double-root factor": doubleRoot, "SGD measured": measuredRate(tunedNames[0]), "updates": Double(updates),
                "Momentum f": tuned[tunedNames[1]].last!, "SGD f": tuned[tunedNames[0]].last!,
            ]),
        Finding(
            "optimizers.valley-adagrad-factor",
            "AdaGrad (η = \(decimal(adagradRate, 1))) multiplies each coordinate by 1 − η/√(Σᵢ≤ₖ wᵢ²), whatever its curvature: the walked factors match it within 10⁻⁵ (ε = 1e-7 aside) at every step, from the start (x: \(decimal(firstFactors[0])), y: \(decimal(firstFactors[1]))) on, all between 0 and 1, so y never crosses (\(zigzagCount(paths, adagrad)) sign changes). From y = 0.1 the first factor is 1 − \(decimal(adagradRate, 1))/0.1 = \(decimal(floorFactor, 0)).",
            holds: adagradGaps.max()! < 1e-5 && zigzagCount(paths, adagrad) == 0 && firstFactors.allSatisfy { $0 > 0 && $0 < 1 },
            values: [
                "rate": adagradRate, "largest factor gap": adagradGaps.max()!, "first factor x": firstFactors[0],
                "first factor y": firstFactors[1], "sign changes": Double(zigzagCount(paths, adagrad)),
                "first factor from y = 0.1": floorFactor,
            ]),
        Finding(
            "optimizers.valley-adam-steps",
            "Adam (η = \(decimal(adamRate, 1))) first steps η in each coordinate (|Δx|/η = \(decimal(adamX[0], 4)), |Δy|/η = \(decimal(adamY[0], 4))) although the slope across is \(decimal(slopeRatio, 1)) times the slope along; measured over its \(updates) updates, no step is larger than η (largest |Δ|/η: \(decimal(max(adamX.max()!, adamY.max()!), 4))), and the mean is \(decimal(adamX.reduce(0, +) / Double(adamX.count), 2))·η in x, \(decimal(adamY.reduce(0, +) / Double(adamY.count), 2))·η in y.",
            holds: isAbout(adamX[0], 1, tolerance: 1e-4) && isAbout(adamY[0], 1, tolerance: 1e-4)
                && max(adamX.max()!, adamY.max()!) <= 1 + 1e-6,
            values: [
                "rate": adamRate, "first step x": adamX[0], "first step y": adamY[0], "slope ratio": slopeRatio,
                "updates": Double(updates), "largest step": max(adamX.max()!, adamY.max()!),
                "mean step x": adamX.reduce(0, +) / Double(adamX.count), "mean step y": adamY.reduce(0, +) / Double(adamY.count),
            ]),
    ]
}

/// How often `name`'s y changes sign along a table of walks.
func zigzagCount(_ table: DataTable, _ name: String) -> Int { signChanges(table["\(name) y"]) }
