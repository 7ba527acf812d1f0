// SigmoidTests.swift — the logistic sigmoid.

import Foundation
import Testing

@testable import BookCore

@Suite("Sigmoid layer")
struct SigmoidTests {
    @Test("forward is 1/(1 + e^−x); backward is dout·y·(1 − y)")
    func byHand() {
        let sigmoid = Sigmoid()
        let y = sigmoid.forward(Matrix([[0, 2], [-2, 40]]), training: true)
        #expect(y[0, 0] == 0.5)
        #expect(isClose(y[0, 1], 1 / (1 + exp(-2.0)), tolerance: 1e-15))
        #expect(isClose(y[0, 1] + y[1, 0], 1, tolerance: 1e-15))  // σ(x) + σ(−x) = 1
        #expect(y[1, 1] <= 1 && y[1, 1] > 0.999_999)
        let dx = sigmoid.backward(Matrix([[1, 2], [3, 4]]))
        #expect(dx[0, 0] == 0.25)  // 1 · ½ · ½
        #expect(isClose(dx[0, 1], 2 * y[0, 1] * (1 - y[0, 1]), tolerance: 1e-15))
        #expect(Sigmoid.sigmoid(-1000) == 0 && Sigmoid.sigmoid(1000) == 1)
    }

    @Test("backward matches the numerical gradient (relative error ≤ 1e-6, batch 3)")
    func gradientCheck() {
        var g = SeededGenerator(seed: 4)
        let x = Matrix.randomNormal(3, 5, standardDeviation: 2, using: &g)  // [B, H]
        let errors = layerGradientErrors(Sigmoid(), input: x)
        #expect(errors.input <= 1e-6, "\(errors)")
    }
}
