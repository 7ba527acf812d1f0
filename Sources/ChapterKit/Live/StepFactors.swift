// StepFactors.swift — how much one step of an optimizer shrinks a coordinate
// of a quadratic valley: the valley's linear analysis.
//
// On f = ½·h·w² (per coordinate; f = x²/20 + y² has h = 1/10 along x and
// h = 2 along y) the gradient is h·w, so the plain and the momentum methods
// are linear maps of their state:
//
//   SGD       w ← w − η·h·w                  factor 1 − η·h
//             (on the valley: x × (1 − η/10), y × (1 − 2η))
//   Momentum  v ← α·v − η·h·w;  w ← w + v    (w, v) ← M·(w, v),
//             M = [[1 − η·h, α], [−η·h, α]]
//   Nesterov  (the book's form) w ← w + α²·v − (1 + α)·η·h·w;  v ← α·v − η·h·w
//             M = [[1 − (1 + α)·η·h, α²], [−η·h, α]]
//
// The eigenvalues λ of M are the factors: the distance to the minimum is
// multiplied by |λ| per step (the largest one, in the long run). For a 2 × 2
// matrix, λ = T/2 ± √(T²/4 − D) with T the trace and D the determinant; for
// Momentum T = 1 + α − η·h and D = α, so while the roots are complex
// (T² < 4α) every one has |λ| = √α whatever η is: the walk spirals in at
// √0.9 ≈ 0.949 per step. A negative real factor is the zig-zag; |λ| > 1 diverges.
//
// AdaGrad, RMSprop and Adam divide by a running size of the gradient: not a
// linear map, so no fixed factor. Their first step is worked out instead:
// AdaGrad's h₁ = g², so it moves w by η·g/|g|; Adam's bias corrections
// cancel, m̂/√v̂ = g/|g|, so it moves w by η too. Both move each coordinate by
// η, whatever its slope.

import BookCore
import Foundation

/// A root of a real polynomial: `real ± imaginary·i`.
public struct Root: Sendable, Equatable {
    /// The real part.
    public var real: Double
    /// The imaginary part (0 for a real root).
    public var imaginary: Double
    /// `|λ|`.
    public var magnitude: Double { (real * real + imaginary * imaginary).squareRoot() }
}

/// What one step does to one coordinate of a quadratic valley.
public enum StepFactor: Sendable, Equatable {
    /// A linear map: the coordinate (with its velocity) is multiplied by these
    /// eigenvalues each step.
    case linear([Root])
    /// An adaptive method whose first step moves the coordinate by this much
    /// toward the minimum, whatever its slope.
    case firstStep(Double)
    /// No analysis for this optimizer.
    case unknown

    /// The largest `|λ|` of a linear map (the rate of convergence), if it is one.
    public var rate: Double? {
        guard case .linear(let roots) = self else { return nil }
        return roots.map(\.magnitude).max()
    }

    /// The factor of one step for `optimizer` along a coordinate of curvature `h` (f = ½·h·w²).
    public static func of(_ optimizer: any Optimizer, curvature h: Double) -> StepFactor {
        let eta = optimizer.learningRate
        switch optimizer {
        case is SGD:
            return .linear([Root(real: 1 - eta * h, imaginary: 0)])
        case let momentum as Momentum:
            let alpha = momentum.momentum
            return .linear(eigenvalues(trace: 1 - eta * h + alpha, determinant: alpha))
        case let nesterov as Nesterov:
            let alpha = nesterov.momentum
            let a = 1 - (1 + alpha) * eta * h
            return .linear(eigenvalues(trace: a + alpha, determinant: a * alpha + alpha * alpha * eta * h))
        case is AdaGrad, is Adam:
            return .firstStep(eta)
        default:
            return .unknown
        }
    }

    /// The eigenvalues of a 2 × 2 real matrix with this trace and determinant.
    public static func eigenvalues(trace: Double, determinant: Double) -> [Root] {
        let half = trace / 2
        let discriminant = half * half - determinant
        if discriminant >= 0 {
            let root = discriminant.squareRoot()
            return [Root(real: half + root, imaginary: 0), Root(real: half - root, imaginary: 0)]
        }
        let root = (-discriminant).squareRoot()
        return [Root(real: half, imaginary: root), Root(real: half, imaginary: -root)]
    }

    /// A short text: `×0.905`, `λ 0.945±0.084i |λ| 0.949`, `first step moves it by η = 0.3`.
    public var text: String {
        switch self {
        case .linear(let roots):
            if roots.count == 1 { return String(format: "×%.3f", roots[0].real) }
            if roots[0].imaginary != 0 {
                return String(format: "λ %.3f±%.3fi |λ| %.3f", roots[0].real, abs(roots[0].imaginary), roots[0].magnitude)
            }
            return String(format: "λ %.3f, %.3f", roots[0].real, roots[1].real)
        case .firstStep(let distance):
            return String(format: "first step moves it by η = %g", distance)
        case .unknown:
            return "no linear analysis"
        }
    }
}
