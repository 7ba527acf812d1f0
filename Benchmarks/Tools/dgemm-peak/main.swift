// dgemm-peak — how fast this machine multiplies large matrices.
//
// The chapters report the GFLOP/s of their matrix products; this is the limit
// to compare them with. It times C = A·B for two n×n matrices (n = 2000 by
// default: large enough that BLAS runs at full speed) through BookCore's own
// `Matrix.product`, on 1 thread and on every core, and prints one line each:
//
//   dgemm-peak threads=1 size=2000 seconds=0.421 gflops=38.02
//
// and first a line naming the library and the kernel that ran them:
//
//   dgemm-peak blas=OpenBLAS 0.3.21, kernel Haswell
//
// scripts/bench.sh reads those lines. The best of a few runs is reported,
// after one warm-up run: the peak, not the average, is the limit. Like every
// chapter, it runs on the best kernel the CPU supports (BLAS.useBestKernel),
// so the limit is the best kernel's, not a fallback's.
//
// Build and run (it is only in the package with BOOK_BENCHMARKS=1):
//   BOOK_BENCHMARKS=1 swift run -c release dgemm-peak

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dgemm-peak",
        abstract: "Measures the machine's large-DGEMM GFLOP/s on 1 thread and on every core.")

    @Option(help: "The matrices are size × size.")
    var size = 2000

    @Option(help: "Timed runs per thread count; the fastest counts.")
    var repeats = 3

    @Option(help: "Thread counts to measure (default: 1 and the number of cores).")
    var threads: [Int] = []

    func validate() throws {
        try validatePositive(size, flag: "--size")
        try validatePositive(repeats, flag: "--repeats")
        for count in threads { try validatePositive(count, flag: "--threads") }
        BLAS.useBestKernel()
    }
}

let options = Options.parseOrExit()
let cores = ProcessInfo.processInfo.activeProcessorCount
let threadCounts = options.threads.isEmpty ? Array(Set([1, cores])).sorted() : options.threads

print("dgemm-peak blas=\(BLAS.description)")

var generator = SeededGenerator(seed: 1)
let a = Matrix.randomNormal(options.size, options.size, standardDeviation: 1, using: &generator)  // [n, n]
let b = Matrix.randomNormal(options.size, options.size, standardDeviation: 1, using: &generator)  // [n, n]
let flops = Matrix.productFLOPs(m: options.size, k: options.size, n: options.size)

for count in threadCounts {
    BLAS.setThreads(count)
    var checksum = Matrix.product(a, b)[0, 0]  // warm-up: threads started, pages touched
    var best = Double.infinity
    for _ in 0..<options.repeats {
        let started = DispatchTime.now().uptimeNanoseconds
        let c = Matrix.product(a, b)  // [n, n]
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        checksum += c[0, 0]
        best = min(best, seconds)
    }
    // The checksum keeps the products from being optimised away; it is never NaN for these inputs.
    precondition(checksum.isFinite, "dgemm-peak: the product is not finite")
    print(
        String(
            format: "dgemm-peak threads=%d size=%d seconds=%.3f gflops=%.2f",
            count, options.size, best, flops / best / 1e9))
}
