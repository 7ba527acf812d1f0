// MultiLayerNetExtendTests.swift — the network with batch normalization and
// dropout: its layers, its gradients against central differences, and the
// train/test flag.

import Testing

@testable import BookCore

@Suite("MultiLayerNetExtend")
struct MultiLayerNetExtendTests {
    /// A small network and a batch for the checks: D = 6, H = [5, 4], C = 3, B = 4.
    static func makeNet(
        batchNorm: Bool, dropout: Bool = false, weightDecay: Double = 0,
        seed: UInt64 = 21
    ) -> (MultiLayerNetExtend, Matrix, [Int]) {
        var g = SeededGenerator(seed: seed)
        let net = MultiLayerNetExtend(
            inputSize: 6, hiddenSizes: [5, 4], outputSize: 3,
            weightInit: .standardDeviation(0.8), weightDecay: weightDecay,
            useBatchNorm: batchNorm, useDropout: dropout, dropoutRatio: 0.3,
            generator: &g)
        var data = SeededGenerator(seed: seed + 100)
        let x = Matrix.randomNormal(4, 6, using: &data)  // [B, D] = [4, 6]
        // Biases away from zero, so that their gradients are exercised away
        // from the start (and a row of dropped inputs does not sit on a ReLU kink).
        for affine in net.affineLayers {
            affine.bias.value = Matrix.randomNormal(1, affine.bias.value.columns, standardDeviation: 0.3, using: &data)
        }
        // γ and β away from ones and zeros, so that the check exercises them.
        for layer in net.batchNormLayers {
            layer.gamma.value = layer.gamma.value.map { $0 + 0.5 * data.normal() }
            layer.beta.value = layer.beta.value.map { $0 + 0.5 * data.normal() }
        }
        // A gradient check needs the same function at every evaluation: one mask per dropout layer.
        for (layer, width) in Swift.zip(net.dropoutLayers, [5, 4]) {
            layer.fixedMask = Dropout.drawMask(rows: 4, columns: width, ratio: 0.3, using: &data)
        }
        // The labels the network already rates most likely. The book's loss is
        // −log(y + 1e-7) but its backward pass is y − t, the gradient of −log y:
        // the two differ by a factor y/(y + 1e-7), a relative 1e-7/y. With the
        // label at the top of C = 3 classes, y ≥ 1/3 and that stays below 1e-6.
        let labels = net.predict(x, training: true).argmaxOfEachRow()
        return (net, x, labels)
    }

    /// The input of every ReLU in a training-mode forward pass, to keep the checks off the kink.
    static func reluInputs(_ net: MultiLayerNetExtend, _ x: Matrix) -> [Double] {
        var activations = x  // [B, D]
        var inputs: [Double] = []
        for layer in net.layers {
            if layer is ReLU { inputs += activations.elements }
            activations = layer.forward(activations, training: true)
        }
        return inputs
    }

