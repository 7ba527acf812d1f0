// ValleyExplorer.swift — a two-dimensional valley to poke at: pick the start,
// change an optimizer's learning rate, see every path drawn again.
//
// The explorer takes the valley as values (its function, its gradient, the
// optimizers, the start) and knows nothing about the chapter that shows it;
// ValleyExplorer+Run.swift draws it in a window or in the terminal.

import BookCore
import Foundation

/// The valley's paths from a start point, for a set of optimizers whose
/// learning rates can be changed.
public struct ValleyExplorer: Sendable {
    /// The valley, f(x, y).
    public let function: @Sendable (Double, Double) -> Double
    /// Its gradient, (∂f/∂x, ∂f/∂y).
    public let gradient: @Sendable (Double, Double) -> (Double, Double)
    /// The optimizers, each at its current learning rate (none has taken a step).
    public private(set) var optimizers: [any Optimizer]
    /// Where every path starts.
    public var start: (x: Double, y: Double)
    /// The updates each path takes.
    public let steps: Int
    /// The region drawn, along x.
    public let xRange: ClosedRange<Double>
    /// The region drawn, along y.
    public let yRange: ClosedRange<Double>
    /// The valley's formula, for the title (e.g. `f(x, y) = x²/20 + y²`).
    public let formula: String
    /// The optimizer the keys act on.
    public private(set) var selected = 0

    /// An explorer of `function` from `start`, `steps` updates per path.
    public init(
        function: @escaping @Sendable (Double, Double) -> Double,
        gradient: @escaping @Sendable (Double, Double) -> (Double, Double),
        optimizers: [any Optimizer], start: (x: Double, y: Double), steps: Int = 30,
        xRange: ClosedRange<Double> = -10...10, yRange: ClosedRange<Double> = -5...5, formula: String = "the valley"
    ) {
        precondition(!optimizers.isEmpty, "ValleyExplorer: no optimizer to walk")
        precondition(steps >= 1, "ValleyExplorer: steps must be at least 1, got \(steps)")
        self.function = function
        self.gradient = gradient
        self.optimizers = optimizers
        self.start = start
        self.steps = steps
        self.xRange = xRange
        self.yRange = yRange
        self.formula = formula
    }

    /// The positions (x, y) before each update and after the last one, from ``start``.
    public func path(_ index: Int) -> [(x: Double, y: Double)] {
        var optimizer = optimizers[index]
        // The point is a [1, 2] parameter, so the optimizers that train networks move it.
        let point = Parameter(name: "xy", value: Matrix(rowVector: [start.x, start.y]))  // [1, 2]
        var positions: [(x: Double, y: Double)] = [(start.x, start.y)]
        for _ in 0..<steps {
            let (dx, dy) = gradient(point.value[0, 0], point.value[0, 1])
            point.gradient = Matrix(rowVector: [dx, dy])  // [1, 2]
            optimizer.update([point])
            positions.append((point.value[0, 0], point.value[0, 1]))
        }
        return positions
    }

    /// Every optimizer's path.
    public var paths: [[(x: Double, y: Double)]] { optimizers.indices.map(path) }

    /// The valley's curvature along x and y, ∂²f/∂x² and ∂²f/∂y², from central
    /// differences of the gradient at the start (exact for a quadratic valley,
    /// whose curvature is the same everywhere).
    public var curvature: (x: Double, y: Double) {
        let step = 1e-3
        let xPlus = gradient(start.x + step, start.y).0, xMinus = gradient(start.x - step, start.y).0
        let yPlus = gradient(start.x, start.y + step).1, yMinus = gradient(start.x, start.y - step).1
        return ((xPlus - xMinus) / (2 * step), (yPlus - yMinus) / (2 * step))
    }

    /// What one step of optimizer `index` does along x and along y.
    public func factors(_ index: Int) -> (x: StepFactor, y: StepFactor) {
        let h = curvature
        return (StepFactor.of(optimizers[index], curvature: h.x), StepFactor.of(optimizers[index], curvature: h.y))
    }

    /// One line per optimizer: its name and η, what a step does along x and y,
    /// and where its path ends; the selected one is marked `>`.
    public var summary: [String] {
        let ends = paths.map { $0[$0.count - 1] }
        return optimizers.indices.map { index in
            let (x, y) = factors(index)
            let end = ends[index]
            let mark = index == selected ? ">" : " "
            let perStep =
                if case .firstStep(let distance) = x, x == y {
                    "first step moves x and y by η = \(DataTable.format(distance))"
                } else {
                    "x \(x.text)  y \(y.text)"
                }
            let name = optimizers[index].name.padding(toLength: 8, withPad: " ", startingAt: 0)
            let eta = DataTable.format(optimizers[index].learningRate).padding(toLength: 6, withPad: " ", startingAt: 0)
            return String(
                format: "%@%d %@ η %@ end (%.3f, %.3f) f %.3g   %@", mark, index + 1, name, eta, end.x, end.y,
                function(end.x, end.y), perStep)
        }
    }

