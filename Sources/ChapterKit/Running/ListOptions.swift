// ListOptions.swift — flags that take a short list: optimizer names, a point.

import ArgumentParser
import BookCore

/// Reads a comma-separated list of optimizer names, e.g. `sgd,rmsprop,nesterov`.
///
/// - Throws: `ValidationError` naming the flag, the bad name and the names it takes.
public func parseOptimizerNames(_ text: String, flag: String) throws -> [OptimizerName] {
    let names = text.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
    let known = OptimizerName.allCases.map(\.rawValue).joined(separator: ", ")
    var result: [OptimizerName] = []
    for name in names {
        guard let optimizer = OptimizerName(argument: name) else {
            throw ValidationError("\(flag): '\(name)' is not an optimizer; choose from \(known), separated by commas.")
        }
        guard !result.contains(optimizer) else {
            throw ValidationError("\(flag): \(name) is named twice.")
        }
        result.append(optimizer)
    }
    return result
}

/// Reads a point written `x,y`, e.g. `-7,0.1`; each coordinate must be finite
/// and at most 1000 in size.
///
/// - Throws: `ValidationError` naming the flag when `text` is not two such numbers.
public func parsePoint(_ text: String, flag: String) throws -> (x: Double, y: Double) {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]),
        abs(x) <= 1000, abs(y) <= 1000
    else {
        throw ValidationError(
            "\(flag) takes a point as x,y with each coordinate between -1000 and 1000 (e.g. \(flag) -7,0.1); got '\(text)'.")
    }
    return (x, y)
}
