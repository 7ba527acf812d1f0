// OptimizerName.swift — choosing an optimizer by name, as the book's Trainer does.

import ArgumentParser
import BookCore

/// The optimizers by the names the book's `Trainer` accepts (case-insensitive):
/// `sgd`, `momentum`, `nesterov`, `adagrad`, `rmsprop`, `adam`.
///
/// Usable directly as a command-line option value (`--optimizer adam`).
public enum OptimizerName: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// `SGD`.
    case sgd
    /// `Momentum`.
    case momentum
    /// `Nesterov`.
    case nesterov
    /// `AdaGrad`.
    case adagrad
    /// `RMSprop`.
    case rmsprop
    /// `Adam`.
    case adam

    /// Parses a name case-insensitively (`"Adam"`, `"ADAGRAD"`).
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

    /// The optimizer with this name, with the given learning rate and the book's
    /// defaults for everything else (`nil`: the book's default learning rate too).
    public func make(learningRate: Double? = nil) -> any Optimizer {
        switch self {
        case .sgd: learningRate.map { SGD(learningRate: $0) } ?? SGD()
        case .momentum: learningRate.map { Momentum(learningRate: $0) } ?? Momentum()
        case .nesterov: learningRate.map { Nesterov(learningRate: $0) } ?? Nesterov()
        case .adagrad: learningRate.map { AdaGrad(learningRate: $0) } ?? AdaGrad()
        case .rmsprop: learningRate.map { RMSprop(learningRate: $0) } ?? RMSprop()
        case .adam: learningRate.map { Adam(learningRate: $0) } ?? Adam()
        }
    }
}
