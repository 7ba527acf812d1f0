// TestSupport.swift — small helpers shared by the BookCore tests.

import Foundation
import Testing

@testable import BookCore

/// Whether `a` and `b` agree to within `tolerance`, relative to the larger of
/// their magnitudes (and absolutely below magnitude 1).
func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * Swift.max(1, abs(a), abs(b))
}

/// The largest element-wise difference `|a − b|` of two matrices of one shape.
func maxAbsoluteDifference(_ a: Matrix, _ b: Matrix) -> Double {
    #expect(a.rows == b.rows && a.columns == b.columns, "shapes \(a.shapeDescription) and \(b.shapeDescription) differ")
    return Swift.zip(a.elements, b.elements).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) }
}

/// `Σ a ⊙ b`, the scalar loss the layer tests wrap each layer's output in.
func weightedSum(_ a: Matrix, _ b: Matrix) -> Double {
    Swift.zip(a.elements, b.elements).reduce(0) { $0 + $1.0 * $1.1 }
}

/// The relative errors of a layer's backward pass against central differences.
struct LayerGradientErrors {
    /// `maxRelativeError(dx, numerical dx)`.
    var input: Double
    /// The same for each parameter, by name.
    var parameters: [String: Double]

    /// The worst of all of them.
    var worst: Double { ([input] + parameters.values).max()! }
}

/// Checks a layer's backward pass on the scalar loss `L = Σ forward(x) ⊙ R`
/// for a fixed random `R`: then `∂L/∂out = R`, so `backward(R)` must equal the
/// numerical gradient of `L` with respect to the input and to every parameter.
func layerGradientErrors(_ layer: any Layer, input x: Matrix, seed: UInt64 = 7) -> LayerGradientErrors {
    var generator = SeededGenerator(seed: seed)
    let probe = layer.forward(x, training: true)
    let weights = Matrix.randomNormal(probe.rows, probe.columns, using: &generator)  // R, [B, out]

    // Numerical gradients first: each evaluation runs a forward pass.
    let input = Parameter(name: "x", value: x)
    let loss = { weightedSum(layer.forward(input.value, training: true), weights) }
    let numericalInput = numericalGradient(of: loss, at: input)
    let numericalParameters = layer.parameters.map { numericalGradient(of: loss, at: $0) }

    // Then one forward and backward pass from the original input.
    _ = layer.forward(x, training: true)
    let dx = layer.backward(weights)
    var errors = LayerGradientErrors(input: maxRelativeError(dx, numericalInput), parameters: [:])
    for (parameter, numerical) in Swift.zip(layer.parameters, numericalParameters) {
        errors.parameters[parameter.name] = maxRelativeError(parameter.gradient, numerical)
    }
    return errors
}

/// A fresh, empty temporary folder for one test.
func makeTemporaryDirectory(_ name: String = #function) throws -> String {
    let cleaned = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "bookcore-test-\(cleaned)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `path/name`.
func join(_ folder: String, _ name: String) -> String {
    (folder as NSString).appendingPathComponent(name)
}

/// Writes bytes to a file.
func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
