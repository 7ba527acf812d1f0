// Layer.swift — what every layer of a network is, and the parameters it learns.

/// A learnable matrix of a layer, together with its gradient.
///
/// `Parameter` is a class on purpose: a layer holds it, the network lists it,
/// and an optimizer updates `value` in place through the same reference —
/// as the book's optimizers update the arrays in its `params` dictionary,
/// which its layers also hold.
public final class Parameter {
    /// The book's name for it: `W1`, `b1`, `gamma1`, ….
    public let name: String
    /// The current value.
    public var value: Matrix
    /// ∂L/∂value from the last backward pass; same shape as `value`.
    public var gradient: Matrix

    /// A parameter with a starting value and a zero gradient.
    public init(name: String, value: Matrix) {
        self.name = name
        self.value = value
        self.gradient = Matrix(rows: value.rows, columns: value.columns)
    }
}

/// One stage of a network: it maps a batch forward and sends gradients back.
///
/// A layer keeps what its backward pass needs from the last forward pass
/// (its input, a mask, its output), so `backward` must follow the `forward`
/// whose gradient it computes.
///
/// Shapes: the input is `[B, inputs]`, the output `[B, outputs]`; `backward`
/// takes ∂L/∂output `[B, outputs]` and returns ∂L/∂input `[B, inputs]`.
public protocol Layer: AnyObject {
    /// The forward pass.
    ///
    /// - Parameters:
    ///   - x: The input batch, one example per row.
    ///   - training: `true` while learning, `false` when predicting. Only
    ///     dropout and batch normalization behave differently.
    /// - Returns: The output batch.
    func forward(_ x: Matrix, training: Bool) -> Matrix

    /// The backward pass: stores the gradients of this layer's parameters in
    /// their `gradient` and returns the gradient with respect to the input.
    ///
    /// - Parameter dout: ∂L/∂output, the shape of the last forward's output.
    /// - Returns: ∂L/∂input, the shape of the last forward's input.
    func backward(_ dout: Matrix) -> Matrix

    /// The parameters this layer learns, in a fixed order (none by default).
    var parameters: [Parameter] { get }
}

extension Layer {
    /// Most layers learn nothing.
    public var parameters: [Parameter] { [] }
}
