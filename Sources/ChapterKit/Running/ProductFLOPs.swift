// ProductFLOPs.swift — counting the arithmetic of the matrix products, for
// the speed line beside it.
//
// The chapters print how fast their products ran (see the Speed article);
// these functions count the work. Element-wise work is left out: it is a few
// percent of the time. The subject (BookCore) does not count: a network is
// its layers, and the count is read off its affine layers here.

import BookCore

/// The floating-point operations of the matrix products a chapter runs.
///
/// An affine layer `[n_in, n_out]` on a batch of `B` costs `2·B·n_in·n_out`
/// per product. One training step makes the forward product `x·W`, the
/// backward `xᵀ·dout` and, for every layer that computes its input gradient,
/// `dout·Wᵀ`; the book's loop adds one more forward pass to record the loss
/// after the update.
public enum ProductFLOPs {
    /// One training step of `layers` on a batch of `batchSize`: forward,
    /// backward, and (with `lossAfterUpdate`) the loss pass after the update.
    public static func trainingStep(of layers: [any Layer], batchSize: Int, lossAfterUpdate: Bool = true) -> Double {
        trainingStep(shapes: affineShapes(layers), batchSize: batchSize, lossAfterUpdate: lossAfterUpdate)
    }

    /// One training step of a plain network of widths `[D, H…, C]`, without
    /// building one (its first layer skips the input gradient, as every
    /// network of the course does).
    public static func trainingStep(widths: [Int], batchSize: Int, lossAfterUpdate: Bool = true) -> Double {
        precondition(widths.count >= 2, "ProductFLOPs: widths \(widths) need an input and an output")
        let shapes = (1..<widths.count).map {
            AffineShape(inputs: widths[$0 - 1], outputs: widths[$0], computesInputGradient: $0 > 1)
        }
        return trainingStep(shapes: shapes, batchSize: batchSize, lossAfterUpdate: lossAfterUpdate)
    }

    /// One forward pass of `images` images through `layers`, as measuring
    /// accuracy makes: `Σₖ 2·images·n_in·n_out`.
    public static func forward(of layers: [any Layer], images: Int) -> Double {
        affineShapes(layers).reduce(0) { $0 + Matrix.productFLOPs(m: images, k: $1.inputs, n: $1.outputs) }
    }

    /// Everything `trainer` has run so far: every update's step (with the
    /// loss pass after it) and one forward pass per measured image.
    public static func training(_ trainer: Trainer) -> Double {
        let layers = trainer.network.layers
        return Double(trainer.currentIteration) * trainingStep(of: layers, batchSize: trainer.batchSize)
            + forward(of: layers, images: trainer.imagesMeasured)
    }

    /// What the count needs of an affine layer.
    private struct AffineShape {
        let inputs: Int
        let outputs: Int
        let computesInputGradient: Bool
    }

    private static func affineShapes(_ layers: [any Layer]) -> [AffineShape] {
        layers.compactMap { $0 as? Affine }.map {
            AffineShape(
                inputs: $0.weight.value.rows, outputs: $0.weight.value.columns,
                computesInputGradient: $0.computesInputGradient)
        }
    }

    private static func trainingStep(shapes: [AffineShape], batchSize: Int, lossAfterUpdate: Bool) -> Double {
        let forwardPasses = lossAfterUpdate ? 2.0 : 1.0
        return shapes.reduce(0) { total, shape in
            let one = Matrix.productFLOPs(m: batchSize, k: shape.inputs, n: shape.outputs)
            let backwardProducts = shape.computesInputGradient ? 2.0 : 1.0
            return total + one * (forwardPasses + backwardProducts)
        }
    }
}
