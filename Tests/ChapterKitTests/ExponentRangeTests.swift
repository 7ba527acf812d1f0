// ExponentRangeTests.swift — reading `--lr-range low,high`, and the messages for bad input.

import ArgumentParser
import BookCore
import Testing

@testable import ChapterKit

@Suite("parseExponentRange")
struct ExponentRangeTests {
    @Test(
        "Two numbers separated by a comma, spaces allowed",
        arguments: [("-6,-2", -6.0, -2.0), ("-8, -4", -8, -4), ("-3.5,-2", -3.5, -2), ("-2,-2", -2, -2), ("0,1", 0, 1)])
    func valid(_ text: String, _ low: Double, _ high: Double) throws {
        #expect(try parseExponentRange(text, flag: "--lr-range") == low...high)
    }

    @Test(
        "Not two numbers: the message names the flag, the expected form and the input",
        arguments: ["", "-6", "-6,-2,-1", "a,b", "-6;-2", "-6,", ",-2", "nan,1", "-inf,-2"])
    func malformed(_ text: String) {
        let error = #expect(throws: ValidationError.self) { try parseExponentRange(text, flag: "--lr-range") }
        let message = error?.message ?? ""
        #expect(message.contains("--lr-range takes two powers of ten as low,high"))
        #expect(message.contains("got '\(text)'"))
    }

    @Test("Reversed bounds: the message says so and shows the fix")
    func reversed() {
        let error = #expect(throws: ValidationError.self) { try parseExponentRange("-2,-6", flag: "--weight-decay-range") }
        #expect(error?.message.contains("first exponent is larger than the second") == true)
        #expect(error?.message.contains("--weight-decay-range -6,-2") == true)
    }

    @Test("Exponents beyond ±30 are refused", arguments: ["-31,-2", "-6,31", "-400,-300"])
    func outOfRange(_ text: String) {
        let error = #expect(throws: ValidationError.self) { try parseExponentRange(text, flag: "--lr-range") }
        #expect(error?.message.contains("between -30 and 30") == true)
    }
}
