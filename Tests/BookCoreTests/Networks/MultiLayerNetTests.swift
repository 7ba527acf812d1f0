// MultiLayerNetTests.swift — structure, weight init, weight decay, backprop against
// the numerical gradient, and a few steps of learning.

import Foundation
import Testing

@testable import BookCore

/// A small random batch for gradient checks: `[4, 6]` inputs and 4 labels of 3 classes.
private func smallBatch(seed: UInt64) -> (x: Matrix, labels: [Int]) {
    var g = SeededGenerator(seed: seed)
    let x = Matrix.randomNormal(4, 6, using: &g)  // [B, D] = [4, 6]
    return (x, [0, 2, 1, 2])
}

@Suite("MultiLayerNet")
struct MultiLayerNetTests {
    @Test("Layers are [Affine → activation] × hidden, then Affine; parameters W1 b1 W2 b2 …")
    func structure() {
        var g = SeededGenerator(seed: 1)
        let net = MultiLayerNet(
            inputSize: 6, hiddenSizes: [5, 4], outputSize: 3, activation: .sigmoid,
            generator: &g)
        #expect(net.layers.count == 5)
        #expect(
            net.layers[0] is Affine && net.layers[1] is Sigmoid && net.layers[2] is Affine
                && net.layers[3] is Sigmoid && net.layers[4] is Affine)
        #expect(net.parameters.map(\.name) == ["W1", "b1", "W2", "b2", "W3", "b3"])
        #expect(net.parameters.map(\.value.shapeDescription) == ["[6, 5]", "[1, 5]", "[5, 4]", "[1, 4]", "[4, 3]", "[1, 3]"])
        #expect(net.parameterCount == 6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3)
        #expect(net.affineLayers.map(\.computesInputGradient) == [false, true, true])
        #expect(net.affineLayers.allSatisfy { $0.bias.value.elements.allSatisfy { $0 == 0 } })
        #expect(net.predict(Matrix(rows: 7, columns: 6), training: false).shape == (rows: 7, columns: 3))

