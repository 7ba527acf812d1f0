// OptimizerTests.swift — each optimizer's first three steps, worked by hand.
//
// Every test starts from the same tiny parameter p = (1, −2, 0.5) and feeds the
// same fixed gradient g = (0.5, −1, 0) at every step. The third element, with
// a zero gradient, must never move (AdaGrad, RMSprop and Adam divide 0 by
// √0 + 1e-7 there, which is why the book adds 1e-7). The expected values are
// written out as the arithmetic of the book's update formulas (each optimizer's doc comment states them),
// with the rounded results in comments.

import Testing

@testable import BookCore

/// The starting value and the fixed gradient of every optimizer test.
private let start: [Double] = [1, -2, 0.5]
private let fixedGradient: [Double] = [0.5, -1, 0]

/// The parameter's value after each of `count` updates with the fixed gradient.
private func trajectory<O: Optimizer>(_ optimizer: O, steps count: Int = 3) -> [[Double]] {
    var optimizer = optimizer
    let parameter = Parameter(name: "W1", value: Matrix(rowVector: start))
    parameter.gradient = Matrix(rowVector: fixedGradient)
    return (0..<count).map { _ in
        optimizer.update([parameter])
        return parameter.value.elements
    }
}

/// Checks a trajectory against hand-computed values, to 1e-12 relative.
private func expectSteps(
    _ actual: [[Double]], _ expected: [[Double]],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (step, (a, e)) in zip(actual, expected).enumerated() {
        for (i, (x, y)) in zip(a, e).enumerated() {
            #expect(
                isClose(x, y, tolerance: 1e-12), "step \(step + 1), element \(i): \(x) ≠ \(y)",
                sourceLocation: sourceLocation)
        }
    }
}

@Suite("Optimizers")
struct OptimizerTests {
    @Test("The book's defaults and names")
    func defaults() {
        #expect(SGD().learningRate == 0.01 && SGD().name == "SGD")
        #expect(Momentum().learningRate == 0.01 && Momentum().momentum == 0.9 && Momentum().name == "Momentum")
        #expect(Nesterov().learningRate == 0.01 && Nesterov().momentum == 0.9 && Nesterov().name == "Nesterov")
        #expect(AdaGrad().learningRate == 0.01 && AdaGrad().name == "AdaGrad")
        #expect(RMSprop().learningRate == 0.01 && RMSprop().decayRate == 0.99 && RMSprop().name == "RMSprop")
        let adam = Adam()
        #expect(adam.learningRate == 0.001 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.name == "Adam")
        #expect(adam.step == 0)
        #expect(AdaGrad.epsilon == 1e-7 && RMSprop.epsilon == 1e-7 && Adam.epsilon == 1e-7)
    }

    @Test("SGD: p ← p − η·g")
    func sgd() {
        // η = 0.1: each step moves p by −0.1·g = (−0.05, +0.1, 0).
        expectSteps(
            trajectory(SGD(learningRate: 0.1)),
            [
                [1 - 0.05, -2 + 0.1, 0.5],  // (0.95, −1.9, 0.5)
                [1 - 0.10, -2 + 0.2, 0.5],  // (0.90, −1.8, 0.5)
                [1 - 0.15, -2 + 0.3, 0.5],  // (0.85, −1.7, 0.5)
            ])
        // The default η = 0.01.
        expectSteps(trajectory(SGD(), steps: 1), [[1 - 0.005, -2 + 0.01, 0.5]])
    }

    @Test("Momentum: v ← α·v − η·g; p ← p + v")
    func momentum() {
        // η = 0.1, α = 0.9. Element 0 (g = 0.5): v = −0.05, then 0.9·(−0.05) − 0.05 = −0.095,
        // then 0.9·(−0.095) − 0.05 = −0.1355. Element 1 (g = −1): v = 0.1, 0.19, 0.271.
        expectSteps(
            trajectory(Momentum(learningRate: 0.1, momentum: 0.9)),
            [
                [1 - 0.05, -2 + 0.1, 0.5],  // (0.95, −1.9, 0.5)
                [1 - 0.05 - 0.095, -2 + 0.1 + 0.19, 0.5],  // (0.855, −1.71, 0.5)
                [1 - 0.05 - 0.095 - 0.1355, -2 + 0.1 + 0.19 + 0.271, 0.5],  // (0.7195, −1.439, 0.5)
            ])
        // The default η = 0.01, α = 0.9: v = −0.005, then −0.0095.
        expectSteps(
            trajectory(Momentum(), steps: 2),
            [
                [1 - 0.005, -2 + 0.01, 0.5],
                [1 - 0.005 - 0.0095, -2 + 0.01 + 0.019, 0.5],
            ])
    }

