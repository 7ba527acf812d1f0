// ReLU.swift — the rectified linear unit.

/// The rectified linear unit: `y = max(0, x)`, element by element.
///
/// Backward: `dx = dout` where `x > 0`, else 0. At exactly `x = 0` the
/// gradient is taken as 0, as the book's layer does.
///
/// The book keeps a mask of where `x ≤ 0`; this layer keeps its output `y`
/// instead, which says the same thing (`y > 0` exactly where `x > 0`) and
/// costs nothing extra: it is the matrix handed to the next layer anyway.
public final class ReLU: Layer {
    /// The output of the last training-mode forward pass; the gradient passes where it is positive.
    private var y = Matrix(rows: 0, columns: 0)

    /// A ReLU layer.
    public init() {}

    /// `y = max(0, x)`; kept for the backward pass in training mode only.
    public func forward(_ x: Matrix, training: Bool) -> Matrix {
        let out = x.map { Swift.max($0, 0) }  // [B, H]
        if training { y = out }
        return out
    }

    /// `dx = dout · [x > 0]`, that is `dout` where `y > 0`, else 0.
    public func backward(_ dout: Matrix) -> Matrix {
        dout.checkSameShape(y, "ReLU.backward (dout against the last forward's output)")
        return dout.zip(y) { d, y in y > 0 ? d : 0 }  // [B, H]
    }
}
