// Affine.swift — the fully connected layer.

/// The fully connected (affine) layer: `out = x · W + b`.
///
/// Shapes: `x` is `[B, D]`, `W` is `[D, H]`, `b` is `[1, H]` (added to every
/// row), `out` is `[B, H]`.
///
/// Backward, from `dout = ∂L/∂out` `[B, H]`:
/// - `dW = xᵀ · dout`  `[D, H]` — each weight's gradient sums over the batch;
/// - `db = Σ_rows dout`  `[1, H]`;
/// - `dx = dout · Wᵀ`  `[B, D]`.
///
/// The first layer of a network can skip `dx`: nothing uses the gradient with
/// respect to the images, and it is one of the three large products.
public final class Affine: Layer {
    /// The weights `W`, `[D, H]`.
    public let weight: Parameter
    /// The bias `b`, `[1, H]`.
    public let bias: Parameter
    /// Whether `backward` computes `dx`. Off for a network's first layer.
    public var computesInputGradient: Bool
    /// The input of the last training-mode forward pass, kept for `dW = xᵀ · dout`.
    private var x = Matrix(rows: 0, columns: 0)

    /// An affine layer with the given starting weights and bias.
    ///
    /// - Parameters:
    ///   - weight: `W`, `[D, H]`.
    ///   - bias: `b`, `[1, H]`.
    ///   - index: The layer's number, for the parameter names `W1`, `b1`, ….
    ///   - computesInputGradient: `false` for the first layer of a network.
    public init(weight: Matrix, bias: Matrix, index: Int = 1, computesInputGradient: Bool = true) {
        precondition(
            bias.rows == 1 && bias.columns == weight.columns,
            "Affine: bias \(bias.shapeDescription) does not fit weight \(weight.shapeDescription); it must be [1, \(weight.columns)]")
        self.weight = Parameter(name: "W\(index)", value: weight)
        self.bias = Parameter(name: "b\(index)", value: bias)
        self.computesInputGradient = computesInputGradient
    }

    /// `W` then `b`.
    public var parameters: [Parameter] { [weight, bias] }

    /// `out = x · W + b`; in training mode it keeps `x` for the backward
    /// pass, in test mode it keeps nothing (measuring 10 000 images then
    /// holds no extra copy of them).
    public func forward(_ x: Matrix, training: Bool) -> Matrix {
        if training { self.x = x }  // [B, D]
        var out = Matrix.product(x, weight.value)  // [B, H]
        out.addToEachRow(bias.value)  // [B, H]
        return out
    }

    /// `dW = xᵀ·dout`, `db = Σ dout`, and returns `dx = dout·Wᵀ` (or an empty
    /// `[0, 0]` matrix when `computesInputGradient` is off).
    public func backward(_ dout: Matrix) -> Matrix {
        Matrix.multiply(x, dout, into: &weight.gradient, transposeA: true)  // [D, H]
        bias.gradient = dout.columnSums()  // [1, H]
        guard computesInputGradient else { return Matrix(rows: 0, columns: 0) }
        return Matrix.product(dout, weight.value, transposeB: true)  // [B, D]
    }
}