    @Test("Layer order: Affine → BatchNorm → ReLU → Dropout per hidden layer, then Affine; names W, b, gamma, beta")
    func layerOrder() {
        let (net, _, _) = Self.makeNet(batchNorm: true, dropout: true)
        let kinds = net.layers.map { String(describing: type(of: $0)) }
        #expect(
            kinds == [
                "Affine", "BatchNormalization", "ReLU", "Dropout",
                "Affine", "BatchNormalization", "ReLU", "Dropout", "Affine",
            ])
        #expect(net.parameters.map(\.name) == ["W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"])
        #expect(net.dropoutLayers.allSatisfy { $0.ratio == 0.3 })
        let (plain, _, _) = Self.makeNet(batchNorm: false)
        #expect(plain.layers.count == 5 && plain.batchNormLayers.isEmpty && plain.dropoutLayers.isEmpty)
        #expect(plain.parameters.map(\.name) == ["W1", "b1", "W2", "b2", "W3", "b3"])
    }

    @Test("Without batch normalization: backprop matches the numerical gradient (relative error ≤ 1e-6)")
    func gradientCheckPlain() {
        let (net, x, labels) = Self.makeNet(batchNorm: false)
        #expect(Self.reluInputs(net, x).allSatisfy { abs($0) > 1e-3 })  // h = 1e-4 cannot cross the kink
        for (name, error) in net.gradientCheck(x, labels: labels) {
            #expect(error <= 1e-6, "\(name): \(error)")
        }
    }

    // Batch normalization subtracts each column's batch mean, so a bias added
    // just before it cancels out: its gradient is zero, analytically and
    // numerically (up to rounding). A relative error of two zeros is noise, so
    // those biases are checked to be zero instead.
    static func checkWithBatchNorm(_ net: MultiLayerNetExtend, _ x: Matrix, _ labels: [Int]) {
        #expect(reluInputs(net, x).allSatisfy { abs($0) > 1e-3 })
        let numerical = net.numericalGradients(x, labels: labels)
        net.gradient(x, labels: labels)
        let cancelled: Set = ["b1", "b2"]
        for (parameter, numerical) in Swift.zip(net.parameters, numerical) {
            if cancelled.contains(parameter.name) {
                #expect(parameter.gradient.elements.allSatisfy { abs($0) < 1e-12 }, "\(parameter.name) \(parameter.gradient)")
                #expect(numerical.elements.allSatisfy { abs($0) < 1e-9 }, "\(parameter.name) \(numerical)")
            } else {
                let error = maxRelativeError(parameter.gradient, numerical)
                #expect(error <= 1e-6, "\(parameter.name): \(error)")
                #expect(parameter.gradient.elements.contains { abs($0) > 1e-4 }, "\(parameter.name) is all but zero")
            }
        }
    }

    @Test("With batch normalization: backprop matches the numerical gradient (relative error ≤ 1e-6, batch 4)")
    func gradientCheckBatchNorm() {
        let (net, x, labels) = Self.makeNet(batchNorm: true)
        Self.checkWithBatchNorm(net, x, labels)
    }

    @Test("With batch normalization, dropout (fixed masks) and weight decay together")
    func gradientCheckEverything() {
        let (net, x, labels) = Self.makeNet(batchNorm: true, dropout: true, weightDecay: 0.1)
        Self.checkWithBatchNorm(net, x, labels)
    }

    @Test("With dropout only (fixed masks): backprop matches the numerical gradient")
    func gradientCheckDropout() {
        let (net, x, labels) = Self.makeNet(batchNorm: false, dropout: true)
        #expect(Self.reluInputs(net, x).allSatisfy { abs($0) > 1e-3 })
        for (name, error) in net.gradientCheck(x, labels: labels) {
            #expect(error <= 1e-6, "\(name): \(error)")
        }
    }

    @Test("Weight decay acts on the affine weights only: not on biases, γ or β")
    func weightDecayOnWeightsOnly() {
        let lambda = 0.1
        let (decayed, x, labels) = Self.makeNet(batchNorm: true, weightDecay: lambda)
        let (plain, _, _) = Self.makeNet(batchNorm: true, weightDecay: 0)
        let squares = decayed.sumOfSquaredWeights()
        #expect(
            isClose(
                decayed.loss(x, labels: labels, training: true),
                plain.loss(x, labels: labels, training: true) + 0.5 * lambda * squares))
        decayed.gradient(x, labels: labels)
        plain.gradient(x, labels: labels)
        for (a, b) in Swift.zip(decayed.parameters, plain.parameters) {
            var expected = b.gradient
            if a.name.hasPrefix("W") { expected.add(b.value, scaledBy: lambda) }
            #expect(maxAbsoluteDifference(a.gradient, expected) < 1e-12, "\(a.name)")
        }
    }

    @Test("The same generator gives the same starting weights with and without BN and dropout")
    func sameWeights() {
        var g1 = SeededGenerator(seed: 30), g2 = SeededGenerator(seed: 30)
        let a = MultiLayerNetExtend(inputSize: 8, hiddenSizes: [6, 6], outputSize: 3, generator: &g1)
        let b = MultiLayerNetExtend(
            inputSize: 8, hiddenSizes: [6, 6], outputSize: 3,
            useBatchNorm: true, useDropout: true, generator: &g2)
        #expect(a.affineLayers.map(\.weight.value) == b.affineLayers.map(\.weight.value))
        #expect(a.usesBatchNorm == false && b.usesBatchNorm && b.usesDropout && b.dropoutRatio == 0.5)
    }

    @Test("loss and accuracy default to test mode: no fresh masks, running statistics untouched")
    func trainTestFlag() {
        var g = SeededGenerator(seed: 31)
        let net = MultiLayerNetExtend(
            inputSize: 6, hiddenSizes: [8], outputSize: 3,
            useBatchNorm: true, useDropout: true, generator: &g)
        let x = Matrix.randomNormal(5, 6, using: &g)  // [5, 6]
        let labels = [0, 1, 2, 0, 1]
        let batchNorm = net.batchNormLayers[0]
        // Test mode: the same loss every time, and the running statistics stay at zero.
        #expect(net.loss(x, labels: labels) == net.loss(x, labels: labels))
        _ = net.accuracy(x, labels: labels)
        #expect(batchNorm.runningMean.elements.allSatisfy { $0 == 0 })
        // Training mode: a new dropout mask each time, and the running statistics move.
        #expect(net.loss(x, labels: labels, training: true) != net.loss(x, labels: labels, training: true))
        #expect(batchNorm.runningMean.elements.contains { $0 != 0 })
    }
}
