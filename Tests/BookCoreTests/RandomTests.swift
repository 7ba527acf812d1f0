// RandomTests.swift — the seeded generator: reproducible, and the right distributions.
//
// The statistical tests use fixed seeds, so they are deterministic; their
// tolerances are still set at 4–6 standard errors so that they test the
// distribution, not the luck of one seed.

import Foundation
import Testing

@testable import BookCore

@Suite("SeededGenerator")
struct RandomTests {
    static let sampleCount = 100_000

    @Test("The same seed gives the same sequence; another seed another")
    func reproducible() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0..<1000).map { _ in a.next() }
        let second = (0..<1000).map { _ in b.next() }
        let other = (0..<1000).map { _ in c.next() }
        #expect(first == second)
        #expect(first != other)
        #expect(Set(first).count == 1000)  // 64-bit values: no repeats in 1000 draws
    }

    @Test("The same seed gives the same normals, uniforms and indices")
    func reproducibleDerivedSamples() {
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5)
        for _ in 0..<100 {
            #expect(a.normal() == b.normal())
            #expect(a.uniform() == b.uniform())
            #expect(a.index(below: 1000) == b.index(below: 1000))
        }
    }

    @Test("Streams of one seed are reproducible and differ from each other")
    func streams() {
        var again = SeededGenerator(seed: 9, stream: 3)
        var same = SeededGenerator(seed: 9, stream: 3)
        #expect((0..<100).map { _ in again.next() } == (0..<100).map { _ in same.next() })

        // Sixteen streams of seed 9, plus seed 10's stream 0: no value shared among their first 100.
        var seen = Set<UInt64>()
        var generators = (0..<16).map { SeededGenerator(seed: 9, stream: UInt64($0)) }
        generators.append(SeededGenerator(seed: 10, stream: 0))
        for g in generators.indices {
            for _ in 0..<100 { seen.insert(generators[g].next()) }
        }
        #expect(seen.count == 17 * 100)

        // Neighbouring streams are uncorrelated: the correlation of their uniforms is near 0
        // (standard error 1/√n ≈ 0.003).
        var s0 = SeededGenerator(seed: 1, stream: 0), s1 = SeededGenerator(seed: 1, stream: 1)
        let x = (0..<Self.sampleCount).map { _ in s0.uniform() }
        let y = (0..<Self.sampleCount).map { _ in s1.uniform() }
        #expect(abs(correlation(x, y)) < 0.015)
    }

    @Test("uniform() lies in [0, 1) with mean 1/2 and variance 1/12")
    func uniform() {
        var g = SeededGenerator(seed: 1)
        let samples = (0..<Self.sampleCount).map { _ in g.uniform() }
        #expect(samples.allSatisfy { $0 >= 0 && $0 < 1 })
        let (mean, variance) = meanAndVariance(samples)
        // Standard errors: mean √(1/12/n) ≈ 0.0009, variance ≈ 0.0003.
        #expect(abs(mean - 0.5) < 0.005)
        #expect(abs(variance - 1.0 / 12) < 0.002)
        // Each tenth of [0, 1) gets a tenth of the samples (standard error 0.00095).
        var deciles = [Int](repeating: 0, count: 10)
        for u in samples { deciles[Int(u * 10)] += 1 }
        #expect(deciles.allSatisfy { abs(Double($0) / Double(Self.sampleCount) - 0.1) < 0.005 })
        #expect((0..<1000).map { _ in g.uniform(-3, 5) }.allSatisfy { $0 >= -3 && $0 < 5 })
    }

    @Test("normal() has mean 0, variance 1 and the normal's 68% within one σ")
    func normal() {
        var g = SeededGenerator(seed: 2)
        let samples = (0..<Self.sampleCount).map { _ in g.normal() }
        #expect(samples.allSatisfy { $0.isFinite })
        let (mean, variance) = meanAndVariance(samples)
        // Standard errors: mean 1/√n ≈ 0.0032, variance √(2/n) ≈ 0.0045.
        #expect(abs(mean) < 0.015)
        #expect(abs(variance - 1) < 0.02)
        // P(|z| < 1) = 0.682689; standard error ≈ 0.0015.
        let withinOne = Double(samples.filter { abs($0) < 1 }.count) / Double(Self.sampleCount)
        #expect(abs(withinOne - 0.682689) < 0.007)
        // P(z > 2) = 0.02275; standard error ≈ 0.0005.
        let aboveTwo = Double(samples.filter { $0 > 2 }.count) / Double(Self.sampleCount)
        #expect(abs(aboveTwo - 0.02275) < 0.0025)
    }

    @Test("index(below:) stays in range and is uniform (χ² test)")
    func indexBelow() {
        var g = SeededGenerator(seed: 3)
        let bound = 7
        var counts = [Int](repeating: 0, count: bound)
        for _ in 0..<70_000 {
            let i = g.index(below: bound)
            #expect(i >= 0 && i < bound)
            counts[i] += 1
        }
        let expected = 10_000.0
        let chiSquared = counts.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
        // 6 degrees of freedom: P(χ² > 27.9) = 0.0001.
        #expect(chiSquared < 27.9, "counts \(counts)")
        #expect((0..<100).allSatisfy { _ in g.index(below: 1) == 0 })
        let huge = (0..<100).map { _ in g.index(below: Int.max) }
        #expect(huge.allSatisfy { $0 >= 0 })
        #expect(huge.contains { $0 > Int.max / 2 })  // the upper half is reached
    }

    @Test("index(below: 0) traps")
    func indexBelowZeroTraps() async {
        await #expect(processExitsWith: .failure) {
            var g = SeededGenerator(seed: 1)
            _ = g.index(below: 0)
        }
    }

    @Test("choice draws with replacement, as np.random.choice(n, k)")
    func choiceWithReplacement() {
        var g = SeededGenerator(seed: 4)
        // 30 draws from 10 values must repeat some (pigeonhole): only with replacement is that possible.
        let picks = g.choice(10, count: 30)
        #expect(picks.count == 30)
        #expect(picks.allSatisfy { (0..<10).contains($0) })
        #expect(Set(picks).count < 30)
        // Every value can come up, each about equally often.
        var counts = [Int](repeating: 0, count: 3)
        for i in g.choice(3, count: 30_000) { counts[i] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 }, "counts \(counts)")  // σ ≈ 82
        #expect(g.choice(5, count: 0).isEmpty)
    }

    @Test("permutation is a permutation, and every ordering is equally likely")
    func permutation() {
        var g = SeededGenerator(seed: 5)
        let p = g.permutation(100)
        #expect(p.sorted() == Array(0..<100))
        #expect(p != Array(0..<100))
        #expect(g.permutation(0).isEmpty)
        #expect(g.permutation(1) == [0])

        // The 6 orderings of 3 items, 60 000 times: each about 10 000 (σ ≈ 91).
        var counts: [[Int]: Int] = [:]
        for _ in 0..<60_000 { counts[g.permutation(3), default: 0] += 1 }
        #expect(counts.count == 6)
        #expect(counts.values.allSatisfy { abs($0 - 10_000) < 500 }, "counts \(counts)")
    }

    @Test("shuffle keeps the elements and is reproducible")
    func shuffle() {
        var a = SeededGenerator(seed: 6), b = SeededGenerator(seed: 6)
        var x = Array("abcdefghij"), y = Array("abcdefghij")
        a.shuffle(&x)
        b.shuffle(&y)
        #expect(x == y)
        #expect(x.sorted() == Array("abcdefghij"))
        #expect(x != Array("abcdefghij"))
    }
}

/// The sample mean and the (biased) sample variance.
private func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance)
}

/// Pearson's correlation of two samples of one length.
private func correlation(_ x: [Double], _ y: [Double]) -> Double {
    let (mx, vx) = meanAndVariance(x), (my, vy) = meanAndVariance(y)
    let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / Double(x.count)
    return covariance / (vx * vy).squareRoot()
}
