// MultiLayerNet+FLOPs.swift — counting the arithmetic of the matrix products.
//
// The chapters print how fast their products ran (see the Speed article);
// these functions count the work. Element-wise work is left out: it is a few
// percent of the time.

import Foundation

extension MultiLayerNet {
    /// The floating-point operations of the matrix products in one training
    /// step on a batch of `batchSize`: forward (`x·W`), backward (`xᵀ·dout`,
    /// and `dout·Wᵀ` for every layer that computes its input gradient), and —
    /// with `lossAfterUpdate` — the extra forward pass the book makes to
    /// record the loss.
    public func productFLOPs(batchSize: Int, lossAfterUpdate: Bool = true) -> Double {
        Self.productFLOPs(
            layers: affineLayers.map {
                (inputs: $0.weight.value.rows, outputs: $0.weight.value.columns, computesInputGradient: $0.computesInputGradient)
            }, batchSize: batchSize, lossAfterUpdate: lossAfterUpdate)
    }

    /// The same count for a plain network of these sizes, without building
    /// one (its first layer skips the input gradient, as every network does).
    public static func productFLOPs(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int,
        batchSize: Int, lossAfterUpdate: Bool = true
    ) -> Double {
        let widths = [inputSize] + hiddenSizes + [outputSize]
        return productFLOPs(
            layers: (1..<widths.count).map {
                (inputs: widths[$0 - 1], outputs: widths[$0], computesInputGradient: $0 > 1)
            }, batchSize: batchSize, lossAfterUpdate: lossAfterUpdate)
    }

    /// The floating-point operations of the matrix products of one forward
    /// pass of `images` images, as measuring accuracy makes: `Σₖ 2·images·n_in·n_out`.
    public func forwardFLOPs(images: Int) -> Double {
        affineLayers.reduce(0) { total, affine in
            total + Matrix.productFLOPs(m: images, k: affine.weight.value.rows, n: affine.weight.value.columns)
        }
    }

    /// The count for affine layers of these shapes: each product of a layer
    /// costs `2·batchSize·inputs·outputs`.
    private static func productFLOPs(
        layers: [(inputs: Int, outputs: Int, computesInputGradient: Bool)],
        batchSize: Int, lossAfterUpdate: Bool
    ) -> Double {
        let forwardPasses = lossAfterUpdate ? 2.0 : 1.0
        return layers.reduce(0) { total, layer in
            let one = Matrix.productFLOPs(m: batchSize, k: layer.inputs, n: layer.outputs)
            let backwardProducts = layer.computesInputGradient ? 2.0 : 1.0
            return total + one * (forwardPasses + backwardProducts)
        }
    }
}
