// Sigmoid.swift — the logistic sigmoid.

import Foundation

/// The logistic sigmoid: `y = 1 / (1 + e^(−x))`, element by element.
///
/// Backward: `dx = dout · y · (1 − y)`, using the output kept from forward.
public final class Sigmoid: Layer {
    /// The output of the last forward pass.
    private var y = Matrix(rows: 0, columns: 0)

    /// A sigmoid layer.
    public init() {}

    /// The function itself, for code that needs it without a layer.
    public static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// `y = σ(x)`.
    public func forward(_ x: Matrix, training: Bool) -> Matrix {
        let out = x.map(Sigmoid.sigmoid)  // [B, H]
        if training { y = out }  // backward needs y; a test-mode pass keeps nothing
        return out
    }

    /// `dx = dout · y · (1 − y)`.
    public func backward(_ dout: Matrix) -> Matrix {
        dout.zip(y) { d, y in d * y * (1 - y) }  // [B, H]
    }
}
