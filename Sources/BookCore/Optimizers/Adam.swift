// Adam.swift — momentum and RMSprop together, with bias correction.

import Foundation

/// Adam (Kingma & Ba 2014): a momentum-like average of gradients `m` and an
/// RMSprop-like average of squared gradients `v`, both corrected for starting at zero.
///
/// In the book's form, with the step count `t` starting at 1:
/// - `η_t = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)` (the bias correction, folded into the step);
/// - `m ← m + (1 − β₁)·(g − m)`;
/// - `v ← v + (1 − β₂)·(g ⊙ g − v)`;
/// - `W ← W − η_t · m / (√v + 1e-7)`.
///
/// Book defaults η = 0.001, β₁ = 0.9, β₂ = 0.999. The book puts `ε` outside the
/// correction, which differs from the paper's `m̂/(√v̂ + ε)` only in where `ε`
/// acts; the course keeps the book's form.
public struct Adam: Optimizer {
    /// The book's name for it.
    public let name = "Adam"
    /// The step size `η`.
    public var learningRate: Double
    /// Decay of the gradient average, `β₁`.
    public var beta1: Double
    /// Decay of the squared-gradient average, `β₂`.
    public var beta2: Double
    /// The book's guard against dividing by zero.
    public static let epsilon = 1e-7
    /// How many updates have been made, `t`.
    public private(set) var step = 0
    private var m: [Matrix] = []
    private var v: [Matrix] = []

    /// Adam with the book's defaults, η = 0.001, β₁ = 0.9, β₂ = 0.999.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
    }

    /// One Adam step; `t` counts calls, not parameters.
    public mutating func update(_ parameters: [Parameter]) {
        if m.isEmpty {
            m = Self.zeroState(like: parameters)
            v = Self.zeroState(like: parameters)
        }
        step += 1
        let t = Double(step)
        let correctedRate = learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t))
        let beta1 = self.beta1, beta2 = self.beta2, epsilon = Self.epsilon
        forEachParameter(parameters, &m, &v) { W, g, m, v in
            for i in 0..<W.count {
                m[i] += (1 - beta1) * (g[i] - m[i])
                v[i] += (1 - beta2) * (g[i] * g[i] - v[i])
                W[i] -= correctedRate * m[i] / (v[i].squareRoot() + epsilon)
            }
        }
    }
}
