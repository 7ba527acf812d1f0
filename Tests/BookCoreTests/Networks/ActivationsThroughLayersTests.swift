// ActivationsThroughLayersTests.swift — the stack of random layers of the
// weight-init chapter: its arithmetic, and the statistics the chapter explains.

import Foundation
import Testing

@testable import BookCore

/// The book's setting: 1000 inputs of width 100 from N(0, 1), five layers of 100 units.
private func bookActivations(
    _ weightInit: WeightInit, _ activation: (Double) -> Double,
    seed: UInt64 = 5
) -> [Matrix] {
    var inputGenerator = SeededGenerator(seed: seed, stream: 2)
    let x = Matrix.randomNormal(1000, 100, using: &inputGenerator)  // [N, 100]
    var weightGenerator = SeededGenerator(seed: seed, stream: 3)
    return activationsThroughLayers(
        x, widths: [100, 100, 100, 100, 100], weightInit: weightInit,
        activation: activation, generator: &weightGenerator)
}

/// The share of a matrix's elements for which `condition` holds.
private func share(_ layer: Matrix, where condition: (Double) -> Bool) -> Double {
    Double(layer.elements.filter(condition).count) / Double(layer.count)
}

/// The standard deviation of a matrix's elements.
private func spread(_ layer: Matrix) -> Double {
    let mean = layer.sum() / Double(layer.count)
    return (layer.elements.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(layer.count)).squareRoot()
}

private func sigmoid(_ z: Double) -> Double { Sigmoid.sigmoid(z) }
private func relu(_ z: Double) -> Double { max(0, z) }

@Suite("Activations through layers")
struct ActivationsThroughLayersTests {
    @Test("One matrix per layer, [N, nₖ]; the first is f(x · W₁) with W₁ drawn as randomNormal draws it")
    func arithmetic() {
        var generator = SeededGenerator(seed: 3)
        let x = Matrix.randomNormal(6, 4, using: &generator)  // [6, 4]
        var weightGenerator = SeededGenerator(seed: 9)
        var copy = weightGenerator
        let layers = activationsThroughLayers(
            x, widths: [3, 5], weightInit: .standardDeviation(2),
            activation: tanh, generator: &weightGenerator)
        #expect(layers.map(\.rows) == [6, 6])
        #expect(layers.map(\.columns) == [3, 5])

        let w1 = Matrix.randomNormal(4, 3, standardDeviation: 2, using: &copy)  // [4, 3]
        for i in 0..<6 {
            for j in 0..<3 {
                let z = (0..<4).reduce(0.0) { $0 + x[i, $1] * w1[$1, j] }  // a plain loop, no BLAS
                #expect(isClose(layers[0][i, j], tanh(z), tolerance: 1e-12))
            }
        }
        // The second layer takes the next normals: f(a₁ · W₂), W₂ [3, 5].
        let w2 = Matrix.randomNormal(3, 5, standardDeviation: 2, using: &copy)  // [3, 5]
        for i in 0..<6 {
            for j in 0..<5 {
                let z = (0..<3).reduce(0.0) { $0 + layers[0][i, $1] * w2[$1, j] }
                #expect(isClose(layers[1][i, j], tanh(z), tolerance: 1e-12))
            }
        }
        // And it has drawn nothing more: both generators are at the same place.
        #expect(weightGenerator.normal() == copy.normal())
    }

    @Test("The same normals under every scale: with f = identity, halving σ halves layer 1 and quarters layer 2")
    func sameNormalsEveryScale() {
        var generator = SeededGenerator(seed: 4)
        let x = Matrix.randomNormal(5, 100, using: &generator)  // [5, 100]
        let identity: (Double) -> Double = { $0 }
        var first = SeededGenerator(seed: 8), second = SeededGenerator(seed: 8), third = SeededGenerator(seed: 8)
        let unit = activationsThroughLayers(
            x, widths: [100, 100], weightInit: .standardDeviation(1),
            activation: identity, generator: &first)
        let half = activationsThroughLayers(
            x, widths: [100, 100], weightInit: .standardDeviation(0.5),
            activation: identity, generator: &second)
        // Xavier with 100 inputs is σ = 0.1 in both layers.
        let xavier = activationsThroughLayers(
            x, widths: [100, 100], weightInit: .xavier,
            activation: identity, generator: &third)
        #expect(maxAbsoluteDifference(half[0], 0.5 * unit[0]) < 1e-12)
        #expect(maxAbsoluteDifference(half[1], 0.25 * unit[1]) < 1e-11)
        #expect(maxAbsoluteDifference(xavier[1], 0.01 * unit[1]) < 1e-12)
    }

