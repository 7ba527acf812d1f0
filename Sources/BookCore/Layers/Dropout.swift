// Dropout.swift — switch hidden units off at random while training
// (Srivastava et al. 2014).

/// Dropout: in training, each unit of each example is kept or zeroed at
/// random, afresh for every forward pass; at test time every unit is kept and
/// scaled down by the fraction that was kept on average.
///
/// For a dropout ratio `r` and an input `x` `[B, H]`:
/// ```
/// training:  mask = [u > r] for u ~ U[0, 1), one draw per element   [B, H]
///            out  = x · mask          backward: dx = dout · mask
/// test:      out  = x · (1 − r)
/// ```
/// A unit survives with probability `1 − r`, so its training output averages
/// `(1 − r)·x` over the masks, and at test time it passes exactly that mean.
/// The mean only: the mask's mean square is `1 − r` too, so in training the
/// RMS of the output is `√(1 − r)` times the input's, against `(1 − r)` in
/// test mode.
///
/// This is the book's dropout, and the original paper's: **not** "inverted
/// dropout", which divides by `1 − r` during training and leaves test time
/// alone (what most libraries do today). Each matches its test output to its
/// training mean, but not to each other: the book's outputs are `(1 − r)`
/// times the inverted one's, in both modes.
///
/// The layer owns its generator, so a seeded network draws the same masks on
/// every run. For a gradient check, set `fixedMask` so that every forward pass
/// uses one mask.
///
/// Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov, "Dropout: A
/// Simple Way to Prevent Neural Networks from Overfitting", JMLR 15, 2014.
public final class Dropout: Layer {
    /// The probability `r` of dropping a unit (the book's `dropout_ratio`, default 0.5).
    public let ratio: Double
    /// Draws the masks: one uniform number per element, row by row.
    public var generator: SeededGenerator
    /// When set, training-mode forward passes use this mask instead of drawing
    /// one (for gradient checks, which need the same function at every evaluation).
    /// Its shape must match the input's.
    public var fixedMask: Matrix?
    /// The mask of the last training-mode forward pass (1 = kept, 0 = dropped), `[B, H]`.
    public private(set) var mask = Matrix(rows: 0, columns: 0)

    /// A dropout layer.
    ///
    /// - Parameters:
    ///   - ratio: `r`, the probability of dropping a unit, in `[0, 1)` (the book's default 0.5).
    ///   - generator: The generator of the masks; the layer keeps its own copy.
    public init(ratio: Double = 0.5, generator: SeededGenerator) {
        precondition(ratio >= 0 && ratio < 1, "Dropout: ratio \(ratio) must lie in [0, 1)")
        self.ratio = ratio
        self.generator = generator
    }

    /// A mask `[rows, columns]` of ones (kept) and zeros (dropped): `[u > r]`
    /// for one `u ~ U[0, 1)` per element, drawn row by row — the book's
    /// `np.random.rand(*x.shape) > dropout_ratio`.
    public static func drawMask(
        rows: Int, columns: Int, ratio: Double,
        using generator: inout SeededGenerator
    ) -> Matrix {
        var mask = Matrix(rows: rows, columns: columns)  // [B, H]
        for i in 0..<mask.count {
            mask.elements[i] = generator.uniform() > ratio ? 1 : 0
        }
        return mask
    }

    /// Training: `x · mask` with a fresh mask (or `fixedMask`); test: `x · (1 − r)`.
    public func forward(_ x: Matrix, training: Bool) -> Matrix {
        guard training else {
            return x.map { $0 * (1 - ratio) }  // [B, H]
        }
        if let fixedMask {
            fixedMask.checkSameShape(x, "Dropout.forward (fixedMask against the input)")
            mask = fixedMask  // [B, H]
        } else {
            mask = Dropout.drawMask(rows: x.rows, columns: x.columns, ratio: ratio, using: &generator)  // [B, H]
        }
        return x * mask  // [B, H]
    }

    /// `dx = dout · mask`: a dropped unit passed nothing forward, so it gets no gradient.
    public func backward(_ dout: Matrix) -> Matrix {
        dout.checkSameShape(mask, "Dropout.backward (dout against the last training forward's mask)")
        return dout * mask  // [B, H]
    }
}
