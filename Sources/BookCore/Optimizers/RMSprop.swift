// RMSprop.swift — AdaGrad that forgets.

/// RMSprop (Tieleman & Hinton 2012): AdaGrad with an exponentially decaying
/// average of squared gradients instead of their sum, so steps do not die out.
///
/// `h ← ρ·h + (1 − ρ)·g ⊙ g`, then `W ← W − η·g / (√h + 1e-7)`
/// (book defaults η = 0.01, ρ = 0.99).
public struct RMSprop: Optimizer {
    /// The book's name for it.
    public let name = "RMSprop"
    /// The step size `η`.
    public var learningRate: Double
    /// How much of the old average survives each step, `ρ`.
    public var decayRate: Double
    /// The book's guard against dividing by zero.
    public static let epsilon = 1e-7
    private var squaredAverage: [Matrix] = []

    /// RMSprop with the book's defaults, η = 0.01 and ρ = 0.99.
    public init(learningRate: Double = 0.01, decayRate: Double = 0.99) {
        self.learningRate = learningRate
        self.decayRate = decayRate
    }

    /// `h ← ρ·h + (1 − ρ)·g²; W ← W − η·g/(√h + ε)`.
    public mutating func update(_ parameters: [Parameter]) {
        if squaredAverage.isEmpty { squaredAverage = Self.zeroState(like: parameters) }
        let eta = learningRate, rho = decayRate, epsilon = Self.epsilon
        forEachParameter(parameters, &squaredAverage) { W, g, h in
            for i in 0..<W.count {
                h[i] = rho * h[i] + (1 - rho) * g[i] * g[i]
                W[i] -= eta * g[i] / (h[i].squareRoot() + epsilon)
            }
        }
    }
}
