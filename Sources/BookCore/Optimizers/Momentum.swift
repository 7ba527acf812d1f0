// Momentum.swift — gradient descent with a velocity.

/// Momentum: a ball rolling downhill keeps part of its velocity.
///
/// `v ← α·v − η·∂L/∂W`, then `W ← W + v` (book defaults η = 0.01, α = 0.9).
/// Along a direction where the gradient keeps its sign, steps add up; where it
/// flips back and forth, they cancel. Polyak (1964).
public struct Momentum: Optimizer {
    /// The book's name for it.
    public let name = "Momentum"
    /// The step size `η`.
    public var learningRate: Double
    /// How much velocity survives each step, `α`.
    public var momentum: Double
    private var velocity: [Matrix] = []

    /// Momentum with the book's defaults, η = 0.01 and α = 0.9.
    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// `v ← α·v − η·g; W ← W + v`.
    public mutating func update(_ parameters: [Parameter]) {
        if velocity.isEmpty { velocity = Self.zeroState(like: parameters) }
        let eta = learningRate, alpha = momentum
        forEachParameter(parameters, &velocity) { W, g, v in
            for i in 0..<W.count {
                v[i] = alpha * v[i] - eta * g[i]
                W[i] += v[i]
            }
        }
    }
}
