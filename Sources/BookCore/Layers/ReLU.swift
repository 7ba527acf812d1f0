// ReLU.swift — the rectified linear unit.

/// The rectified linear unit: `y = max(0, x)`, element by element.
///
/// Backward: `dx = dout` where `x > 0`, else 0. At exactly `x = 0` the
/// gradient is taken as 0, as the book's layer does.
public final class ReLU: Layer {
    /// Where the last input was positive; there the gradient passes.
    private var positive: [Bool] = []

    /// A ReLU layer.
    public init() {}

    /// `y = max(0, x)`.
    public func forward(_ x: Matrix, training: Bool) -> Matrix {
        positive = x.elements.map { $0 > 0 }
        return x.map { Swift.max($0, 0) }                 // [B, H]
    }

    /// `dx = dout · [x > 0]`.
    public func backward(_ dout: Matrix) -> Matrix {
        precondition(dout.count == positive.count,
                     "ReLU.backward: dout \(dout.shape) does not match the last forward's \(positive.count) elements")
        var dx = dout                                     // [B, H]
        for i in 0 ..< dx.count where !positive[i] { dx.elements[i] = 0 }
        return dx
    }
}
