// Findings.swift — what the weight-init chapter claims, computed from its
// tables (the ones it has just made, or the ones committed under figures/).

import ChapterKit
import Foundation

/// A small or large number with three significant digits, e.g. `3.8e-07` or `0.259`.
func significant(_ value: Double) -> String { String(format: "%.3g", value) }

/// The ratios of each value to the next: how many times each layer shrinks.
func shrinkFactors(_ values: [Double]) -> [Double] { zip(values, values.dropFirst()).map { $0 / $1 } }

/// The geometric mean of the ratios of the first value to the last: the average factor per step.
func averageFactor(_ values: [Double]) -> Double { pow(values.first! / values.last!, 1 / Double(values.count - 1)) }

/// "a–b" for the smallest and largest of `values`, with `digits` decimals.
func span(_ values: [Double], _ digits: Int = 2) -> String { "\(decimal(values.min()!, digits))–\(decimal(values.max()!, digits))" }

/// The chapter's findings, from its tables (the MNIST ones only when the tables have them).
func weightInitFindings(_ tables: WeightInitTables) -> [Finding] {
    let layers = tables.layers
    func column(_ key: String, _ quantity: String) -> [Double] { layers["\(key) \(quantity)"] }
    func histogram(_ key: String) -> DataTable { tables.histograms.first { $0.fileName == "activations-\(key).dat" }! }

    // Sigmoid, σ = 0.01: the share of layer 5's outputs in the four middle bins (0.43 … 0.57).
    let bunched = histogram("sigmoid-std-0.01")["5-layer"]
    let middleShare = bunched[13...16].reduce(0, +) / bunched.reduce(0, +)
    // tanh: the mean output of each layer, from its histogram.
    let tanhTable = histogram("tanh-xavier")
    let tanhMeans = (1...5).map { k in
        zip(tanhTable["bin center"], tanhTable["\(k)-layer"]).map { $0 * $1 }.reduce(0, +) / tanhTable["\(k)-layer"].reduce(0, +)
    }
    let reluKeys = ["relu-std-0.01", "relu-xavier", "relu-he"]
    let gradientA = { (key: String) in column(key, "grad a") }
    let width = tables.width
    let narrow = Int(width["n"][0])
    func spreads(_ key: String, _ n: String) -> [Double] { width["\(key) width \(n)"] }
    // The wider width is in its columns' names ("relu-std-0.01 width 1000"); the narrow one is column n.
    let widePrefix = "relu-std-0.01 width "
    let wide = width.columns.first { $0.hasPrefix(widePrefix) && $0 != widePrefix + "n" }.map { String($0.dropFirst(widePrefix.count)) }!
    let widthRatio = Double(wide)! / Double(narrow)
    let ratioText = widthRatio == widthRatio.rounded() ? "√\(Int(widthRatio))" : "√(\(wide)/\(narrow))"
    let adaptive = ["sigmoid-xavier", "tanh-xavier", "relu-xavier", "relu-he"]
    let widthChange = adaptive.flatMap { key in zip(spreads(key, wide), spreads(key, "n")).map { abs($0 / $1 - 1) } }.max()!
    let fixedNarrow = shrinkFactors(spreads("relu-std-0.01", "n"))
    let fixedWide = shrinkFactors(spreads("relu-std-0.01", wide))

    // ReLU on a log scale: the mean log₁₀ of each layer's positive outputs, and its fall per layer.
    let logTable = tables.reluLog
    func meanLog(_ key: String) -> [Double] {
        let centers = logTable["log10 output"]
        return (1...5).map { (k: Int) -> Double in
            let counts = logTable["\(key) \(k)-layer"]
            let weighted: Double = zip(centers, counts).map { $0 * $1 }.reduce(0, +)
            return weighted / counts.reduce(0, +)
        }
    }
    func spreadLog(_ key: String) -> [Double] {
        let centers = logTable["log10 output"], means = meanLog(key)
        return (1...5).map { (k: Int) -> Double in
            let counts = logTable["\(key) \(k)-layer"]
            let squares: Double = zip(centers, counts).map { ($0 - means[k - 1]) * ($0 - means[k - 1]) * $1 }.reduce(0, +)
            return (squares / counts.reduce(0, +)).squareRoot()
        }
    }
    let logSpreads = reluKeys.flatMap(spreadLog)
    let decadesPerLayer = Dictionary(
        uniqueKeysWithValues: reluKeys.map { key in
            (key, (meanLog(key)[0] - meanLog(key)[4]) / 4)
        })

    var findings = [
        Finding(
            "weight-init.sigmoid-std-1-saturates",
            "Sigmoid, σ = 1: in every layer most outputs sit near 0 or 1, where the slope is below a tenth of its peak (\(span(column("sigmoid-std-1", "flat").map { 100 * $0 }, 0)) % of them).",
            holds: column("sigmoid-std-1", "flat").allSatisfy { $0 > 0.5 },
            values: [
                "flat % min": 100 * column("sigmoid-std-1", "flat").min()!, "flat % max": 100 * column("sigmoid-std-1", "flat").max()!,
            ]),
        Finding(
            "weight-init.backward-sigmoid-std-1",
            "Yet at σ = 1 the gradient does not vanish in these five layers: RMS ∂L/∂a is \(significant(gradientA("sigmoid-std-1")[0])) at layer 1 against \(significant(gradientA("sigmoid-std-1")[4])) at layer 5, and every layer's weight gradient is \(span(column("sigmoid-std-1", "grad W"), 1)).",
            holds: isAbout(gradientA("sigmoid-std-1")[0] / gradientA("sigmoid-std-1")[4], 1, tolerance: 0.5),
            values: [
                "grad a layer 1": gradientA("sigmoid-std-1")[0], "grad a layer 5": gradientA("sigmoid-std-1")[4],
                "grad W min": column("sigmoid-std-1", "grad W").min()!, "grad W max": column("sigmoid-std-1", "grad W").max()!,
            ]),
        Finding(
            "weight-init.sigmoid-std-0.01-bunches",
            "Sigmoid, σ = 0.01: every layer's spread is below 0.03 (\(span(column("sigmoid-std-0.01", "spread"), 3))), and \(decimal(100 * middleShare, 1)) % of layer 5's outputs fall between 0.43 and 0.57.",
            holds: column("sigmoid-std-0.01", "spread").allSatisfy { $0 < 0.03 } && middleShare > 0.99,
            values: [
                "spread min": column("sigmoid-std-0.01", "spread").min()!, "spread max": column("sigmoid-std-0.01", "spread").max()!,
                "middle %": 100 * middleShare,
            ]),
        Finding(
            "weight-init.backward-sigmoid-std-0.01",
            "Backward at σ = 0.01 each sigmoid layer divides the gradient by \(decimal(averageFactor(gradientA("sigmoid-std-0.01").reversed()), 0)) on average (√n·σ·¼ = 1/40): RMS ∂L/∂a falls from \(significant(gradientA("sigmoid-std-0.01")[4])) at layer 5 to \(significant(gradientA("sigmoid-std-0.01")[0])) at layer 1.",
            holds: isAbout(averageFactor(gradientA("sigmoid-std-0.01").reversed()), 40, tolerance: 10),
            values: [
                "factor": averageFactor(gradientA("sigmoid-std-0.01").reversed()),
                "grad a layer 5": gradientA("sigmoid-std-0.01")[4], "grad a layer 1": gradientA("sigmoid-std-0.01")[0],
            ]),
        Finding(
            "weight-init.sigmoid-xavier-spread",
            "Sigmoid with Xavier: spreads of \(span(column("sigmoid-xavier", "spread"))) by layer, at least five times σ = 0.01's in every layer, and under 1 % of outputs flat.",
            holds: zip(column("sigmoid-xavier", "spread"), column("sigmoid-std-0.01", "spread")).allSatisfy { $0 > 5 * $1 }
                && column("sigmoid-xavier", "flat").allSatisfy { $0 < 0.01 },
            values: [
                "spread min": column("sigmoid-xavier", "spread").min()!, "spread max": column("sigmoid-xavier", "spread").max()!,
                "times std=0.01 min": zip(column("sigmoid-xavier", "spread"), column("sigmoid-std-0.01", "spread")).map(/).min()!,
                "flat % max": 100 * column("sigmoid-xavier", "flat").max()!,
            ]),
        Finding(
            "weight-init.backward-sigmoid-xavier",
            "Backward, even Xavier loses a factor of \(decimal(averageFactor(gradientA("sigmoid-xavier").reversed()), 1)) per sigmoid layer on average (its slope is at most ¼): RMS ∂L/∂a is \(significant(gradientA("sigmoid-xavier")[0])) at layer 1. tanh, whose slope is 1 at 0, keeps \(significant(gradientA("tanh-xavier")[0])).",
            holds: isAbout(averageFactor(gradientA("sigmoid-xavier").reversed()), 4, tolerance: 1)
                && gradientA("tanh-xavier")[0] > 0.4,
            values: [
                "factor": averageFactor(gradientA("sigmoid-xavier").reversed()), "grad a layer 1": gradientA("sigmoid-xavier")[0],
                "tanh grad a layer 1": gradientA("tanh-xavier")[0],
            ]),
        Finding(
            "weight-init.tanh-xavier-narrows",
            "tanh with Xavier: a bell centred on 0 (layer means within ±\(decimal(tanhMeans.map(abs).max()!, 3))) whose spread falls in every layer, from \(decimal(column("tanh-xavier", "spread")[0])) to \(decimal(column("tanh-xavier", "spread")[4])).",
            holds: tanhMeans.allSatisfy { abs($0) < 0.05 } && shrinkFactors(column("tanh-xavier", "spread")).allSatisfy { $0 > 1 },
            values: [
                "mean max abs": tanhMeans.map(abs).max()!, "spread layer 1": column("tanh-xavier", "spread")[0],
                "spread layer 5": column("tanh-xavier", "spread")[4],
            ]),
        Finding(
            "weight-init.relu-std-0.01-shrinks",
            "ReLU, σ = 0.01: the spread shrinks \(span(shrinkFactors(column("relu-std-0.01", "spread")), 1)) times per layer (√n·σ/√2 = 1/14), from \(significant(column("relu-std-0.01", "spread")[0])) to \(significant(column("relu-std-0.01", "spread")[4])).",
            holds: shrinkFactors(column("relu-std-0.01", "spread")).allSatisfy { $0 > 10 },
            values: [
                "factor min": shrinkFactors(column("relu-std-0.01", "spread")).min()!,
                "factor max": shrinkFactors(column("relu-std-0.01", "spread")).max()!,
                "spread layer 1": column("relu-std-0.01", "spread")[0], "spread layer 5": column("relu-std-0.01", "spread")[4],
            ]),
        Finding(
            "weight-init.relu-xavier-root-two",
            "ReLU with Xavier: the spread shrinks \(span(shrinkFactors(column("relu-xavier", "spread")))) times per layer, about √2 ≈ 1.41.",
            holds: shrinkFactors(column("relu-xavier", "spread")).allSatisfy { isAbout($0, 2.squareRoot(), tolerance: 0.2) },
            values: [
                "factor min": shrinkFactors(column("relu-xavier", "spread")).min()!,
                "factor max": shrinkFactors(column("relu-xavier", "spread")).max()!,
            ]),
        Finding(
            "weight-init.relu-he-steady",
            "ReLU with He: the spread stays within \(span(column("relu-he", "spread"))) in all five layers.",
            holds: column("relu-he", "spread").max()! / column("relu-he", "spread").min()! < 1.2,
            values: ["spread min": column("relu-he", "spread").min()!, "spread max": column("relu-he", "spread").max()!]),
        Finding(
            "weight-init.relu-log-shift",
            "On a log scale ReLU's outputs keep their width (the standard deviation of log₁₀ output is \(span(logSpreads)) decades in every layer, under every scale) and slide left: the mean log₁₀ output falls by \(decimal(decadesPerLayer["relu-std-0.01"]!, 2)) decades per layer at σ = 0.01 (log₁₀ 14 = 1.15), \(decimal(decadesPerLayer["relu-xavier"]!, 2)) with Xavier (log₁₀ √2 = 0.15) and \(decimal(decadesPerLayer["relu-he"]!, 2)) with He.",
            holds: isAbout(decadesPerLayer["relu-std-0.01"]!, 1.15, tolerance: 0.1)
                && isAbout(decadesPerLayer["relu-xavier"]!, 0.15, tolerance: 0.1)
                && isAbout(decadesPerLayer["relu-he"]!, 0, tolerance: 0.1) && logSpreads.max()! - logSpreads.min()! < 0.15,
            values: [
                "log spread min": logSpreads.min()!, "log spread max": logSpreads.max()!,
                "decades std=0.01": decadesPerLayer["relu-std-0.01"]!, "decades Xavier": decadesPerLayer["relu-xavier"]!,
                "decades He": decadesPerLayer["relu-he"]!,
            ]),
        Finding(
            "weight-init.relu-zeros-same",
            "ReLU: the share of zero outputs is the same under all three scales, layer by layer (\(span(column("relu-he", "zeros").map { 100 * $0 }, 0)) %), since ReLU(c·z) = c·ReLU(z): σ changes each output's size, never its sign.",
            holds: reluKeys.allSatisfy { column($0, "zeros") == column("relu-he", "zeros") }
                && column("relu-he", "zeros").allSatisfy { isAbout($0, 0.5, tolerance: 0.1) },
            values: ["zeros % min": 100 * column("relu-he", "zeros").min()!, "zeros % max": 100 * column("relu-he", "zeros").max()!]),
        Finding(
            "weight-init.relu-dead-units",
            "Dead units (0 for every one of the 1000 inputs) are rare at the start: by layer \(column("relu-he", "dead").map { decimal(100 * $0, 0) + " %" }.joined(separator: ", ")), the same under every scale.",
            holds: reluKeys.allSatisfy { column($0, "dead") == column("relu-he", "dead") } && column("relu-he", "dead").max()! <= 0.05,
            values: column("relu-he", "dead").enumerated().map { ("dead % layer \($0.offset + 1)", 100 * $0.element) }),
        Finding(
            "weight-init.backward-relu",
            "Backward through ReLU the gradient shrinks as the signal did forward: RMS ∂L/∂a at layer 1 is \(significant(gradientA("relu-std-0.01")[0])) (σ = 0.01), \(significant(gradientA("relu-xavier")[0])) (Xavier) and \(significant(gradientA("relu-he")[0])) (He), against \(significant(gradientA("relu-he")[4])) at layer 5; every weight gradient at σ = 0.01 is \(decimal(column("relu-xavier", "grad W")[0] / column("relu-std-0.01", "grad W")[0], 0)) times smaller than Xavier's.",
            holds: isAbout(gradientA("relu-he")[0], 1, tolerance: 0.2)
                && isAbout(averageFactor(gradientA("relu-std-0.01").reversed()), 14, tolerance: 2)
                && zip(column("relu-xavier", "grad W"), column("relu-std-0.01", "grad W")).allSatisfy {
                    isAbout($0 / $1, 1e4, tolerance: 1e3)
                },
            values: [
                "grad a layer 1 std=0.01": gradientA("relu-std-0.01")[0], "grad a layer 1 Xavier": gradientA("relu-xavier")[0],
                "grad a layer 1 He": gradientA("relu-he")[0], "grad a layer 5 He": gradientA("relu-he")[4],
                "grad W ratio layer 1": column("relu-xavier", "grad W")[0] / column("relu-std-0.01", "grad W")[0],
            ]),
        Finding(
            "weight-init.exercise-sigma-0.1",
            "At n = 100, Xavier's σ = √(1/100) is 0.1 exactly (the Xavier histograms say so in their titles): σ = 0.1 keeps sigmoid's spread at \(span(column("sigmoid-xavier", "spread"))) and shrinks ReLU's by about √2 per layer.",
            holds: histogram("sigmoid-xavier").description.contains("√(1/100) = 0.1:"),
            values: [
                "sigmoid spread min": column("sigmoid-xavier", "spread").min()!,
                "sigmoid spread max": column("sigmoid-xavier", "spread").max()!,
            ]),
        Finding(
            "weight-init.exercise-width",
            "At \(wide) units Xavier's and He's spreads stay within \(decimal(100 * widthChange, 0)) % of their values at \(narrow) units, layer by layer; ReLU at σ = 0.01 shrinks \(span(fixedWide, 1)) times per layer instead of \(span(fixedNarrow, 1)) (\(ratioText) ≈ \(decimal(widthRatio.squareRoot(), 1)) times less per layer).",
            holds: widthChange < 0.15
                && isAbout(
                    averageFactor(spreads("relu-std-0.01", "n")) / averageFactor(spreads("relu-std-0.01", wide)), widthRatio.squareRoot(),
                    tolerance: 0.5),
            values: [
                "change %": 100 * widthChange, "n": Double(narrow), "wide factor min": fixedWide.min()!,
                "wide factor max": fixedWide.max()!, "narrow factor min": fixedNarrow.min()!, "narrow factor max": fixedNarrow.max()!,
            ]),
    ]
    findings += unitFindings(tables)
    guard let loss = tables.loss, let adam = tables.adam else { return findings }
    let stuck = loss["std=0.01 smoothed"], he = loss["He smoothed"], xavier = loss["Xavier smoothed"]
    let heAhead = zip(he, xavier).filter { $0 < $1 }.count
    let adamLoss = adam["std=0.01 Adam smoothed"]
    func firstBelow(_ curve: [Double], _ level: Double) -> Int { curve.firstIndex { $0 < level } ?? curve.count }
    findings += [
        Finding(
            "weight-init.mnist-std-0.01-stuck",
            "On MNIST the σ = 0.01 net's smoothed loss stays within 0.01 of ln 10 ≈ 2.303, the loss of a uniform guess, for all \(stuck.count) iterations (\(span(stuck, 3))).",
            holds: stuck.allSatisfy { isAbout($0, log(10), tolerance: 0.01) },
            values: ["iterations": Double(stuck.count), "loss min": stuck.min()!, "loss max": stuck.max()!]),
        Finding(
            "weight-init.mnist-he-xavier",
            "He and Xavier both learn: their smoothed losses end at \(decimal(he.last!, 2)) (He) and \(decimal(xavier.last!, 2)) (Xavier), and He's is the lower at \(heAhead) of \(he.count) iterations.",
            holds: he.last! < xavier.last! && xavier.last! < 0.5 * stuck.last! && heAhead > he.count * 9 / 10,
            values: [
                "He end": he.last!, "Xavier end": xavier.last!, "He lower": Double(heAhead), "iterations": Double(he.count),
            ]),
        Finding(
            "weight-init.mnist-xavier-late",
            "Xavier starts late: its smoothed loss first drops below 2.0 at iteration \(firstBelow(xavier, 2)), He's at \(firstBelow(he, 2)) (He starts from the same standard normals, scaled √2 times larger).",
            holds: firstBelow(xavier, 2) > 2 * firstBelow(he, 2),
            values: ["Xavier below 2": Double(firstBelow(xavier, 2)), "He below 2": Double(firstBelow(he, 2))]),
        Finding(
            "weight-init.exercise-adam",
            "Adam rescues the σ = 0.01 start: its smoothed loss ends at \(decimal(adamLoss.last!, 2)), against \(decimal(stuck.last!, 2)) for the comparison's net from the same start (SGD by default) and \(decimal(he.last!, 2)) for He.",
            holds: adamLoss.last! < 0.5 * stuck.last! && isAbout(adamLoss.last!, he.last!, tolerance: 0.1),
            values: ["Adam end": adamLoss.last!, "SGD end": stuck.last!, "He end": he.last!]),
    ]
    return findings
}

