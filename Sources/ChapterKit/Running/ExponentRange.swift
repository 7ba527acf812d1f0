// ExponentRange.swift — a range of powers of ten, given on the command line.

import ArgumentParser
import BookCore
import Foundation

/// The exponents a flag such as `--lr-range -6,-2` allows: powers of ten
/// from `10^-30` to `10^30`, a span no hyperparameter search needs to leave.
public let exponentLimit: ClosedRange<Double> = -30...30

/// Reads a range of powers of ten written as `low,high`, e.g. `-6,-2` for
/// `10⁻⁶ … 10⁻²`: the exponents a log-uniform search draws from
/// (see `SeededGenerator.logUniform(exponents:)`).
///
/// Spaces around the numbers are ignored; `low == high` fixes the value at `10^low`.
///
/// - Parameters:
///   - text: What the user typed.
///   - flag: The flag's name, for the message (e.g. `--lr-range`).
/// - Returns: The exponents `low ... high`.
/// - Throws: `ValidationError` naming the flag when `text` is not two numbers
///   separated by a comma, when `low > high`, or when an exponent lies outside
///   `exponentLimit`.
public func parseExponentRange(_ text: String, flag: String) throws -> ClosedRange<Double> {
    let usage = "\(flag) takes two powers of ten as low,high (e.g. \(flag) -6,-2 for 10^-6 ... 10^-2)"
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]),
        low.isFinite, high.isFinite
    else {
        throw ValidationError("\(usage); got '\(text)'.")
    }
    guard low <= high else {
        throw ValidationError(
            "\(usage); got '\(text)', whose first exponent is larger than the second. Write \(flag) \(parts[1]),\(parts[0]).")
    }
    guard exponentLimit.contains(low) && exponentLimit.contains(high) else {
        throw ValidationError(
            "\(usage); got '\(text)', but each exponent must lie between \(Int(exponentLimit.lowerBound)) and \(Int(exponentLimit.upperBound))."
        )
    }
    return low...high
}
