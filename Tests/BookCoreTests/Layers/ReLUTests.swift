// ReLUTests.swift — the rectified linear unit.

import Testing

@testable import BookCore

@Suite("ReLU layer")
struct ReLUTests {
    @Test("forward zeroes x ≤ 0; backward passes dout only where x > 0 (0 at exactly 0)")
    func byHand() {
        let relu = ReLU()
        let out = relu.forward(Matrix([[-2, 0, 3], [0.5, -0.1, 7]]), training: true)
        #expect(out.elements == [0, 0, 3, 0.5, 0, 7])
        let dx = relu.backward(Matrix([[1, 2, 3], [4, 5, 6]]))
        #expect(dx.elements == [0, 0, 3, 4, 0, 6])
    }

    @Test("backward matches the numerical gradient (relative error ≤ 1e-6, batch 3, inputs ≥ 0.1 from the kink)")
    func gradientCheck() {
        var g = SeededGenerator(seed: 3)
        // |x| ≥ 0.1, far from the kink at 0 compared with the step h = 1e-4; both signs.
        var x = Matrix(rows: 3, columns: 6)  // [B, H]
        for i in 0..<x.count {
            let magnitude = 0.1 + g.uniform()
            x.elements[i] = i % 2 == 0 ? magnitude : -magnitude
        }
        let errors = layerGradientErrors(ReLU(), input: x)
        #expect(errors.parameters.isEmpty)
        #expect(errors.input <= 1e-6, "\(errors)")
    }

    @Test("backward with a dout of another size traps")
    func mismatchTraps() async {
        await #expect(processExitsWith: .failure) {
            let relu = ReLU()
            _ = relu.forward(Matrix(rows: 2, columns: 2), training: true)
            _ = relu.backward(Matrix(rows: 3, columns: 2))
        }
    }
}
