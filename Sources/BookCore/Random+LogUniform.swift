// Random+LogUniform.swift — drawing a hyperparameter on a log scale.

import Foundation

extension SeededGenerator {
    /// A log-uniform sample: `10^u` with `u ~ U(low, high)`, the book's
    /// `10 ** np.random.uniform(low, high)` for a learning rate or a weight decay.
    ///
    /// Good values of such hyperparameters span orders of magnitude, so the
    /// exponent is drawn uniformly: each decade, 10⁻³ … 10⁻² as much as
    /// 10⁻⁶ … 10⁻⁵, gets the same share of the trials. With
    /// `low == high` the result is exactly `10^low`.
    ///
    /// - Parameter exponents: The range `low ... high` of the power of ten.
    /// - Returns: A value in `[10^low, 10^high)` (or `10^low` for an empty-width range).
    /// - Precondition: Both exponents are finite.
    public mutating func logUniform(exponents: ClosedRange<Double>) -> Double {
        precondition(
            exponents.lowerBound.isFinite && exponents.upperBound.isFinite,
            "SeededGenerator.logUniform: exponents \(exponents) must be finite")
        return pow(10, uniform(exponents.lowerBound, exponents.upperBound))
    }
}