        var h = SeededGenerator(seed: 1)
        let relu = MultiLayerNet(inputSize: 6, hiddenSizes: [5], outputSize: 3, generator: &h)
        #expect(relu.layers[1] is ReLU)  // ReLU is the default activation
    }

    @Test("A network is its layers: rebuilt from the same list it predicts, loses and learns alike, and a swapped layer is used")
    func fromLayers() {
        var g = SeededGenerator(seed: 4)
        let built = MultiLayerNet(inputSize: 6, hiddenSizes: [5, 4], outputSize: 3, weightDecay: 0.1, generator: &g)
        let rebuilt = MultiLayerNet(layers: built.layers, weightDecay: built.weightDecay)
        let (x, labels) = smallBatch(seed: 5)
        #expect(rebuilt.parameters.map(\.name) == ["W1", "b1", "W2", "b2", "W3", "b3"])
        #expect(rebuilt.affineLayers.count == 3 && rebuilt.batchNormLayers.isEmpty && rebuilt.dropoutLayers.isEmpty)
        #expect(rebuilt.predict(x) == built.predict(x))
        #expect(rebuilt.loss(x, labels: labels) == built.loss(x, labels: labels))
        // Swap every ReLU for a Sigmoid: the scores change, the parameters are the same objects.
        let swapped = MultiLayerNet(layers: built.layers.map { $0 is ReLU ? Sigmoid() : $0 })
        #expect(swapped.layers[1] is Sigmoid && swapped.layers[3] is Sigmoid)
        #expect(zip(swapped.parameters, built.parameters).allSatisfy { $0 === $1 })
        #expect(swapped.predict(x) != built.predict(x))
    }

    @Test("The same seed gives the same starting weights")
    func reproducibleInit() {
        var a = SeededGenerator(seed: 8), b = SeededGenerator(seed: 8)
        let first = MultiLayerNet(inputSize: 10, hiddenSizes: [7], outputSize: 3, generator: &a)
        let second = MultiLayerNet(inputSize: 10, hiddenSizes: [7], outputSize: 3, generator: &b)
        #expect(zip(first.parameters, second.parameters).allSatisfy { $0.value == $1.value })
    }

    @Test(
        "Weight init: He √(2/n_in), Xavier √(1/n_in), or a fixed σ, measured on large layers",
        arguments: [WeightInit.he, .xavier, .standardDeviation(0.01)])
    func weightInitScale(_ weightInit: WeightInit) {
        var g = SeededGenerator(seed: 2)
        // W1 [800, 400] (n_in 800) and W2 [400, 200] (n_in 400): 320 000 and 80 000 samples.
        let net = MultiLayerNet(
            inputSize: 800, hiddenSizes: [400], outputSize: 200,
            weightInit: weightInit, generator: &g)
        let expected: [Double]
        switch weightInit {
        case .he: expected = [(2.0 / 800).squareRoot(), (2.0 / 400).squareRoot()]
        case .xavier: expected = [(1.0 / 800).squareRoot(), (1.0 / 400).squareRoot()]
        case .standardDeviation(let sigma): expected = [sigma, sigma]
        }
        for (affine, sigma) in zip(net.affineLayers, expected) {
            let w = affine.weight.value
            let mean = w.sum() / Double(w.count)
            let measured = (w.sumOfSquares() / Double(w.count)).squareRoot()
            // The sample σ of n normals has relative standard error 1/√(2n) ≤ 0.25%; allow 1.5%.
            #expect(abs(measured / sigma - 1) < 0.015, "\(weightInit) \(affine.weight.name): σ \(measured), expected \(sigma)")
            #expect(abs(mean) < 5 * sigma / Double(w.count).squareRoot())
        }
        #expect(WeightInit.he.standardDeviation(inputs: 50) == 0.2)
        #expect(WeightInit.xavier.standardDeviation(inputs: 25) == 0.2)
        #expect(WeightInit.he.description == "He" && WeightInit.xavier.description == "Xavier")
    }

    @Test(
        "Backprop matches the numerical gradient: relative error ≤ 1e-6 (batch 4)",
        arguments: [(Activation.sigmoid, 0.0), (.sigmoid, 0.1), (.relu, 0.0), (.relu, 0.1)])
    func gradientCheck(_ activation: Activation, _ weightDecay: Double) {
        var g = SeededGenerator(seed: 3)
        let net = MultiLayerNet(
            inputSize: 6, hiddenSizes: [5, 4], outputSize: 3, activation: activation,
            weightInit: .standardDeviation(0.8), weightDecay: weightDecay, generator: &g)
        // Non-zero biases, so their gradients are exercised away from the starting point.
        for affine in net.affineLayers {
            affine.bias.value = Matrix.randomNormal(1, affine.bias.value.columns, standardDeviation: 0.3, using: &g)
        }
        let (x, _) = smallBatch(seed: 4)
        // Label each row with its highest score, so the right class has probability ≥ 1/3 and
        // the loss's 1e-7 guard, which backprop ignores as the book's does, contributes at most
        // 3e-7 relative error (see SoftmaxWithLossTests).
        let labels = net.predict(x, training: true).argmaxOfEachRow()
        if activation == .relu {
            // Keep every ReLU input at least 1e-3 from the kink (the step is h = 1e-4).
            #expect(reluInputs(net, x).allSatisfy { $0.elements.allSatisfy { abs($0) > 1e-3 } })
        }
        let numerical = net.numericalGradients(x, labels: labels)
        let errors = net.gradientCheck(x, labels: labels)
        #expect(errors.map(\.name) == ["W1", "b1", "W2", "b2", "W3", "b3"])
        // Per parameter, relative to its largest gradient: max|backprop − numerical| / max|numerical|.
        for (parameter, numerical) in zip(net.parameters, numerical) {
            let scale = numerical.elements.map(abs).max()!
            let error = maxAbsoluteDifference(parameter.gradient, numerical) / scale
            #expect(error <= 1e-6, "\(activation), λ = \(weightDecay), \(parameter.name): \(error)")
        }
        // Element by element. Without weight decay every element agrees to 1e-6 relative. With it,
        // an element where the cross-entropy gradient and λW nearly cancel is small, while the
        // guard's ≤ 3e-7 share of the cross-entropy part stays: its relative error grows by the
        // cancellation, so there the element-wise bound is 1e-5.
        let worst = errors.map(\.error).max()!
        #expect(worst <= (weightDecay == 0 ? 1e-6 : 1e-5), "\(activation), λ = \(weightDecay): \(errors)")
    }

    @Test("Weight decay adds ½λΣW² to the loss and λW to each weight gradient, not to biases")
    func weightDecay() {
        let lambda = 0.3
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5)
        let plain = MultiLayerNet(inputSize: 6, hiddenSizes: [5], outputSize: 3, generator: &a)
        let decayed = MultiLayerNet(
            inputSize: 6, hiddenSizes: [5], outputSize: 3, weightDecay: lambda,
            generator: &b)
        let (x, labels) = smallBatch(seed: 6)
        // The penalty, computed here from the weights themselves.
        var sumOfSquares = 0.0
        for affine in plain.affineLayers { for w in affine.weight.value.elements { sumOfSquares += w * w } }
        let penalty = 0.5 * lambda * sumOfSquares
        #expect(isClose(decayed.weightDecayPenalty(), penalty, tolerance: 1e-14))
        #expect(plain.weightDecayPenalty() == 0)
        #expect(isClose(decayed.loss(x, labels: labels), plain.loss(x, labels: labels) + penalty, tolerance: 1e-14))

        let plainLoss = plain.gradient(x, labels: labels)
        let decayedLoss = decayed.gradient(x, labels: labels)
        #expect(isClose(decayedLoss, plainLoss + penalty, tolerance: 1e-14))
        for (p, d) in zip(plain.parameters, decayed.parameters) {
            let expected = p.name.hasPrefix("W") ? p.gradient + lambda * p.value : p.gradient
            #expect(maxAbsoluteDifference(d.gradient, expected) < 1e-15, "\(p.name)")
        }
    }

    @Test("A few SGD steps lower the loss on a tiny separable problem, and accuracy reaches 1")
    func learns() {
        var g = SeededGenerator(seed: 7)
        // Two clusters in 2-D: class 0 around (−1, −1), class 1 around (1, 1).
        var x = Matrix(rows: 20, columns: 2)  // [20, 2]
        var labels: [Int] = []
        for i in 0..<20 {
            let label = i % 2
            let center = label == 0 ? -1.0 : 1.0
            x[i, 0] = center + 0.3 * g.normal()
            x[i, 1] = center + 0.3 * g.normal()
            labels.append(label)
        }
        let net = MultiLayerNet(inputSize: 2, hiddenSizes: [8], outputSize: 2, generator: &g)
        var sgd = SGD(learningRate: 0.1)
        let initialLoss = net.loss(x, labels: labels)
        var losses: [Double] = []
        for _ in 0..<50 {
            net.gradient(x, labels: labels)
            sgd.update(net.parameters)
            losses.append(net.loss(x, labels: labels))
        }
        #expect(losses[0] < initialLoss)  // the very first step already helps
        #expect(losses.last! < 0.5 * initialLoss)
        #expect(net.accuracy(x, labels: labels) == 1)
    }

    @Test("accuracy is the fraction of rows whose highest score is the label (first column on ties)")
    func accuracy() {
        var g = SeededGenerator(seed: 9)
        // Make the network the identity on non-negative inputs: W = I, b = 0, so scores = ReLU(x).
        let net = MultiLayerNet(inputSize: 3, hiddenSizes: [3], outputSize: 3, generator: &g)
        let identity = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        for affine in net.affineLayers {
            affine.weight.value = identity
            affine.bias.value = Matrix(rows: 1, columns: 3)
        }
        let x = Matrix([
            [0.9, 0.1, 0.0],  // argmax 0
            [0.2, 0.3, 0.5],  // argmax 2
            [0.4, 0.4, 0.1],  // tie -> 0
            [0.0, 1.0, 0.0],
        ])  // argmax 1
        #expect(net.accuracy(x, labels: [0, 2, 0, 1]) == 1)
        #expect(net.accuracy(x, labels: [0, 2, 1, 1]) == 0.75)  // the tie counts for column 0 only
        #expect(net.accuracy(x, labels: [1, 1, 1, 0]) == 0)
        #expect(net.accuracy(Matrix(rows: 0, columns: 3), labels: []) == 0)
    }
}

/// The input of every ReLU layer of the network, on a forward pass of `x`.
private func reluInputs(_ net: MultiLayerNet, _ x: Matrix) -> [Matrix] {
    var activations = x  // [B, D]
    var inputs: [Matrix] = []
    for layer in net.layers {
        if layer is ReLU { inputs.append(activations) }
        activations = layer.forward(activations, training: true)
    }
    return inputs
}
