// InvertedDropoutTests.swift — the dropout chapter's inverted dropout layer:
// the same units dropped as the book's Dropout, the scale moved to training,
// and a backward pass that is the derivative of its forward pass.

import BookCore
import Testing

@testable import dropout

@Suite("InvertedDropout")
struct InvertedDropoutTests {
    @Test("Same generator, same units dropped as Dropout; kept units are scaled by 1/(1 − r); test mode is the identity")
    func forward() {
        var g = SeededGenerator(seed: 3)
        let x = Matrix.randomNormal(20, 7, using: &g).map { $0 + 5 }  // [B, H], no zeros
        let book = Dropout(ratio: 0.2, generator: SeededGenerator(seed: 9))
        let inverted = InvertedDropout(ratio: 0.2, generator: SeededGenerator(seed: 9))
        let bookOut = book.forward(x, training: true)  // [B, H]
        let invertedOut = inverted.forward(x, training: true)  // [B, H]
        for i in 0..<x.count {
            #expect((bookOut.elements[i] == 0) == (invertedOut.elements[i] == 0))
            if bookOut.elements[i] != 0 {
                #expect(abs(invertedOut.elements[i] - x.elements[i] / 0.8) <= 1e-12 * abs(x.elements[i]))
            }
        }
        #expect(inverted.forward(x, training: false) == x)
    }

    @Test("Backward is the derivative: for the mask of the last forward pass, dx = dout · mask, checked by central differences")
    func backward() {
        var g = SeededGenerator(seed: 4)
        let x = Matrix.randomNormal(5, 6, using: &g)  // [B, H]
        let r = Matrix.randomNormal(5, 6, using: &g)  // the loss L = Σ out ⊙ r
        let layer = InvertedDropout(ratio: 0.5, generator: SeededGenerator(seed: 11))
        let out = layer.forward(x, training: true)
        let dx = layer.backward(r)  // [B, H]
        // L is linear in x for a fixed mask: L(x + h·eᵢ) − L(x − h·eᵢ) = 2h·∂L/∂xᵢ. Reuse the mask.
        let mask = layer.mask
        let h = 1e-4
        for i in 0..<x.count {
            var plus = x, minus = x
            plus.elements[i] += h
            minus.elements[i] -= h
            let lPlus = zip((plus * mask).elements, r.elements).reduce(0) { $0 + $1.0 * $1.1 }
            let lMinus = zip((minus * mask).elements, r.elements).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs((lPlus - lMinus) / (2 * h) - dx.elements[i]) <= 1e-8)
        }
        #expect(out == x * mask)
    }

    @Test(
        "The chapter's inverted-dropout network is the book's dropout network with each Dropout swapped: the same weights, the same masks, the scores 1/(1 − r)⁶ times larger in training and the plain network's in test mode"
    )
    func layerSwap() {
        let settings = DropoutSettings(
            seed: 5, trainingImages: 4, testImages: 4, hiddenSizes: [6, 6], learningRate: 0.01, batchSize: 4, epochs: 1,
            ratio: 0.2, weightDecay: 0.1, invertedTestImages: 4, stepRunImages: 4, exerciseRatio: 0.5, exerciseWeightDecay: 0.1,
            trainingLevels: [])
        let book = RunSetup(label: "book", ratio: 0.2, weightDecay: 0.1, learningRate: 0.01)
        var invertedSetup = book
        invertedSetup.inverted = true
        let plainSetup = RunSetup(label: "plain", ratio: nil, weightDecay: 0.1, learningRate: 0.01)
        let bookNet = makeNetwork(book, settings: settings, inputs: 8, classes: 3)
        let invertedNet = makeNetwork(invertedSetup, settings: settings, inputs: 8, classes: 3)
        let plainNet = makeNetwork(plainSetup, settings: settings, inputs: 8, classes: 3)
        #expect(bookNet.layers.count == invertedNet.layers.count && invertedNet.dropoutLayers.isEmpty)
        #expect(invertedNet.layers.filter { $0 is InvertedDropout }.count == 2 && invertedNet.weightDecay == 0.1)
        #expect(zip(bookNet.parameters, invertedNet.parameters).allSatisfy { $0.value == $1.value })
        var g = SeededGenerator(seed: 6)
        let x = Matrix.randomNormal(4, 8, using: &g).map { abs($0) }  // [B, D]
        let bookScores = bookNet.predict(x, training: true)  // [B, C]
        let invertedScores = invertedNet.predict(x, training: true)  // [B, C]
        let scale = 1 / (0.8 * 0.8)  // 1/(1 − r) for each of the two masks
        for (inverted, book) in zip(invertedScores.elements, bookScores.elements) {
            let expected = book * scale
            #expect(abs(inverted - expected) <= 1e-12 * (1 + abs(expected)))
        }
        #expect(invertedNet.predict(x, training: false) == plainNet.predict(x, training: false))
    }
}
