// SmoothingTests.swift — the book's smooth_curve: Kaiser window 11, β = 2, asymmetric padding.

import Testing

@testable import BookCore

/// The book's normalised window, NumPy's np.kaiser(11, 2) divided by its sum, to 8 digits.
private let bookWeights = [
    0.05244517, 0.07309418, 0.09177804, 0.1066608, 0.11624519, 0.11955325,
    0.11624519, 0.1066608, 0.09177804, 0.07309418, 0.05244517,
]

@Suite("smoothCurve")
struct SmoothingTests {
    @Test("The normalised Kaiser window (11, β = 2) is the book's, to 1e-8")
    func kaiserWeights() {
        let window = kaiserWindow(length: 11, beta: 2)
        let total = window.reduce(0, +)
        for (w, expected) in zip(window.map { $0 / total }, bookWeights) {
            #expect(abs(w - expected) <= 1e-8, "\(w) vs \(expected)")
        }
        #expect(window[5] == 1)  // I₀(β)/I₀(β) at the centre
        #expect(isClose(besselI0(0), 1, tolerance: 1e-16))
        #expect(isClose(besselI0(2), 2.2795853023360673, tolerance: 1e-15))  // I₀(2)
    }

    @Test("The length is preserved, and a constant stays constant")
    func lengthAndConstant() {
        for n in [11, 12, 50, 2000] {
            let smoothed = smoothCurve([Double](repeating: 2.5, count: n))
            #expect(smoothed.count == n)
            #expect(smoothed.allSatisfy { abs($0 - 2.5) < 1e-14 })
        }
        // Fewer than 11 values come back as they are.
        #expect(smoothCurve([3, 1, 2]) == [3, 1, 2])
    }

    @Test("At the ends: reflection without the edge in front, with the edge repeated at the back")
    func asymmetricEdges() {
        // The ramp 0, 1, …, 14. With weights w₀…w₁₀ (w₅ the centre, wᵢ = w₁₀₋ᵢ):
        // Front: the window around x₀ sees x₅ x₄ x₃ x₂ x₁ x₀ x₁ x₂ x₃ x₄ x₅, so
        //   y₀ = 2·(5w₀ + 4w₁ + 3w₂ + 2w₃ + w₄) = 2.31900696.
        // Back: the window around x₁₄ sees x₉ … x₁₃ x₁₄ x₁₄ x₁₃ x₁₂ x₁₁ x₁₀ (x₁₄ repeated), so
        //   y₁₄ = 14 − (9w₀ + 7w₁ + 5w₂ + 3w₃ + w₄) = 14 − 1.87878358 = 12.12121642.
        // A symmetric padding would give 14 − 2.31900696 at the back instead.
        let w = bookWeights
        let y = smoothCurve((0..<15).map(Double.init))
        let front = 2 * (5 * w[0] + 4 * w[1] + 3 * w[2] + 2 * w[3] + w[4])
        let back = 14 - (9 * w[0] + 7 * w[1] + 5 * w[2] + 3 * w[3] + w[4])
        #expect(abs(y[0] - front) < 2e-7)  // the weights carry 8 digits
        #expect(abs(y[14] - back) < 2e-7)
        #expect(abs(y[0] - 2.31900698) < 1e-8)  // numpy: smooth_curve(arange(15))
        #expect(abs(y[14] - 12.1212164) < 1e-7)
        // Far from the ends a symmetric window leaves a straight line unchanged.
        for i in 5...9 { #expect(abs(y[i] - Double(i)) < 1e-12) }
    }

    @Test("A noisy curve matches the book's smooth_curve (numpy) to 1e-8")
    func matchesNumpy() {
        let x: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4]
        let expected = [
            3.30294751, 3.07065152, 3.28745143, 3.67492391, 3.83716329, 4.17426157,
            4.5463586, 5.06838063, 5.39370507, 5.92766051, 5.99620702, 5.80298742,
            5.84724223, 5.86535346, 5.73859885, 5.61332815, 5.54871672, 5.18660648,
            4.76880223, 4.50012717,
        ]
        for (value, reference) in zip(smoothCurve(x), expected) {
            #expect(abs(value - reference) < 1e-8)
        }
    }
}
