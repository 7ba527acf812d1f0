// DropoutTests.swift — the book's (not inverted) dropout: masks, test-time
// scaling, seeding, and the backward pass with a fixed mask.

import Testing

@testable import BookCore

@Suite("Dropout layer")
struct DropoutTests {
    @Test("Training keeps a unit exactly when its uniform draw exceeds the ratio")
    func maskIsUniformAboveRatio() {
        let layer = Dropout(ratio: 0.3, generator: SeededGenerator(seed: 11))
        var draws = SeededGenerator(seed: 11)  // the same stream, by hand
        var g = SeededGenerator(seed: 12)
        let x = Matrix.randomNormal(4, 5, using: &g)  // [4, 5]
        let out = layer.forward(x, training: true)  // [4, 5]
        for i in 0..<x.count {
            let kept = draws.uniform() > 0.3
            #expect(layer.mask.elements[i] == (kept ? 1 : 0))
            #expect(out.elements[i] == (kept ? x.elements[i] : 0))  // no 1/(1 − r): not inverted
        }
    }

    @Test("About 1 − r of the units survive, and a new mask is drawn at every forward pass")
    func keptFraction() {
        let layer = Dropout(ratio: 0.2, generator: SeededGenerator(seed: 13))
        let x = Matrix(rows: 200, columns: 100, repeating: 1)  // [200, 100]
        let first = layer.forward(x, training: true).sum() / Double(x.count)
        #expect(abs(first - 0.8) < 0.01)
        let firstMask = layer.mask
        _ = layer.forward(x, training: true)
        #expect(layer.mask != firstMask)
    }

    @Test("Test mode keeps every unit and scales it by (1 − r)")
    func testModeScales() {
        let layer = Dropout(ratio: 0.25, generator: SeededGenerator(seed: 14))
        let x = Matrix([[4, -8], [2, 0.5]])
        let out = layer.forward(x, training: false)
        #expect(out.elements == [3, -6, 1.5, 0.375])
    }

    @Test("The same seed gives the same masks; another seed gives others")
    func seeded() {
        let x = Matrix(rows: 10, columns: 10, repeating: 1)
        let a = Dropout(generator: SeededGenerator(seed: 15))
        let b = Dropout(generator: SeededGenerator(seed: 15))
        let c = Dropout(generator: SeededGenerator(seed: 16))
        #expect(a.ratio == 0.5)  // the book's default
        #expect(a.forward(x, training: true) == b.forward(x, training: true))
        #expect(a.forward(x, training: true) != c.forward(x, training: true))
    }

    @Test("backward with a fixed mask matches the numerical gradient (relative error ≤ 1e-6)")
    func gradientCheck() {
        var g = SeededGenerator(seed: 17)
        let x = Matrix.randomNormal(4, 6, using: &g)  // [B, H] = [4, 6]
        let layer = Dropout(ratio: 0.5, generator: SeededGenerator(seed: 18))
        layer.fixedMask = Dropout.drawMask(rows: 4, columns: 6, ratio: 0.5, using: &g)
        let errors = layerGradientErrors(layer, input: x)
        #expect(errors.input <= 1e-6, "\(errors)")
        // The mask is really used: dropped units get no gradient, kept ones do.
        let dx = layer.backward(Matrix(rows: 4, columns: 6, repeating: 1))
        #expect(dx == layer.fixedMask)
        #expect(dx.sum() > 0 && dx.sum() < 24)
    }

    @Test("A fixed mask of the wrong shape traps")
    func wrongMaskTraps() async {
        await #expect(processExitsWith: .failure) {
            let layer = Dropout(generator: SeededGenerator(seed: 1))
            layer.fixedMask = Matrix(rows: 2, columns: 2, repeating: 1)
            _ = layer.forward(Matrix(rows: 3, columns: 2), training: true)
        }
    }
}
