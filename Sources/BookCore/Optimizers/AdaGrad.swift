// AdaGrad.swift — a learning rate per parameter that shrinks with use.

/// AdaGrad (Duchi et al. 2011): each parameter's step shrinks with the sum
/// of its squared gradients so far.
///
/// `h ← h + g ⊙ g`, then `W ← W − η·g / (√h + 1e-7)` (book default η = 0.01).
/// Parameters that have moved a lot move less; `1e-7` keeps the division
/// finite while `h` is still zero. Because `h` only grows, the steps shrink
/// towards zero on long runs — RMSprop fixes that.
public struct AdaGrad: Optimizer {
    /// The book's name for it.
    public let name = "AdaGrad"
    /// The step size `η`.
    public var learningRate: Double
    /// The book's guard against dividing by zero.
    public static let epsilon = 1e-7
    private var squaredSum: [Matrix] = []

    /// AdaGrad with the book's default η = 0.01.
    public init(learningRate: Double = 0.01) {
        self.learningRate = learningRate
    }

    /// `h ← h + g²; W ← W − η·g/(√h + ε)`.
    public mutating func update(_ parameters: [Parameter]) {
        if squaredSum.isEmpty { squaredSum = Self.zeroState(like: parameters) }
        let eta = learningRate, epsilon = Self.epsilon
        forEachParameter(parameters, &squaredSum) { W, g, h in
            for i in 0..<W.count {
                h[i] += g[i] * g[i]
                W[i] -= eta * g[i] / (h[i].squareRoot() + epsilon)
            }
        }
    }
}
