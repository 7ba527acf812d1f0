// Finding.swift — what a chapter saw, as a sentence with its numbers and
// the claim it supports, checked.
//
// A chapter's last section computes its findings from the data it has just
// written and prints them. The findings tests compute the same findings from
// the data committed under figures/, so a sentence of the chapter that the
// data contradicts fails `make test`.

import Foundation

/// One observation of a chapter: a named claim, the sentence that states it
/// with the numbers measured, and whether the numbers bear it out.
///
/// Prose cites a finding by its `id` as `[finding: id]`; the findings tests
/// check that every cited id exists and holds.
public struct Finding: Sendable, CustomStringConvertible {
    /// A short stable name, `chapter.what`, e.g. `"optimizers.valley-sgd-closest"`.
    public var id: String
    /// The sentence, with the numbers it rests on.
    public var statement: String
    /// Whether the data bear the claim out.
    public var holds: Bool
    /// The numbers the statement states, each by a short name, in the order
    /// it states them: what `make seeds` collects at every seed
    /// (`seeds.txt`), so that no number is read back out of the prose.
    public var values: [NamedValue]

    /// A finding; `holds` is the claim checked against the numbers, and
    /// `values` the numbers the statement states, by name.
    public init(_ id: String, _ statement: String, holds: Bool, values: KeyValuePairs<String, Double> = [:]) {
        self.id = id
        self.statement = statement
        self.holds = holds
        self.values = values.map { NamedValue(name: $0.key, value: $0.value) }
    }

    /// A finding whose named numbers are computed (one per λ, per layer, …):
    /// `values` as (name, number) pairs in the order the statement states them.
    public init(_ id: String, _ statement: String, holds: Bool, values: [(String, Double)]) {
        self.id = id
        self.statement = statement
        self.holds = holds
        self.values = values.map { NamedValue(name: $0.0, value: $0.1) }
    }

    /// `✓ id: statement` (or `✗` when the claim does not hold).
    public var description: String { "\(holds ? "✓" : "✗") [\(id)] \(statement)" }
}

/// One number a finding states, by name (`"epoch"`, `"test at lambda=0.03"`).
public struct NamedValue: Sendable, Equatable {
    /// The name, unique within its finding; no tab or newline.
    public var name: String
    /// The number (NaN where the run gave none).
    public var value: Double

    /// A named number.
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// Whether `value` is "about" `target`, as a reader would accept: within
/// `tolerance` either side ("about 0.75" with tolerance 0.05 means 0.70 to 0.80).
public func isAbout(_ value: Double, _ target: Double, tolerance: Double) -> Bool {
    abs(value - target) <= tolerance
}

/// `value` with `digits` decimals, for a finding's sentence.
public func decimal(_ value: Double, _ digits: Int = 3) -> String {
    String(format: "%.\(digits)f", value)
}

/// Prints a chapter's findings under a heading, one per line.
///
/// - Returns: Whether every finding holds (a chapter run with other flags may
///   legitimately see otherwise; it prints, and does not fail).
@discardableResult
public func printFindings(_ findings: [Finding]) -> Bool {
    print("What we saw:")
    for finding in findings { print("  \(finding)") }
    let failing = findings.filter { !$0.holds }
    if !failing.isEmpty {
        print("  (\(failing.count) of \(findings.count) claims do not hold for this run: the story was written for the default flags.)")
    }
    return failing.isEmpty
}

extension FigureWriter {
    /// Writes the findings as `findings.txt`, one per line: `id`, `holds` or
    /// `fails`, and the statement, separated by tabs. The course site shows
    /// each cited finding's statement from this file; the findings tests
    /// check that it matches what the committed data give.
    @discardableResult
    public func write(_ findings: [Finding]) throws -> String {
        try writeText(findingsText(findings), as: "findings.txt")
    }
}

/// The text of `findings.txt` (see `FigureWriter.write(_:)`).
public func findingsText(_ findings: [Finding]) -> String {
    findings.map { "\($0.id)\t\($0.holds ? "holds" : "fails")\t\($0.statement)\n" }.joined()
}