/// Within each unit against between units, and the per-layer factors the slopes predict.
func unitFindings(_ tables: WeightInitTables) -> [Finding] {
    let units = tables.units, layers = tables.layers
    let n = Double(Int(tables.width["n"][0]))
    let keys = layers.columns.filter { $0.hasSuffix(" spread") }.map { String($0.dropLast(7)) }
    func unit(_ key: String, _ quantity: String) -> [Double] { units["\(key) \(quantity)"] }
    /// σ of a configuration, from its key: `std-0.01`, `xavier` (√(1/n)), `he` (√(2/n)).
    func sigma(_ key: String) -> Double {
        if key.hasSuffix("xavier") { return (1 / n).squareRoot() }
        if key.hasSuffix("-he") { return (2 / n).squareRoot() }
        return Double(key.split(separator: "-").last!)!
    }
    // spread² = within² + between², for every configuration and layer.
    func splitGap(_ key: String) -> Double {
        let spread = layers["\(key) spread"], within = unit(key, "within"), between = unit(key, "between")
        return spread.indices.map { (k: Int) -> Double in
            let whole: Double = spread[k] * spread[k]
            let parts: Double = within[k] * within[k] + between[k] * between[k]
            return abs(parts - whole) / whole
        }.max()!
    }
    let decompositionGap = keys.map(splitGap).max()!
    // Backward: RMS ∂L/∂aₖ₋₁ / RMS ∂L/∂aₖ against √n·σ·RMS f′ of layer k.
    func backwardGap(_ key: String) -> Double {
        let gradient = layers["\(key) grad a"], slopes = unit(key, "slope rms")
        return (1..<gradient.count).map { k in
            abs((gradient[k - 1] / gradient[k]) / (n.squareRoot() * sigma(key) * slopes[k]) - 1)
        }.max()!
    }
    // Forward, inside each unit: withinₖ against √n·σ·RMS f′ₖ·withinₖ₋₁ (the linear part of the activation).
    func withinGap(_ key: String) -> Double {
        let within = unit(key, "within"), slopes = unit(key, "slope rms")
        return (1..<within.count).map { k in
            abs(n.squareRoot() * sigma(key) * slopes[k] * within[k - 1] / within[k] - 1)
        }.max()!
    }
    // Between units: the inputs' mean part √(mean² + between²) of the layer below, through the weights and the slope.
    func betweenGap(_ key: String) -> Double {
        let between = unit(key, "between"), means = unit(key, "mean"), slopes = unit(key, "slope rms")
        return (1..<between.count).map { k in
            let offset = (means[k - 1] * means[k - 1] + between[k - 1] * between[k - 1]).squareRoot()
            return abs(n.squareRoot() * sigma(key) * slopes[k] * offset / between[k] - 1)
        }.max()!
    }
    let smooth = ["sigmoid-std-0.01", "sigmoid-xavier", "tanh-xavier"]
    let inputs = tables.histograms[0]["1-layer"].reduce(0, +) / n  // N: every sigmoid output is counted
    let noiseGap = zip(unit("tanh-xavier", "between"), unit("tanh-xavier", "within")).map { between, within in
        abs(between / (within / inputs.squareRoot()) - 1)
    }.max()!
    let (sigmoidWithin, sigmoidBetween) = (unit("sigmoid-xavier", "within"), unit("sigmoid-xavier", "between"))
    let (tanhWithin, tanhBetween) = (unit("tanh-xavier", "within"), unit("tanh-xavier", "between"))
    let oneBin = unit("sigmoid-xavier", "one bin")
    let sigmoidMeans = unit("sigmoid-xavier", "mean")
    let (heWithin, heBetween) = (unit("relu-he", "within"), unit("relu-he", "between"))
    let last = sigmoidWithin.count - 1
    return [
        Finding(
            "weight-init.units-split",
            "Each layer's spread splits exactly into a part within each unit (across the inputs) and a part between units (the units' means): spread² = within² + between² in every layer of every configuration, to 10⁻⁶ of it (the data's precision is 10⁻¹⁰).",
            holds: decompositionGap < 1e-6,
            values: ["gap": decompositionGap]),
        Finding(
            "weight-init.sigmoid-xavier-collapse",
            "Sigmoid with Xavier: the spread within each unit falls from \(significant(sigmoidWithin[0])) at layer 1 to \(significant(sigmoidWithin[last])) at layer \(last + 1), \(decimal(averageFactor(sigmoidWithin), 1)) times per layer, while the spread between units stays at \(span(Array(sigmoidBetween.dropFirst()), 2)) from layer 2 on, around a mean of \(span(sigmoidMeans, 2)): by layer \(last + 1), \(decimal(100 * oneBin[last], 0)) % of the units put all \(decimal(inputs, 0)) of their outputs in one histogram bin. What is left is a per-unit offset, the same for every input.",
            holds: averageFactor(sigmoidWithin) > 3 && sigmoidBetween[last] > 10 * sigmoidWithin[last] && oneBin[last] > 0.5,
            values: [
                "within layer 1": sigmoidWithin[0], "within layer 5": sigmoidWithin[last], "factor": averageFactor(sigmoidWithin),
                "between min": sigmoidBetween.dropFirst().min()!, "between max": sigmoidBetween.dropFirst().max()!,
                "mean min": sigmoidMeans.min()!, "mean max": sigmoidMeans.max()!, "one bin % layer 5": 100 * oneBin[last],
                "inputs": inputs,
            ]),
        Finding(
            "weight-init.tanh-xavier-centred",
            "tanh with Xavier, centred on 0 (layer means \(span(unit("tanh-xavier", "mean"), 3))): the spread within each unit falls only from \(decimal(tanhWithin[0])) to \(decimal(tanhWithin[last])), and the spread between units stays below \(decimal(tanhBetween.max()!)), a tenth of the within part or less in every layer; no unit puts its outputs in one bin (\(decimal(100 * unit("tanh-xavier", "one bin").max()!, 0)) %).",
            holds: zip(tanhBetween, tanhWithin).allSatisfy { $0 < 0.1 * $1 } && unit("tanh-xavier", "one bin").max()! == 0,
            values: [
                "mean min": unit("tanh-xavier", "mean").min()!, "mean max": unit("tanh-xavier", "mean").max()!,
                "within layer 1": tanhWithin[0], "within layer 5": tanhWithin[last], "between max": tanhBetween.max()!,
                "one bin % max": 100 * unit("tanh-xavier", "one bin").max()!,
            ]),
        Finding(
            "weight-init.within-factor",
            "Inside each unit the input-dependent part shrinks by √n·σ times the layer's RMS slope, as a linear layer would: predicted and measured within-unit spreads agree within \(decimal(100 * smooth.map(withinGap).max()!, 1)) % at every layer for sigmoid at σ = 0.01 and Xavier and for tanh with Xavier (RMS slope: sigmoid \(span(unit("sigmoid-xavier", "slope rms"), 3)), tanh \(span(unit("tanh-xavier", "slope rms"), 3))). Between units, sigmoid's mean output (≈ 0.5) goes through the next weights as an offset Σᵢ āᵢ·wᵢ ≈ 0.5·Σᵢ wᵢ per unit, whose spread √n·σ·√(mean² + between²) of the layer below, times the slope, predicts the measured one within \(decimal(100 * betweenGap("sigmoid-xavier"), 0)) % from layer 2 on (under 20 %, about three times the 1/√(2n) ≈ \(decimal(100 / (2 * n).squareRoot(), 0)) % by which a spread measured over n = \(decimal(n, 0)) units is itself uncertain). tanh's between-unit spread is no offset: it is within/√N, the noise in a mean of N = \(decimal(inputs, 0)) outputs (within \(decimal(100 * noiseGap, 0)) %).",
            holds: smooth.allSatisfy { withinGap($0) < 0.05 } && betweenGap("sigmoid-xavier") < 0.2 && noiseGap < 0.2,
            values: [
                "within gap %": 100 * smooth.map(withinGap).max()!,
                "sigmoid slope min": unit("sigmoid-xavier", "slope rms").min()!,
                "sigmoid slope max": unit("sigmoid-xavier", "slope rms").max()!,
                "tanh slope min": unit("tanh-xavier", "slope rms").min()!, "tanh slope max": unit("tanh-xavier", "slope rms").max()!,
                "between gap %": 100 * betweenGap("sigmoid-xavier"), "sampling %": 100 / (2 * n).squareRoot(), "inputs": inputs,
                "noise gap %": 100 * noiseGap,
            ]),
        Finding(
            "weight-init.backward-factor",
            "Backward, each layer multiplies the gradient by √n·σ times its RMS slope f′: measured factors agree with that within \(decimal(100 * keys.map(backwardGap).max()!, 1)) % at every layer of all \(keys.count) configurations. At σ = 1 the flat slopes (RMS \(span(unit("sigmoid-std-1", "slope rms"), 3))) times √n·σ = \(decimal(n.squareRoot() * sigma("sigmoid-std-1"), 0)) make about 1, which is why the gradient does not vanish there.",
            holds: keys.allSatisfy { backwardGap($0) < 0.05 },
            values: [
                "gap %": 100 * keys.map(backwardGap).max()!, "configurations": Double(keys.count),
                "slope min": unit("sigmoid-std-1", "slope rms").min()!, "slope max": unit("sigmoid-std-1", "slope rms").max()!,
                "root n sigma": n.squareRoot() * sigma("sigmoid-std-1"),
            ]),
        Finding(
            "weight-init.relu-he-offset",
            "ReLU is not centred on 0 either (mean output \(span(unit("relu-he", "mean"), 2)) with He): the spread between units grows from \(decimal(heBetween[0])) to \(decimal(heBetween[last])) and passes the spread within units (\(decimal(heWithin[last]))) by layer \(last + 1).",
            holds: heBetween[last] > heWithin[last] && heBetween[0] < heWithin[0],
            values: [
                "mean min": unit("relu-he", "mean").min()!, "mean max": unit("relu-he", "mean").max()!,
                "between layer 1": heBetween[0], "between layer 5": heBetween[last], "within layer 5": heWithin[last],
            ]),
    ]
}
