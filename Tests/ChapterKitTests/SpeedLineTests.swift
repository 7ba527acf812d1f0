// SpeedLineTests.swift — the speed line that `make bench` reads.

import ChapterKit
import Testing

@Suite("productSpeed")
struct SpeedLineTests {
    @Test("GFLOP and GFLOP/s, one decimal each")
    func format() {
        #expect(productSpeed(flops: 3e11, seconds: 4) == "300.0 GFLOP in matrix products, 75.0 GFLOP/s")
    }
}
