// Histogram.swift — counting values into equal-width bins, for the
// activation histograms of the weight-init chapter.
//
// The book draws its histograms with matplotlib's `plt.hist(values, 30,
// range=(0, 1))`, which counts with `numpy.histogram`. The course counts in
// Swift with the same rule and hands gnuplot only the counts.

/// Counts of values in equal-width bins over a closed range: `numpy.histogram(values, bins, range)`.
///
/// With `bins = n` over `[low, high]` the bin width is `w = (high − low)/n`
/// and bin `k` (0-based) holds the values `v` with
///
///     low + k·w ≤ v < low + (k+1)·w      (k < n − 1)
///     low + k·w ≤ v ≤ high               (k = n − 1: the last bin is closed)
///
/// so a value equal to `high` is counted in the last bin, as NumPy does.
/// Values outside the range, and `NaN`, are not counted in any bin; they are
/// tallied in `outside`.
///
/// ```swift
/// let histogram = Histogram([0.1, 0.2, 0.7, 1.0, 3.0], bins: 2, range: 0 ... 1)
/// histogram.counts      // [2, 2]
/// histogram.outside     // 1
/// ```
public struct Histogram: Sendable, Equatable {
    /// The range the bins cover, `[low, high]`.
    public let range: ClosedRange<Double>
    /// How many values fell in each bin; `counts.count` is the number of bins.
    public let counts: [Int]
    /// How many values lay outside `range` (or were `NaN`) and were not counted.
    public let outside: Int

    /// Counts `values` into `bins` equal bins over `range`.
    ///
    /// - Parameters:
    ///   - values: The numbers to count, e.g. every element of a `[N, H]` activation matrix.
    ///   - bins: The number of bins, at least 1 (the book uses 30).
    ///   - range: The range the bins cover; it must have positive width.
    /// - Precondition: `bins ≥ 1` and `range.upperBound > range.lowerBound`, both finite.
    public init<Values: Sequence<Double>>(_ values: Values, bins: Int, range: ClosedRange<Double>) {
        precondition(bins >= 1, "Histogram: \(bins) bins; at least 1 is needed")
        precondition(
            range.lowerBound.isFinite && range.upperBound.isFinite && range.upperBound > range.lowerBound,
            "Histogram: the range \(range) must be finite and of positive width")
        let low = range.lowerBound, width = range.upperBound - range.lowerBound
        var counts = [Int](repeating: 0, count: bins)
        var outside = 0
        for value in values {
            // `contains` is false for NaN, so NaN lands here too.
            guard range.contains(value) else {
                outside += 1
                continue
            }
            // The fraction of the way through the range, times the bin count,
            // rounded down; `high` itself (and any rounding past the last
            // edge) goes to the last bin.
            let position = (value - low) / width * Double(bins)
            counts[Swift.min(Int(position), bins - 1)] += 1
        }
        self.range = range
        self.counts = counts
        self.outside = outside
    }

    /// The number of bins.
    public var bins: Int { counts.count }

    /// The width of every bin, `(high − low) / bins`.
    public var binWidth: Double { (range.upperBound - range.lowerBound) / Double(bins) }

    /// The `bins + 1` bin edges, `low + k·w` for `k = 0 … bins` (the last is exactly `high`).
    public var edges: [Double] {
        (0...bins).map { $0 == bins ? range.upperBound : range.lowerBound + Double($0) * binWidth }
    }

    /// The middle of each bin, `low + (k + ½)·w`: where gnuplot centres a box.
    public var centers: [Double] {
        (0..<bins).map { range.lowerBound + (Double($0) + 0.5) * binWidth }
    }

    /// The number of values counted in some bin (those inside the range).
    public var total: Int { counts.reduce(0, +) }

    /// The largest count of any bin: the height a shared y axis must reach.
    public var largestCount: Int { counts.max() ?? 0 }
}