    /// Makes `index` the optimizer the keys act on.
    public mutating func select(_ index: Int) {
        precondition(optimizers.indices.contains(index), "ValleyExplorer: no optimizer \(index)")
        selected = index
    }

    /// Gives optimizer `index` the learning rate `eta` (the book's defaults for
    /// everything else it has are kept). Returns false, changing nothing, for
    /// a type of optimizer it does not know or a rate that is not positive.
    @discardableResult
    public mutating func setLearningRate(_ eta: Double, of index: Int) -> Bool {
        guard eta.isFinite, eta > 0, optimizers.indices.contains(index),
            let changed = ValleyExplorer.withLearningRate(optimizers[index], eta)
        else { return false }
        optimizers[index] = changed
        return true
    }

    /// A fresh copy of `optimizer` with learning rate `eta`.
    static func withLearningRate(_ optimizer: any Optimizer, _ eta: Double) -> (any Optimizer)? {
        switch optimizer {
        case is SGD: return SGD(learningRate: eta)
        case let momentum as Momentum: return Momentum(learningRate: eta, momentum: momentum.momentum)
        case let nesterov as Nesterov: return Nesterov(learningRate: eta, momentum: nesterov.momentum)
        case is AdaGrad: return AdaGrad(learningRate: eta)
        case let rmsprop as RMSprop: return RMSprop(learningRate: eta, decayRate: rmsprop.decayRate)
        case let adam as Adam: return Adam(learningRate: eta, beta1: adam.beta1, beta2: adam.beta2)
        default: return nil
        }
    }

    /// Carries out a command; false for ``ExplorerCommand/quit``.
    ///
    /// - Returns: false to stop; a message for a command it could not carry out is in `note`.
    public mutating func apply(_ command: ExplorerCommand) -> (goOn: Bool, note: String?) {
        switch command {
        case .quit:
            return (false, nil)
        case .start(let x, let y):
            start = (x, y)
        case .select(let index):
            guard optimizers.indices.contains(index) else { return (true, "there is no optimizer \(index + 1)") }
            selected = index
        case .learningRate(let index, let eta):
            selected = index
            if !setLearningRate(eta, of: index) { return (true, "η must be a positive number, got \(eta)") }
        case .scale(let factor):
            let eta = optimizers[selected].learningRate * factor
            if !setLearningRate(eta, of: selected) { return (true, "cannot set η to \(eta)") }
        }
        return (true, nil)
    }

    /// Reads a command typed at the prompt: `-7,2` (a start point), `adam 0.5`
    /// (an optimizer's η), `2` (pick an optimizer), `+` / `-` (its η × or ÷
    /// 1.25), `q`. Names are case-insensitive.
    public func parse(_ line: String) -> Result<ExplorerCommand, ExplorerInputError> {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text == "q" || text == "quit" || text == "exit" { return .success(.quit) }
        if text == "+" { return .success(.scale(1.25)) }
        if text == "-" { return .success(.scale(1 / 1.25)) }
        if let number = Int(text) {
            guard (1...optimizers.count).contains(number) else {
                return .failure(ExplorerInputError("pick an optimizer from 1 to \(optimizers.count)"))
            }
            return .success(.select(number - 1))
        }
        let coordinates = text.split(separator: ",", omittingEmptySubsequences: false).map {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        if coordinates.count == 2 {
            guard let x = coordinates[0], let y = coordinates[1], x.isFinite, y.isFinite else {
                return .failure(ExplorerInputError("a start point is two numbers, like -7,2"))
            }
            return .success(.start(x, y))
        }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.count == 2, let index = optimizers.firstIndex(where: { $0.name.lowercased() == words[0].lowercased() }) {
            guard let eta = Double(words[1]), eta.isFinite, eta > 0 else {
                return .failure(ExplorerInputError("η must be a positive number, like \(words[0]) 0.5"))
            }
            return .success(.learningRate(index, eta))
        }
        let names = optimizers.map { $0.name.lowercased() }.joined(separator: ", ")
        return .failure(
            ExplorerInputError(
                "type a start point (-7,2), an optimizer and its η (\(names); e.g. adam 0.5), 1–\(optimizers.count), + or -, or q"))
    }
}

/// What the explorer can be told.
public enum ExplorerCommand: Sendable, Equatable {
    /// Start every path here.
    case start(Double, Double)
    /// Give optimizer `index` this learning rate (and select it).
    case learningRate(Int, Double)
    /// Make optimizer `index` the selected one.
    case select(Int)
    /// Multiply the selected optimizer's learning rate by this.
    case scale(Double)
    /// Stop.
    case quit
}

/// A line the explorer could not read, and what to type instead.
public struct ExplorerInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What to type instead.
    public let description: String
    init(_ description: String) { self.description = description }
}