    @Test("Nesterov: p ← p + α²·v − (1 + α)·η·g; then v ← α·v − η·g")
    func nesterov() {
        // η = 0.1, α = 0.9: (1 + α)·η = 0.19, α² = 0.81. Velocities as for Momentum:
        // element 0 v = 0 → −0.05 → −0.095; element 1 v = 0 → 0.1 → 0.19.
        // Element 0: 1 − 0.19·0.5 = 0.905; 0.905 + 0.81·(−0.05) − 0.095 = 0.7695;
        //            0.7695 + 0.81·(−0.095) − 0.095 = 0.59755.
        // Element 1: −2 + 0.19 = −1.81; −1.81 + 0.81·0.1 + 0.19 = −1.539; −1.539 + 0.81·0.19 + 0.19 = −1.1951.
        expectSteps(
            trajectory(Nesterov(learningRate: 0.1, momentum: 0.9)),
            [
                [1 - 0.095, -2 + 0.19, 0.5],
                [0.905 - 0.81 * 0.05 - 0.095, -1.81 + 0.81 * 0.1 + 0.19, 0.5],
                [0.7695 - 0.81 * 0.095 - 0.095, -1.539 + 0.81 * 0.19 + 0.19, 0.5],
            ])
        // Differs from Momentum from the first step: Nesterov moves (1 + α)·η·g = 0.095 at once.
        #expect(trajectory(Nesterov(learningRate: 0.1))[0][0] != trajectory(Momentum(learningRate: 0.1))[0][0])
    }

    @Test("AdaGrad: h ← h + g²; p ← p − η·g/(√h + 1e-7)")
    func adaGrad() {
        // η = 0.1. Element 0: h = 0.25, 0.5, 0.75, so √h = 0.5, 0.70710678, 0.8660254.
        // Element 1: h = 1, 2, 3, so √h = 1, 1.41421356, 1.73205081.
        // Element 2: h stays 0, and the step is 0.1·0/(0 + 1e-7) = 0.
        let e = 1e-7
        let p0 = [
            1 - 0.05 / (0.5 + e),
            1 - 0.05 / (0.5 + e) - 0.05 / (0.5.squareRoot() + e),
            1 - 0.05 / (0.5 + e) - 0.05 / (0.5.squareRoot() + e) - 0.05 / (0.75.squareRoot() + e),
        ]
        let p1 = [
            -2 + 0.1 / (1 + e),
            -2 + 0.1 / (1 + e) + 0.1 / (2.0.squareRoot() + e),
            -2 + 0.1 / (1 + e) + 0.1 / (2.0.squareRoot() + e) + 0.1 / (3.0.squareRoot() + e),
        ]
        let actual = trajectory(AdaGrad(learningRate: 0.1))
        expectSteps(actual, (0..<3).map { [p0[$0], p1[$0], 0.5] })
        // ≈ (0.90000002, −1.90000001), (0.82928935, −1.82928934), (0.77155433, −1.77155431).
        // The 1e-7 sits outside the root: without it the first step would end at exactly 0.9.
        #expect(abs(actual[0][0] - 0.900000019999996) < 1e-14)
        #expect(abs(actual[2][1] - -1.7715543132957143) < 1e-14)
    }

    @Test("RMSprop: h ← ρ·h + (1 − ρ)·g²; p ← p − η·g/(√h + 1e-7)")
    func rmsprop() {
        // η = 0.01, ρ = 0.99. Element 0 (g² = 0.25): h = 0.0025, 0.99·0.0025 + 0.0025 = 0.004975,
        // 0.99·0.004975 + 0.0025 = 0.00742525. Element 1 (g² = 1): h = 0.01, 0.0199, 0.029701.
        let e = 1e-7
        let h0 = [0.0025, 0.004975, 0.00742525]
        let h1 = [0.01, 0.0199, 0.029701]
        var expected: [[Double]] = []
        var p = (1.0, -2.0)
        for k in 0..<3 {
            p.0 -= 0.01 * 0.5 / (h0[k].squareRoot() + e)
            p.1 += 0.01 * 1 / (h1[k].squareRoot() + e)
            expected.append([p.0, p.1, 0.5])
        }
        let actual = trajectory(RMSprop())
        expectSteps(actual, expected)
        // The first step is η·g/|g| ≈ η for any gradient: 1 − 0.005/0.0500001 ≈ 0.90000018.
        #expect(abs(actual[0][0] - (1 - 0.005 / 0.0500001)) < 1e-14)
        // Unlike AdaGrad, the decayed average lets the step stay near η: step 3 of element 0
        // is 0.005/√0.00742525 ≈ 0.058, against AdaGrad's shrinking η/√k.
        #expect(abs((actual[1][0] - actual[2][0]) - 0.005 / 0.00742525.squareRoot()) < 1e-6)
    }

