// HistogramTests.swift — the bin counts behind the activation histograms,
// against counts worked by hand and against a plain scan over the bin edges.

import Testing

@testable import BookCore

@Suite("Histogram")
struct HistogramTests {
    @Test("Counts worked by hand: bins are half-open, the last one closed")
    func handCounts() {
        // Bins of 0 … 1 in four: [0, .25) [.25, .5) [.5, .75) [.75, 1].
        let histogram = Histogram([0, 0.1, 0.25, 0.5, 0.74, 0.75, 1.0], bins: 4, range: 0...1)
        #expect(histogram.counts == [2, 1, 2, 2])
        #expect(histogram.outside == 0)
        #expect(histogram.total == 7)
        #expect(histogram.bins == 4)
        #expect(histogram.largestCount == 2)
    }

    @Test("Values outside the range, infinities and NaN are tallied as outside, in no bin")
    func outsideValues() {
        let histogram = Histogram([-0.01, 1.01, .nan, .infinity, -.infinity, 0.5], bins: 3, range: 0...1)
        #expect(histogram.counts == [0, 1, 0])
        #expect(histogram.outside == 5)
        #expect(histogram.total == 1)
    }

    @Test("Edges, centres and width of a range around zero")
    func geometry() {
        let histogram = Histogram([Double](), bins: 4, range: -1...1)
        #expect(histogram.binWidth == 0.5)
        #expect(histogram.edges == [-1, -0.5, 0, 0.5, 1])
        #expect(histogram.centers == [-0.75, -0.25, 0.25, 0.75])
        #expect(histogram.counts == [0, 0, 0, 0])
        #expect(histogram.largestCount == 0)
    }

    @Test("One bin holds everything in range, both ends included")
    func singleBin() {
        let histogram = Histogram([2, 2.5, 3, 3.5], bins: 1, range: 2...3)
        #expect(histogram.counts == [3])
        #expect(histogram.outside == 1)
    }

    @Test("30 bins of 10 000 normal samples agree with a scan over the edges")
    func agreesWithEdgeScan() {
        var generator = SeededGenerator(seed: 11)
        let values = (0..<10_000).map { _ in generator.normal() }
        let range = -2.0...2.0
        let histogram = Histogram(values, bins: 30, range: range)

        // Independently: find each value's bin by walking the edges (NumPy's rule).
        let edges = histogram.edges
        var expected = [Int](repeating: 0, count: 30)
        var expectedOutside = 0
        for value in values {
            guard value >= edges[0] && value <= edges[30] else {
                expectedOutside += 1
                continue
            }
            let bin = (0..<30).first { value < edges[$0 + 1] } ?? 29
            expected[bin] += 1
        }
        #expect(histogram.counts == expected)
        #expect(histogram.outside == expectedOutside)
        #expect(histogram.total + histogram.outside == values.count)
        // About 95.4% of a standard normal lies within ±2.
        #expect(abs(Double(histogram.total) / 10_000 - 0.954) < 0.01)
    }
}
