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
