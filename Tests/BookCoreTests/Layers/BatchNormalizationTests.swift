// BatchNormalizationTests.swift — batch normalization by hand, its running
// statistics, and its backward pass against central differences.

import Testing

@testable import BookCore

@Suite("Batch normalization layer")
struct BatchNormalizationTests {
    @Test("Training forward by hand: x = [1, 3] has μ = 2, σ² = 1, so x̂ = ∓1/√(1 + 1e-6)")
    func forwardByHand() {
        let layer = BatchNormalization(features: 2, index: 3)
        #expect(layer.parameters.map(\.name) == ["gamma3", "beta3"])
        #expect(layer.gamma.value.elements == [1, 1] && layer.beta.value.elements == [0, 0])
        let x = Matrix([[1, 10], [3, 30]])  // [2, 2]
        let out = layer.forward(x, training: true)  // [2, 2]
        let a = 1 / (1 + 1e-6).squareRoot()  // column 0: σ² = 1
        let b = 10 / (100 + 1e-6).squareRoot()  // column 1: σ² = 100
        #expect(isClose(out[0, 0], -a) && isClose(out[1, 0], a))
        #expect(isClose(out[0, 1], -b) && isClose(out[1, 1], b))
        // The book's ε is 10e-7 = 1e-6: it shows in the 7th digit for unit variance.
        #expect(abs(out[1, 0] - 1) > 4e-7)
    }

    @Test("γ scales and β shifts each normalized column")
    func scaleAndShift() {
        var g = SeededGenerator(seed: 3)
        let layer = BatchNormalization(features: 3)
        layer.gamma.value = Matrix(rowVector: [2, 0.5, -1])
        layer.beta.value = Matrix(rowVector: [1, -3, 0.25])
        let x = Matrix.randomNormal(50, 3, standardDeviation: 4, using: &g).map { $0 + 7 }  // [50, 3]
        let out = layer.forward(x, training: true)  // [50, 3]
        let mean = out.columnMeans()
        let centered = out - mean
        let variance = (centered * centered).columnMeans()
        for j in 0..<3 {
            #expect(isClose(mean[0, j], layer.beta.value[0, j], tolerance: 1e-12))
            let gamma = layer.gamma.value[0, j]
            #expect(isClose(variance[0, j], gamma * gamma, tolerance: 1e-6))
        }
    }

    @Test("Running averages start at zero and move 10% of the way to each batch's statistics")
    func runningStatistics() {
        let layer = BatchNormalization(features: 1)
        #expect(layer.runningMean.elements == [0] && layer.runningVariance.elements == [0])
        _ = layer.forward(Matrix([[1], [3]]), training: true)  // μ = 2, σ² = 1
        #expect(isClose(layer.runningMean[0, 0], 0.2) && isClose(layer.runningVariance[0, 0], 0.1))
        _ = layer.forward(Matrix([[4], [8]]), training: true)  // μ = 6, σ² = 4
        #expect(isClose(layer.runningMean[0, 0], 0.9 * 0.2 + 0.1 * 6))
        #expect(isClose(layer.runningVariance[0, 0], 0.9 * 0.1 + 0.1 * 4))
        // Test mode reads them and leaves them alone.
        _ = layer.forward(Matrix([[100], [-100]]), training: false)
        #expect(isClose(layer.runningMean[0, 0], 0.78) && isClose(layer.runningVariance[0, 0], 0.49))
    }

    @Test("Test mode normalizes with the running statistics, not the batch's")
    func testModeUsesRunningStatistics() {
        var g = SeededGenerator(seed: 4)
        let layer = BatchNormalization(features: 4)
        layer.gamma.value = Matrix(rowVector: [1.5, 1, 0.5, 2])
        layer.beta.value = Matrix(rowVector: [0, 1, -1, 0.5])
        for _ in 0..<5 {
            _ = layer.forward(Matrix.randomNormal(8, 4, standardDeviation: 3, using: &g), training: true)
        }
        let x = Matrix.randomNormal(6, 4, using: &g).map { $0 + 2 }  // [6, 4]
        let test = layer.forward(x, training: false)  // [6, 4]
        for i in 0..<6 {
            for j in 0..<4 {
                let expected =
                    layer.gamma.value[0, j] * (x[i, j] - layer.runningMean[0, j])
                    / (layer.runningVariance[0, j] + 1e-6).squareRoot() + layer.beta.value[0, j]
                #expect(isClose(test[i, j], expected))
            }
        }
        // The batch's own statistics would give something else.
        let train = layer.forward(x, training: true)
        #expect(maxAbsoluteDifference(test, train) > 0.1)
    }

    @Test("After many steps on one batch, test mode agrees with training mode")
    func runningStatisticsConverge() {
        var g = SeededGenerator(seed: 5)
        let layer = BatchNormalization(features: 3)
        let x = Matrix.randomNormal(10, 3, standardDeviation: 2, using: &g)  // [10, 3]
        var train = Matrix(rows: 0, columns: 0)
        for _ in 0..<400 { train = layer.forward(x, training: true) }  // 0.9^400 ≈ 5e-19
        #expect(maxAbsoluteDifference(layer.forward(x, training: false), train) < 1e-12)
    }

    @Test("backward matches the numerical gradient for γ, β and the input (relative error ≤ 1e-6, batch 5)")
    func gradientCheck() {
        var g = SeededGenerator(seed: 6)
        let layer = BatchNormalization(features: 4, index: 2)
        // γ and β away from their starting values, so that every term of the backward pass counts.
        layer.gamma.value = Matrix.randomNormal(1, 4, using: &g).map { $0 + 1 }
        layer.beta.value = Matrix.randomNormal(1, 4, using: &g)
        let x = Matrix.randomNormal(5, 4, standardDeviation: 3, using: &g).map { $0 - 1 }  // [B, H] = [5, 4]
        let errors = layerGradientErrors(layer, input: x)
        #expect(errors.parameters.keys.sorted() == ["beta2", "gamma2"])
        #expect(errors.input <= 1e-6, "\(errors)")
        #expect(errors.worst <= 1e-6, "\(errors)")
    }

    @Test("The input gradient sums to zero over the batch: shifting a whole column changes nothing")
    func inputGradientHasZeroColumnSums() {
        var g = SeededGenerator(seed: 8)
        let layer = BatchNormalization(features: 3)
        _ = layer.forward(Matrix.randomNormal(7, 3, using: &g), training: true)
        let dx = layer.backward(Matrix.randomNormal(7, 3, using: &g))  // [7, 3]
        #expect(dx.columnSums().elements.allSatisfy { abs($0) < 1e-12 })
        #expect(dx.elements.contains { abs($0) > 1e-3 })
    }

    @Test("A batch of the wrong width traps")
    func wrongWidthTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = BatchNormalization(features: 3).forward(Matrix(rows: 2, columns: 4), training: true)
        }
    }
}
