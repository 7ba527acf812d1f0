// Nesterov.swift — momentum that looks ahead.

/// Nesterov's accelerated gradient, in its standard form (Sutskever et al. 2013).
///
/// The gradient is taken, in effect, at the point momentum is about to carry
/// the parameters to. Rewritten to use the gradient at the current point:
/// `W ← W + α²·v`, `W ← W − (1 + α)·η·∂L/∂W`, then `v ← α·v − η·∂L/∂W`,
/// where the `v` added to `W` is the velocity from before this step (book
/// defaults η = 0.01, α = 0.9). The book's code differs: it updates `v` first
/// and adds `α²·v` with the new velocity.
public struct Nesterov: Optimizer {
    /// The book's name for it.
    public let name = "Nesterov"
    /// The step size `η`.
    public var learningRate: Double
    /// How much velocity survives each step, `α`.
    public var momentum: Double
    private var velocity: [Matrix] = []

    /// Nesterov with the book's defaults, η = 0.01 and α = 0.9.
    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// `W ← W + α²·v − (1 + α)·η·g`, then `v ← α·v − η·g`.
    public mutating func update(_ parameters: [Parameter]) {
        if velocity.isEmpty { velocity = Self.zeroState(like: parameters) }
        let eta = learningRate, alpha = momentum
        forEachParameter(parameters, &velocity) { W, g, v in
            for i in 0..<W.count {
                W[i] += alpha * alpha * v[i]
                W[i] -= (1 + alpha) * eta * g[i]
                v[i] = alpha * v[i] - eta * g[i]
            }
        }
    }
}
