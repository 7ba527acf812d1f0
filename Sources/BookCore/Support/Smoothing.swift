// Smoothing.swift — the book's smoothing of noisy loss curves.

import Foundation

/// Smooths a curve as the book's `smooth_curve` does: a Kaiser window of
/// length 11 with β = 2, normalised to sum 1, slid along the values.
///
/// At the ends the book pads with reflected values: in front the 10 values
/// after the first, reversed (the first value itself is not repeated); at the
/// back the last 10 values reversed (the last value *is* repeated). The
/// padding is asymmetric, and the course keeps it so, to draw the same curves.
/// The result has as many values as the input.
///
/// - Parameter values: The raw curve (at least 11 values; shorter ones are returned as they are).
public func smoothCurve(_ values: [Double]) -> [Double] {
    let windowLength = 11
    guard values.count >= windowLength else { return values }
    let weights = kaiserWindow(length: windowLength, beta: 2)
    let total = weights.reduce(0, +)
    let normalized = weights.map { $0 / total }
    let n = values.count
    // s = x[10:0:-1] ++ x ++ x[-1:-11:-1]
    let front = (1...windowLength - 1).reversed().map { values[$0] }
    let back = (n - windowLength + 1...n - 1).reversed().map { values[$0] }
    let padded = front + values + back
    // np.convolve(w/w.sum(), s, mode='valid'); the window is symmetric, so no flip is needed.
    let convolved = (0...padded.count - windowLength).map { start in
        (0..<windowLength).reduce(0.0) { $0 + normalized[$1] * padded[start + $1] }
    }
    // y[5:len(y)-5]
    return Array(convolved[5..<convolved.count - 5])
}

/// The Kaiser window `w(n) = I₀(β·√(1 − (2n/(M−1) − 1)²)) / I₀(β)`, `n = 0 … M−1`.
public func kaiserWindow(length: Int, beta: Double) -> [Double] {
    precondition(length > 1, "kaiserWindow: length \(length) must be at least 2")
    let denominator = besselI0(beta)
    return (0..<length).map { n in
        let ratio = 2 * Double(n) / Double(length - 1) - 1
        return besselI0(beta * (1 - ratio * ratio).squareRoot()) / denominator
    }
}

/// The modified Bessel function of the first kind, order 0, by its power
/// series `Σ ((x/2)^k / k!)²` (converges quickly for the small x used here).
func besselI0(_ x: Double) -> Double {
    var sum = 1.0
    var term = 1.0
    var k = 1.0
    while term > 1e-17 * sum {
        term *= (x / (2 * k)) * (x / (2 * k))
        sum += term
        k += 1
    }
    return sum
}
