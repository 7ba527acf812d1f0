// SGD.swift — stochastic gradient descent.

/// Stochastic gradient descent: `W ← W − η·∂L/∂W`.
///
/// The plainest step: straight downhill, as far as the learning rate `η`
/// says. On a surface much steeper in one direction than another it zig-zags
/// (see the optimizers chapter).
public struct SGD: Optimizer {
    /// The book's name for it.
    public let name = "SGD"
    /// The step size `η` (book default 0.01).
    public var learningRate: Double

    /// SGD with the book's default learning rate 0.01.
    public init(learningRate: Double = 0.01) {
        self.learningRate = learningRate
    }

    /// `W ← W − η·g` for every parameter.
    public mutating func update(_ parameters: [Parameter]) {
        let eta = learningRate
        for parameter in parameters {
            parameter.value.checkSameShape(parameter.gradient, "SGD update of \(parameter.name)")
            parameter.value.add(parameter.gradient, scaledBy: -eta)
        }
    }
}
