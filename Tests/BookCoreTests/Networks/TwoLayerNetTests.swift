// TwoLayerNetTests.swift — the book's first network: its defaults and its gradient check.

@testable import BookCore
import Testing

@Suite("TwoLayerNet")
struct TwoLayerNetTests {
    @Test("Defaults are the book's 784-50-10, ReLU, weights 0.01·randn, biases 0")
    func defaults() {
        var g = SeededGenerator(seed: 1)
        let net = TwoLayerNet(generator: &g)
        #expect(net.parameters.map(\.value.shape) == ["[784, 50]", "[1, 50]", "[50, 10]", "[1, 10]"])
        #expect(net.layers.count == 3 && net.layers[1] is ReLU)
        #expect(net.weightDecay == 0)
        let w1 = net.affineLayers[0].weight.value
        let sigma = (w1.sumOfSquares() / Double(w1.count)).squareRoot()
        #expect(abs(sigma / 0.01 - 1) < 0.03)   // 39 200 samples: relative standard error 0.36%
    }

    @Test("Backprop matches the numerical gradient: max relative error ≤ 1e-6 (batch 3)")
    func gradientCheck() {
        var g = SeededGenerator(seed: 2)
        let net = TwoLayerNet(inputSize: 8, hiddenSize: 6, outputSize: 4, weightInitStandardDeviation: 0.5,
                              generator: &g)
        let x = Matrix.randomNormal(3, 8, using: &g)                 // [B, D] = [3, 8]
        let labels = [3, 0, 2]
        let errors = net.gradientCheck(x, labels: labels)
        #expect(errors.map(\.name) == ["W1", "b1", "W2", "b2"])
        #expect(errors.allSatisfy { $0.error <= 1e-6 }, "\(errors)")
    }

    @Test("The book's setting: 784-50-10 at σ = 0.01 on a batch of 3, W2 and b2 to 2e-6 of their scale")
    func gradientCheckAtBookSize() {
        var g = SeededGenerator(seed: 3)
        let net = TwoLayerNet(generator: &g)
        let x = Matrix.randomUniform(3, 784, using: &g)             // [3, 784], like pixels in [0, 1)
        let labels = [7, 2, 1]
        let loss = { net.loss(x, labels: labels, training: true) }
        // W2 and b2 only (510 values): all 39 760 would take a minute in a debug build.
        let numerical = [net.parameters[2], net.parameters[3]].map { numericalGradient(of: loss, at: $0) }
        net.gradient(x, labels: labels)
        // Relative to each parameter's largest gradient. At σ = 0.01 every class has p ≈ 0.1, so
        // the loss's 1e-7 guard, which backprop ignores as the book's does, alone makes a relative
        // difference of 1e-7/0.1 = 1e-6; the bound allows twice that. (Element by element the
        // smallest W2 gradients, ~1e-6, are lost in the rounding of a loss ≈ 2.3.)
        for (parameter, numerical) in zip([net.parameters[2], net.parameters[3]], numerical) {
            let scale = numerical.elements.map(abs).max()!
            let error = maxAbsoluteDifference(parameter.gradient, numerical) / scale
            #expect(error <= 2e-6, "\(parameter.name): \(error)")
        }
        // At σ = 0.01 every score is near 0, so the loss starts near log 10.
        #expect(abs(loss() - 2.302585) < 0.01)
    }
}
