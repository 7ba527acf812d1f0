// SoftmaxWithLossTests.swift — softmax, cross-entropy with the book's 1e-7 guard, and (y − t)/N.

import Foundation
import Testing

@testable import BookCore

@Suite("SoftmaxWithLoss layer")
struct SoftmaxWithLossTests {
    @Test("The loss of a small batch, computed by hand")
    func lossByHand() {
        // Row 1: softmax(1, 2, 3) = (e⁻², e⁻¹, 1)/(1 + e⁻¹ + e⁻²) = (0.09003057, 0.24472847, 0.66524096).
        // Row 2: softmax(1, 1, 1) = (1/3, 1/3, 1/3).
        // Labels 2 and 0: L = −(log(0.66524096 + 1e-7) + log(1/3 + 1e-7)) / 2 = 0.7531089014.
        let layer = SoftmaxWithLoss()
        let loss = layer.forward(Matrix([[1, 2, 3], [1, 1, 1]]), labels: [2, 0])
        let denominator = 1 + exp(-1.0) + exp(-2.0)
        let p = layer.probabilities
        #expect(isClose(p[0, 0], exp(-2.0) / denominator, tolerance: 1e-15))
        #expect(isClose(p[0, 2], 1 / denominator, tolerance: 1e-15))
        #expect(isClose(p[1, 1], 1.0 / 3, tolerance: 1e-15))
        #expect(abs(p[0, 2] - 0.66524096) < 5e-9)
        let byHand = -(log(1 / denominator + 1e-7) + log(1.0 / 3 + 1e-7)) / 2
        #expect(isClose(loss, byHand, tolerance: 1e-14))
        #expect(abs(loss - 0.7531089014) < 1e-10)
        // Without the guard the loss would be 0.7531091266: the guard is really there.
        #expect(abs(loss - 0.7531091266) > 1e-7)
    }

    @Test("The 1e-7 guard keeps the loss finite when the right class has probability 0")
    func logGuard() {
        #expect(SoftmaxWithLoss.logEpsilon == 1e-7)
        let layer = SoftmaxWithLoss()
        // exp(−1000) underflows to 0, so the loss is −log(0 + 1e-7) = 16.11809565.
        let loss = layer.forward(Matrix([[0, 1000]]), labels: [0])
        #expect(layer.probabilities[0, 0] == 0)
        #expect(isClose(loss, -log(1e-7), tolerance: 1e-15))
        #expect(abs(loss - 16.11809565) < 1e-8)
    }

    @Test("Large scores do not overflow: the row maximum is subtracted")
    func noOverflow() {
        let p = SoftmaxWithLoss.softmax(Matrix([[1000, 1001, 1002], [-1000, -1000, -1000]]))
        #expect(p.elements.allSatisfy { $0.isFinite })
        let shifted = SoftmaxWithLoss.softmax(Matrix([[0, 1, 2]]))
        for k in 0..<3 { #expect(isClose(p[0, k], shifted[0, k], tolerance: 1e-15)) }
        for r in 0..<2 { #expect(isClose(p.row(r).reduce(0, +), 1, tolerance: 1e-15)) }
    }

    @Test("backward is (y − onehot(t)) / N")
    func backwardByHand() {
        let layer = SoftmaxWithLoss()
        _ = layer.forward(Matrix([[1, 2, 3], [1, 1, 1]]), labels: [2, 0])
        let y = layer.probabilities
        let dx = layer.backward()
        let oneHot = Matrix([[0, 0, 1], [1, 0, 0]])
        let expected = 0.5 * (y - oneHot)
        #expect(maxAbsoluteDifference(dx, expected) <= 1e-16)
        // Each row of the gradient sums to 0: Σ y = 1 and one 1 is subtracted.
        for r in 0..<2 { #expect(abs(dx.row(r).reduce(0, +)) < 1e-16) }
    }

    @Test("backward matches the numerical gradient of the loss (relative error ≤ 1e-6, batch 4)")
    func gradientCheck() {
        var g = SeededGenerator(seed: 5)
        let scores = Parameter(name: "scores", value: Matrix.randomNormal(4, 5, using: &g))  // [B, C]
        // Each row's label is its highest score, so its probability is at least 1/C = 0.2 and the
        // 1e-7 guard, which backward ignores, changes the gradient by at most 1e-7/0.2 = 5e-7
        // relative (see the next test).
        let labels = scores.value.argmaxOfEachRow()
        let layer = SoftmaxWithLoss()
        let numerical = numericalGradient(of: { layer.forward(scores.value, labels: labels) }, at: scores)
        _ = layer.forward(scores.value, labels: labels)
        #expect(maxRelativeError(layer.backward(), numerical) <= 1e-6)
    }

    @Test("backward is the gradient without the 1e-7 guard, as the book's: exact up to p/(p + 1e-7)")
    func backwardIgnoresGuard() {
        // The loss is −log(p + ε), whose gradient is p/(p + ε) times (y − t)/N. With the right
        // class at p ≈ 1e-4 (6.7e-5 and 1.3e-4 here) the two differ by ≈ 1e-3 relative; rescaled, they agree.
        let scores = Parameter(name: "scores", value: Matrix([[0, 9.2, 8.5], [1, 8.8, 9.6]]))
        let labels = [0, 0]
        let layer = SoftmaxWithLoss()
        let numerical = numericalGradient(of: { layer.forward(scores.value, labels: labels) }, at: scores)
        _ = layer.forward(scores.value, labels: labels)
        let p = layer.probabilities
        var rescaled = layer.backward()  // [B, C]
        for r in 0..<2 {
            let factor = p[r, labels[r]] / (p[r, labels[r]] + 1e-7)
            for c in 0..<3 { rescaled[r, c] *= factor }
        }
        #expect(p[0, 0] < 2e-4 && p[1, 0] < 2e-4)
        #expect(maxRelativeError(layer.backward(), numerical) > 1e-4)  // the guard shows
        #expect(maxRelativeError(rescaled, numerical) <= 1e-6)  // and explains all of it
    }

    @Test("A label outside the classes traps")
    func badLabelTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = SoftmaxWithLoss().forward(Matrix(rows: 1, columns: 3), labels: [3])
        }
    }
}
