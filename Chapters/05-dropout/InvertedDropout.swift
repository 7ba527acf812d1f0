// InvertedDropout.swift — the dropout most libraries use today, for the
// chapter's "going further" comparison with the book's.

import BookCore

/// Inverted dropout: the scaling moves from test time to training.
///
/// For a dropout ratio `r` and an input `x` `[B, H]`:
/// ```
/// training:  mask = [u > r] / (1 − r) for u ~ U[0, 1), one draw per element   [B, H]
///            out  = x · mask          backward: dx = dout · mask
/// test:      out  = x                 (nothing to do)
/// ```
/// A kept unit is worth `1/(1 − r)` in training, so the expected output is
/// `x` in both modes. It draws its masks exactly as BookCore's `Dropout`
/// (`Dropout.drawMask`), so the same generator gives the same units dropped.
final class InvertedDropout: Layer {
    /// The probability `r` of dropping a unit.
    let ratio: Double
    /// Draws the masks, one uniform number per element, row by row.
    var generator: SeededGenerator
    /// The scaled mask of the last training-mode forward pass: `1/(1 − r)` kept, 0 dropped.
    private(set) var mask = Matrix(rows: 0, columns: 0)

    init(ratio: Double, generator: SeededGenerator) {
        precondition(ratio >= 0 && ratio < 1, "InvertedDropout: ratio \(ratio) must lie in [0, 1)")
        self.ratio = ratio
        self.generator = generator
    }

    func forward(_ x: Matrix, training: Bool) -> Matrix {
        guard training else { return x }  // [B, H]
        let kept = Dropout.drawMask(rows: x.rows, columns: x.columns, ratio: ratio, using: &generator)  // [B, H]
        mask = kept / (1 - ratio)  // [B, H]
        return x * mask  // [B, H]
    }

    func backward(_ dout: Matrix) -> Matrix {
        dout.checkSameShape(mask, "InvertedDropout.backward (dout against the last training forward's mask)")
        return dout * mask  // [B, H]
    }
}

/// The book's dropout network with every `Dropout` swapped for `InvertedDropout`:
/// the same starting weights, and the same mask generators, as `template`.
///
/// Layers: `[Affine → ReLU → InvertedDropout] × hidden, Affine → softmax`.
final class InvertedDropoutNet: Network {
    let layers: [any Layer]
    let affineLayers: [Affine]
    let lastLayer = SoftmaxWithLoss()
    let weightDecay: Double
    let parameters: [Parameter]
    /// The network it copies; it also counts the FLOPs (the products are the same).
    private let template: MultiLayerNet

    /// Copies `template`'s weights and biases, and each of its dropout layers' generator.
    init(copying template: MultiLayerNetExtend) {
        precondition(
            template.usesDropout && !template.usesBatchNorm,
            "InvertedDropoutNet: the template must use dropout and no batch normalization")
        self.template = template
        weightDecay = template.weightDecay
        var layers: [any Layer] = []
        var affineLayers: [Affine] = []
        for (k, original) in template.affineLayers.enumerated() {
            let affine = Affine(
                weight: original.weight.value, bias: original.bias.value, index: k + 1,
                computesInputGradient: k > 0)
            affineLayers.append(affine)
            layers.append(affine)
            guard k < template.dropoutLayers.count else { break }
            layers.append(ReLU())
            let dropout = template.dropoutLayers[k]
            layers.append(InvertedDropout(ratio: dropout.ratio, generator: dropout.generator))
        }
        self.layers = layers
        self.affineLayers = affineLayers
        parameters = layers.flatMap { $0.parameters }
    }

    func predict(_ x: Matrix, training: Bool) -> Matrix {
        layers.reduce(x) { $1.forward($0, training: training) }  // [B, C]
    }

    func loss(_ x: Matrix, labels: [Int], training: Bool) -> Double {
        let penalty = weightDecay > 0 ? 0.5 * weightDecay * affineLayers.reduce(0) { $0 + $1.weight.value.sumOfSquares() } : 0
        return lastLayer.forward(predict(x, training: training), labels: labels) + penalty
    }

    @discardableResult
    func gradient(_ x: Matrix, labels: [Int]) -> Double {
        let loss = self.loss(x, labels: labels, training: true)
        var dout = lastLayer.backward()  // [B, C]
        for layer in layers.reversed() { dout = layer.backward(dout) }
        if weightDecay > 0 {
            for affine in affineLayers { affine.weight.gradient.add(affine.weight.value, scaledBy: weightDecay) }
        }
        return loss
    }

    func productFLOPs(batchSize: Int, lossAfterUpdate: Bool) -> Double {
        template.productFLOPs(batchSize: batchSize, lossAfterUpdate: lossAfterUpdate)
    }

    func forwardFLOPs(images: Int) -> Double { template.forwardFLOPs(images: images) }
}
