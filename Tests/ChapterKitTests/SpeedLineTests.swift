// SpeedLineTests.swift — the speed line that `make bench` reads.

import BookCore
import ChapterKit
import Testing

@Suite("productSpeed")
struct SpeedLineTests {
    @Test("GFLOP and GFLOP/s, one decimal each")
    func format() {
        #expect(
            productSpeed(flops: 3e11, seconds: 4, blas: "OpenBLAS 0.3.21, kernel Zen")
                == "300.0 GFLOP in matrix products, 75.0 GFLOP/s (OpenBLAS 0.3.21, kernel Zen)")
    }

    @Test("names the BLAS kernel that ran the products")
    func namesKernel() {
        #expect(productSpeed(flops: 1e9, seconds: 1).hasSuffix("(\(BLAS.description))"))
    }
}