    @Test("Sigmoid, σ = 1: in every layer most outputs sit near 0 and 1")
    func sigmoidLargeScaleSaturates() {
        for (k, layer) in bookActivations(.standardDeviation(1), sigmoid).enumerated() {
            let nearEnds = share(layer) { $0 < 0.1 || $0 > 0.9 }
            #expect(nearEnds > 0.6, "layer \(k + 1): only \(nearEnds) of the outputs near 0 or 1")
            // The two outermost of 30 bins outweigh the 28 between them.
            let histogram = Histogram(layer.elements, bins: 30, range: 0...1)
            let ends = histogram.counts[0] + histogram.counts[29]
            #expect(ends > histogram.total - ends, "layer \(k + 1): ends \(ends) of \(histogram.total)")
        }
    }

    @Test("Sigmoid, σ = 0.01: in every layer the outputs bunch at 0.5")
    func sigmoidSmallScaleBunches() {
        for (k, layer) in bookActivations(.standardDeviation(0.01), sigmoid).enumerated() {
            #expect(share(layer) { abs($0 - 0.5) < 0.1 } > 0.999, "layer \(k + 1)")
            #expect(spread(layer) < 0.03, "layer \(k + 1): spread \(spread(layer))")
            let occupied = Histogram(layer.elements, bins: 30, range: 0...1).counts.filter { $0 > 500 }.count
            #expect(occupied <= 4, "layer \(k + 1): \(occupied) bins hold over 0.5% of the outputs")
        }
    }

    @Test("Sigmoid, Xavier: in every layer the outputs spread over much of 0 … 1, under 5% near the ends")
    func sigmoidXavierSpreads() {
        for (k, layer) in bookActivations(.xavier, sigmoid).enumerated() {
            #expect(spread(layer) > 0.08, "layer \(k + 1): spread \(spread(layer))")
            #expect(share(layer) { $0 < 0.1 || $0 > 0.9 } < 0.05, "layer \(k + 1)")  // σ = 1: over 60%
            let occupied = Histogram(layer.elements, bins: 30, range: 0...1).counts.filter { $0 > 500 }.count
            #expect(occupied >= 10, "layer \(k + 1): only \(occupied) bins hold over 0.5% of the outputs")
        }
    }

    @Test("tanh, Xavier: a bell centred on 0 in every layer")
    func tanhXavierCentred() {
        for (k, layer) in bookActivations(.xavier, tanh).enumerated() {
            let mean = layer.sum() / Double(layer.count)
            #expect(abs(mean) < 0.05, "layer \(k + 1): mean \(mean)")
            #expect(spread(layer) > 0.2, "layer \(k + 1): spread \(spread(layer))")
        }
    }

    @Test("ReLU: σ = 0.01 collapses, Xavier shrinks layer by layer, He keeps the spread")
    func reluScales() {
        let small = bookActivations(.standardDeviation(0.01), relu).map(spread)
        let xavier = bookActivations(.xavier, relu).map(spread)
        let he = bookActivations(.he, relu).map(spread)
        #expect(small[4] < 1e-4, "σ = 0.01: layer 5 spread \(small[4])")
        // Xavier loses about a factor √2 per layer: (1/√2)⁴ = 0.25 over four layers.
        #expect(xavier[4] / xavier[0] < 0.4, "Xavier: \(xavier)")
        #expect((0.7...1.4).contains(he[4] / he[0]), "He: \(he)")
        for layer in bookActivations(.he, relu) {
            #expect((0.4...0.6).contains(share(layer) { $0 == 0 }))  // about half the units are off
        }
    }
}
