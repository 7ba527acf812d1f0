// NumericalGradient.swift — gradients by finite differences, to check backprop against.

/// The numerical gradient of `f` with respect to one parameter, by central
/// differences: `∂f/∂pᵢ ≈ (f(p + h·eᵢ) − f(p − h·eᵢ)) / 2h`, element by element.
///
/// Slow — two evaluations of `f` per element — but independent of any
/// backward pass, which is what makes it a check. The book uses `h = 1e-4`:
/// small enough for a small truncation error (of order h²), large enough that
/// rounding does not swamp the difference.
///
/// - Parameters:
///   - f: The loss as a function of the network's current parameters.
///   - parameter: The parameter to differentiate; it is restored afterwards.
///   - h: The step (1e-4 by default, as the book).
/// - Returns: The gradient, shaped like `parameter.value`.
public func numericalGradient(of f: () -> Double, at parameter: Parameter, h: Double = 1e-4) -> Matrix {
    var gradient = Matrix(rows: parameter.value.rows, columns: parameter.value.columns)
    for i in 0..<parameter.value.count {
        let original = parameter.value.elements[i]
        parameter.value.elements[i] = original + h
        let fPlus = f()
        parameter.value.elements[i] = original - h
        let fMinus = f()
        parameter.value.elements[i] = original
        gradient.elements[i] = (fPlus - fMinus) / (2 * h)
    }
    return gradient
}

/// The largest relative error between two gradients:
/// `maxᵢ |aᵢ − bᵢ| / max(|aᵢ| + |bᵢ|, floor)`.
///
/// The floor keeps elements whose true gradient is zero (or nearly) from
/// producing huge ratios out of rounding noise.
public func maxRelativeError(_ a: Matrix, _ b: Matrix, floor: Double = 1e-8) -> Double {
    a.checkSameShape(b, "maxRelativeError")
    var worst = 0.0
    for i in 0..<a.count {
        let difference = abs(a.elements[i] - b.elements[i])
        let scale = Swift.max(abs(a.elements[i]) + abs(b.elements[i]), floor)
        worst = Swift.max(worst, difference / scale)
    }
    return worst
}

extension Network {
    /// The numerical gradient of the training-mode loss for every parameter,
    /// in `parameters` order: the book's `numerical_gradient(x, t)`.
    public func numericalGradients(_ x: Matrix, labels: [Int], h: Double = 1e-4) -> [Matrix] {
        parameters.map { parameter in
            numericalGradient(of: { self.loss(x, labels: labels, training: true) }, at: parameter, h: h)
        }
    }

    /// Compares backpropagation with the numerical gradient, parameter by
    /// parameter: the book's `gradient_check`.
    ///
    /// - Returns: Each parameter's name and the largest relative error of its gradient.
    public func gradientCheck(_ x: Matrix, labels: [Int], h: Double = 1e-4) -> [(name: String, error: Double)] {
        let numerical = numericalGradients(x, labels: labels, h: h)
        gradient(x, labels: labels)
        return zip(parameters, numerical).map { parameter, numerical in
            (parameter.name, maxRelativeError(parameter.gradient, numerical))
        }
    }
}
