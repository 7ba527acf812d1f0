// Random.swift — seeded randomness, so that every run can be repeated.
//
// The book calls NumPy's global generator and sets no seed; its figures come
// out a little different every run. The course threads one explicit
// generator through every experiment instead: the same `--seed` gives the
// same initial weights, the same mini-batches and the same figures.

import Foundation

/// A small, fast pseudo-random generator: xoshiro256** (Blackman & Vigna 2018),
/// seeded through SplitMix64 as its authors recommend.
///
/// It passes the usual statistical test batteries, has a period of 2²⁵⁶ − 1,
/// and needs four words of state. It conforms to `RandomNumberGenerator`, but
/// the course draws through its own methods (`uniform()`, `normal()`,
/// `index(below:)`, `shuffle(_:)`), whose algorithms are fixed here and so give
/// the same numbers on every Swift version.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64
    /// The second value of the last Box–Muller pair, handed out on the next call.
    private var spareNormal: Double?

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = nextSplitMix()
        s1 = nextSplitMix()
        s2 = nextSplitMix()
        s3 = nextSplitMix()
    }

    /// An independent generator for part `stream` of an experiment seeded with `seed`.
    ///
    /// Concurrent work (one trial, one weight scale, one network) takes its own
    /// generator from `(seed, index)`, so its numbers do not depend on which
    /// other work ran first or on which core.
    public init(seed: UInt64, stream: UInt64) {
        // Mix the stream number through SplitMix64's finaliser, then seed from it.
        var z = seed ^ (stream &* 0xD1B5_4A32_D192_ED03) &+ 0x632B_E59B_D9B4_E019
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        self.init(seed: z ^ (z >> 33))
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform sample from [0, 1), with 53 random bits (every `Double` step of 2⁻⁵³).
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform sample from [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A standard normal sample, N(0, 1), by the Box–Muller transform.
    ///
    /// Each pair of uniforms gives two independent normals; the second is kept
    /// for the next call.
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let u1 = 1 - uniform()
        let u2 = uniform()
        let radius = (-2 * _log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = radius * _sin(angle)
        return radius * _cos(angle)
    }

    /// A uniform integer in `0 ..< bound`, without bias (Lemire 2019).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "SeededGenerator.index(below:): bound \(bound) must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// `count` indices drawn uniformly from `0 ..< bound`, **with replacement**:
    /// the book's `np.random.choice(train_size, batch_size)`.
    ///
    /// The same image may appear twice in one mini-batch; that is how the book
    /// samples, so the course does too.
    public mutating func choice(_ bound: Int, count: Int) -> [Int] {
        (0..<count).map { _ in index(below: bound) }
    }

    /// A random permutation of `0 ..< count` (Fisher–Yates): `np.random.permutation`.
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        shuffle(&indices)
        return indices
    }

    /// Shuffles an array in place (Fisher–Yates, from the last element down).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, index(below: i + 1))
        }
    }
}

// Foundation's functions under private names, so the generator reads cleanly.
@inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) private func _sin(_ x: Double) -> Double { Foundation.sin(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
