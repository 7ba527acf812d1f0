// Random+LogUniformTests.swift — the log-uniform draw: right range, right spread over decades.

import Foundation
import Testing

@testable import BookCore

@Suite("SeededGenerator.logUniform")
struct LogUniformTests {
    @Test("Values lie in [10^low, 10^high) and their exponents are uniform")
    func distribution() {
        var generator = SeededGenerator(seed: 11)
        let count = 40_000
        let values = (0..<count).map { _ in generator.logUniform(exponents: -6 ... -2) }
        #expect(values.allSatisfy { $0 >= 1e-6 && $0 < 1e-2 })
        // Each of the four decades holds a quarter of the values: a uniform draw
        // (not log-uniform) would put 99 % of them in the top decade.
        for decade in [-6.0, -5, -4, -3] {
            let share = Double(values.filter { $0 >= pow(10, decade) && $0 < pow(10, decade + 1) }.count) / Double(count)
            // Standard error √(0.25·0.75/40000) ≈ 0.0022; allow about 5 of them.
            #expect(abs(share - 0.25) < 0.011, "decade 10^\(decade): share \(share)")
        }
        // The mean exponent is the middle of the range, −4 (standard error 1.15/√40000 ≈ 0.006).
        let meanExponent = values.map(log10).reduce(0, +) / Double(count)
        #expect(abs(meanExponent + 4) < 0.03)
    }

    @Test("It is 10^u for the generator's own uniform draw u, so the same seed gives the same values")
    func matchesUniform() {
        var a = SeededGenerator(seed: 3, stream: 7), b = SeededGenerator(seed: 3, stream: 7)
        for _ in 0..<100 {
            let value = a.logUniform(exponents: -8 ... -6)
            let exponent = b.uniform(-8, -6)
            #expect(abs(value - pow(10, exponent)) <= 1e-15 * value)
        }
    }

    @Test("A range of one exponent gives exactly that power of ten")
    func singleValue() {
        var generator = SeededGenerator(seed: 1)
        #expect(generator.logUniform(exponents: -2 ... -2) == pow(10, -2))
        #expect(generator.logUniform(exponents: 0...0) == 1)
    }
}