    @Test("Adam: bias correction folded into η_t, ε outside the root")
    func adam() {
        // η = 0.1, β₁ = 0.9, β₂ = 0.999. Element 0 (g = 0.5):
        //   m: 0 + 0.1·(0.5 − 0) = 0.05;  0.05 + 0.1·(0.5 − 0.05) = 0.095;  0.095 + 0.1·0.405 = 0.1355
        //   v: 0 + 0.001·0.25 = 0.00025;  0.00025 + 0.001·(0.25 − 0.00025) = 0.00049975;
        //      0.00049975 + 0.001·(0.25 − 0.00049975) = 0.00074925025
        // Element 1 (g = −1): m = −0.1, −0.19, −0.271; v = 0.001, 0.001999, 0.002997001.
        //   η_t = 0.1·√(1 − 0.999ᵗ)/(1 − 0.9ᵗ)
        let e = 1e-7
        let rate = [
            0.1 * (1 - 0.999).squareRoot() / (1 - 0.9),
            0.1 * (1 - 0.999 * 0.999).squareRoot() / (1 - 0.81),
            0.1 * (1 - 0.999 * 0.999 * 0.999).squareRoot() / (1 - 0.729),
        ]
        let m0 = [0.05, 0.095, 0.1355], v0 = [0.00025, 0.00049975, 0.00074925025]
        let m1 = [-0.1, -0.19, -0.271], v1 = [0.001, 0.001999, 0.002997001]
        var expected: [[Double]] = []
        var p = (1.0, -2.0)
        for t in 0..<3 {
            p.0 -= rate[t] * m0[t] / (v0[t].squareRoot() + e)
            p.1 -= rate[t] * m1[t] / (v1[t].squareRoot() + e)
            expected.append([p.0, p.1, 0.5])
        }
        let actual = trajectory(Adam(learningRate: 0.1))
        expectSteps(actual, expected)
        // ≈ (0.90000063, −1.90000032), (0.80000108, −1.80000054), (0.70000145, −1.70000072):
        // with a constant gradient Adam moves by about η per step, whatever the gradient's size.
        #expect(abs(actual[2][0] - 0.7000014451046599) < 1e-13)
        #expect(abs(actual[2][1] - -1.7000007225541642) < 1e-13)
        // The defaults: the first step is ≈ η = 0.001.
        let first = trajectory(Adam(), steps: 1)[0]
        #expect(abs((1 - first[0]) - 0.001) < 1e-8)
    }

    @Test("Adam counts t once per update call, not once per parameter")
    func adamStepPerCall() {
        var adam = Adam(learningRate: 0.1)
        let a = Parameter(name: "W1", value: Matrix(rowVector: [1]))
        let b = Parameter(name: "b1", value: Matrix(rowVector: [1]))
        a.gradient = Matrix(rowVector: [0.5])
        b.gradient = Matrix(rowVector: [0.5])
        adam.update([a, b])
        #expect(adam.step == 1)
        // Both took the t = 1 step: 1 − 0.1·√0.001/0.1 · 0.05/(√0.00025 + 1e-7).
        let expected = 1 - 0.1 * (1 - 0.999).squareRoot() / (1 - 0.9) * 0.05 / (0.00025.squareRoot() + 1e-7)
        #expect(isClose(a.value[0, 0], expected, tolerance: 1e-14))
        #expect(a.value == b.value)
        adam.update([a, b])
        #expect(adam.step == 2)
    }

    @Test("State is kept per parameter: two parameters with different gradients do not mix")
    func statePerParameter() {
        var momentum = Momentum(learningRate: 0.1)
        let a = Parameter(name: "W1", value: Matrix(rowVector: [0]))
        let b = Parameter(name: "W2", value: Matrix(rowVector: [0, 0]))
        a.gradient = Matrix(rowVector: [1])
        b.gradient = Matrix(rowVector: [-1, 2])
        momentum.update([a, b])
        momentum.update([a, b])
        // v = −0.1·g, then 0.9·v − 0.1·g = −0.19·g; p = −0.29·g.
        #expect(isClose(a.value[0, 0], -0.29, tolerance: 1e-14))
        #expect(isClose(b.value[0, 0], 0.29, tolerance: 1e-14))
        #expect(isClose(b.value[0, 1], -0.58, tolerance: 1e-14))
    }

    @Test("Every optimizer updates the shared Parameter in place, so a layer sees the new weights")
    func inPlace() {
        let optimizers: [any Optimizer] = [SGD(), Momentum(), Nesterov(), AdaGrad(), RMSprop(), Adam()]
        for optimizer in optimizers {
            var optimizer = optimizer
            let affine = Affine(weight: Matrix([[1, 2]]), bias: Matrix(rowVector: [0, 0]))
            affine.weight.gradient = Matrix([[1, 1]])
            affine.bias.gradient = Matrix(rowVector: [1, 1])
            optimizer.update(affine.parameters)
            let out = affine.forward(Matrix([[1]]), training: false)
            #expect(out[0, 0] < 1 && out[0, 1] < 2, "\(optimizer.name) did not move the layer's weights")
        }
    }
}
