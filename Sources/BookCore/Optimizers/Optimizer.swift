// Optimizer.swift — what every optimizer is.

/// A rule that changes parameters against their gradients.
///
/// Each optimizer keeps its state (velocities, squared-gradient sums) per
/// parameter, by position: the `i`-th state belongs to `parameters[i]`, so
/// pass the same list, in the same order, on every call. The state is created
/// as zeros on the first call, as the book's optimizers create it lazily.
///
/// The update happens in place on each `Parameter.value`, which the layers
/// share; nothing has to be copied back into the network.
public protocol Optimizer: Sendable {
    /// The name the book uses for it (`SGD`, `Momentum`, `AdaGrad`, `Adam`, …).
    var name: String { get }
    /// The step size.
    var learningRate: Double { get }
    /// Takes one step: changes each parameter's `value` using its `gradient`.
    mutating func update(_ parameters: [Parameter])
}

extension Optimizer {
    /// One zero matrix per parameter, shaped like it: the lazily created state.
    static func zeroState(like parameters: [Parameter]) -> [Matrix] {
        parameters.map { Matrix(rows: $0.value.rows, columns: $0.value.columns) }
    }
}

/// Runs `body` over the value, gradient and one state buffer of each parameter,
/// as raw element pointers. The optimizers' inner loops are written with it so
/// that an update touches each element once, without temporary matrices.
@inline(__always)
func forEachParameter(
    _ parameters: [Parameter], _ state: inout [Matrix],
    _ body: (
        UnsafeMutableBufferPointer<Double>, UnsafeBufferPointer<Double>,
        UnsafeMutableBufferPointer<Double>
    ) -> Void
) {
    precondition(
        state.count == parameters.count,
        "Optimizer: \(parameters.count) parameters but state for \(state.count); pass the same list every call")
    for (i, parameter) in parameters.enumerated() {
        parameter.value.checkSameShape(state[i], "Optimizer state of \(parameter.name)")
        parameter.gradient.elements.withUnsafeBufferPointer { g in
            parameter.value.elements.withUnsafeMutableBufferPointer { p in
                state[i].elements.withUnsafeMutableBufferPointer { s in
                    body(p, g, s)
                }
            }
        }
    }
}

/// The same with two state buffers per parameter (Adam's `m` and `v`), so
/// that an update with two running averages also touches each element once.
@inline(__always)
func forEachParameter(
    _ parameters: [Parameter], _ first: inout [Matrix], _ second: inout [Matrix],
    _ body: (
        UnsafeMutableBufferPointer<Double>, UnsafeBufferPointer<Double>,
        UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
    ) -> Void
) {
    precondition(
        second.count == parameters.count,
        "Optimizer: \(parameters.count) parameters but state for \(second.count); pass the same list every call")
    for (parameter, state) in zip(parameters, second) {
        parameter.value.checkSameShape(state, "Optimizer state of \(parameter.name)")
    }
    // The one-state walk visits the parameters in order; `index` follows it.
    var index = 0
    forEachParameter(parameters, &first) { p, g, s in
        second[index].elements.withUnsafeMutableBufferPointer { t in body(p, g, s, t) }
        index += 1
    }
}
