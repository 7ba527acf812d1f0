// AffineTests.swift — the fully connected layer, forward by hand and backward by central differences.

import Testing

@testable import BookCore

@Suite("Affine layer")
struct AffineTests {
    @Test("forward is x·W + b, worked by hand")
    func forwardByHand() {
        let affine = Affine(
            weight: Matrix([[1, 2, 3], [4, 5, 6]]),  // [2, 3]
            bias: Matrix(rowVector: [0.5, -1, 0]))  // [1, 3]
        let x = Matrix([[1, 0], [1, -1]])  // [2, 2]
        let out = affine.forward(x, training: true)  // [2, 3]
        #expect(out.elements == [1.5, 1, 3, -2.5, -4, -3])
        #expect(affine.weight.name == "W1" && affine.bias.name == "b1")
        #expect(
            Affine(weight: Matrix(rows: 2, columns: 3), bias: Matrix(rows: 1, columns: 3), index: 4)
                .parameters.map(\.name) == ["W4", "b4"])
    }

    @Test("backward by hand: dW = xᵀ·dout, db = Σ dout, dx = dout·Wᵀ")
    func backwardByHand() {
        let affine = Affine(weight: Matrix([[1, 2], [3, 4], [5, 6]]), bias: Matrix(rowVector: [0, 0]))
        _ = affine.forward(Matrix([[1, 2, 3], [4, 5, 6]]), training: true)  // x [2, 3]
        let dx = affine.backward(Matrix([[1, 0], [0, 2]]))  // dout [2, 2]
        #expect(affine.weight.gradient.elements == [1, 8, 2, 10, 3, 12])  // xᵀ·dout [3, 2]
        #expect(affine.bias.gradient.elements == [1, 2])
        #expect(dx.elements == [1, 3, 5, 4, 8, 12])  // dout·Wᵀ [2, 3]
    }

    @Test("backward matches the numerical gradient (relative error ≤ 1e-6, batch 4)")
    func gradientCheck() {
        var g = SeededGenerator(seed: 1)
        let affine = Affine(
            weight: Matrix.randomNormal(5, 3, using: &g),
            bias: Matrix.randomNormal(1, 3, using: &g))
        let x = Matrix.randomNormal(4, 5, using: &g)  // [B, D] = [4, 5]
        let errors = layerGradientErrors(affine, input: x)
        #expect(errors.parameters.keys.sorted() == ["W1", "b1"])
        #expect(errors.worst <= 1e-6, "\(errors)")
    }

    @Test("With computesInputGradient off, backward returns an empty dx but still fills dW and db")
    func skipsInputGradient() {
        var g = SeededGenerator(seed: 2)
        let weight = Matrix.randomNormal(4, 3, using: &g), bias = Matrix.randomNormal(1, 3, using: &g)
        let x = Matrix.randomNormal(2, 4, using: &g), dout = Matrix.randomNormal(2, 3, using: &g)
        let full = Affine(weight: weight, bias: bias)
        let first = Affine(weight: weight, bias: bias, computesInputGradient: false)
        _ = full.forward(x, training: true)
        _ = first.forward(x, training: true)
        let dxFull = full.backward(dout)
        let dxFirst = first.backward(dout)
        #expect(dxFull.rows == 2 && dxFull.columns == 4)
        #expect(dxFirst.rows == 0 && dxFirst.columns == 0)
        #expect(first.weight.gradient == full.weight.gradient)
        #expect(first.bias.gradient == full.bias.gradient)
    }

    @Test("A bias of the wrong shape traps")
    func wrongBiasTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Affine(weight: Matrix(rows: 2, columns: 3), bias: Matrix(rows: 1, columns: 2))
        }
    }
}
