// Network.swift — what every network of the course can do.

/// A classifier trained by backpropagation: scores, loss, accuracy, gradients.
///
/// Shapes: `x` is `[B, D]`, the scores `[B, C]`, `labels` `B` class indices.
/// `training` selects the behaviour of dropout and batch normalization; the
/// plain networks ignore it.
public protocol Network: AnyObject {
    /// The layers in forward order, the closing softmax-with-loss excluded:
    /// what the network is (what the speed line counts, what a swap replaces).
    var layers: [any Layer] { get }

    /// Every learnable parameter, in a fixed order (`W1, b1, W2, b2, …`).
    var parameters: [Parameter] { get }

    /// The scores (before softmax) for a batch, `[B, C]`.
    func predict(_ x: Matrix, training: Bool) -> Matrix

    /// The loss of a batch: mean cross-entropy plus any weight-decay term.
    func loss(_ x: Matrix, labels: [Int], training: Bool) -> Double

    /// Backpropagation: runs a training-mode forward pass, then stores ∂L/∂p
    /// in every parameter's `gradient`. Returns the loss of that forward pass.
    @discardableResult
    func gradient(_ x: Matrix, labels: [Int]) -> Double
}

extension Network {
    /// The fraction of rows whose highest score is at the right label
    /// (test mode unless `training` says otherwise).
    public func accuracy(_ x: Matrix, labels: [Int], training: Bool = false) -> Double {
        precondition(labels.count == x.rows, "accuracy: \(labels.count) labels for input \(x.shapeDescription)")
        guard x.rows > 0 else { return 0 }
        let predicted = predict(x, training: training).argmaxOfEachRow()
        let correct = zip(predicted, labels).filter { $0 == $1 }.count
        return Double(correct) / Double(labels.count)
    }

    /// The number of learnable values, `Σ` of every parameter's size.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}
