// step-floor — the least time chapter 1's comparison can take on this BLAS.
//
// The optimizer comparison trains four networks (784-100-100-100-100-10,
// batches of 128); each iteration of each network runs these products:
//   forward     out = x · W         every layer, twice (the gradient's pass
//                                   and the loss recorded after the update)
//   backward    dW  = xᵀ · dout     every layer
//               dx  = dout · Wᵀ     every layer but the first
// This times each of them, with exactly those shapes and transposes, through
// BookCore's own `Matrix` on one thread (the chapters run one network per
// core with BLAS on one thread), best of a few rounds, and adds them up: the
// time one training step spends in products at this BLAS's speed for these
// small shapes. Nothing else is counted: no batch conversion, no ReLU, no
// update, no start-up. It prints one line per product and then
//
//   step-floor seconds-per-step=0.002100 networks=4 iterations=200 cores=2 seconds=0.840
//
// the time the products of the whole run take at best. The networks train
// side by side, one per core at a time, and a network is never split across
// cores, so the run takes ceil(networks / min(cores, networks)) waves of
// `iterations` steps each: with 4 networks, 2 cores take 2 waves, 3 cores
// take 2 as well, 4 or more take 1. That is a floor under the chapter's
// training time that no Swift code around the products can go below.
// scripts/bench.sh sets it beside the peer.
//
// Build and run (it is only in the package with BOOK_BENCHMARKS=1):
//   BOOK_BENCHMARKS=1 swift run -c release step-floor

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step-floor",
        abstract: "Times the matrix products of one training step of chapter 1's network, and what they cost for a whole run.")

    @Option(help: "The mini-batch size, B.")
    var batchSize = 128

    @Option(help: "Networks trained side by side, one per core at a time (the comparison's four optimizers).")
    var networks = 4

    @Option(help: "Training steps of each network (the peer: 200).")
    var iterations = 200

    @Option(help: "Timed rounds per product; the fastest counts.")
    var repeats = 5

    func validate() throws {
        try validatePositive(batchSize, flag: "--batch-size")
        try validatePositive(networks, flag: "--networks")
        try validatePositive(iterations, flag: "--iterations")
        try validatePositive(repeats, flag: "--repeats")
        BLAS.useBestKernel()
    }
}

let options = Options.parseOrExit()
let cores = ProcessInfo.processInfo.activeProcessorCount
BLAS.setThreads(1)
print("step-floor blas=\(BLAS.description)")

/// One product of the step: its name, how many times a step runs it, its FLOPs, and the product itself.
struct Product {
    let name: String
    let callsPerStep: Int
    let flops: Double
    let run: () -> Double
}

let widths = [784, 100, 100, 100, 100, 10]  // D, the four hidden widths, C
let batchSize = options.batchSize
var generator = SeededGenerator(seed: 1)
var products: [Product] = []
for layer in 1..<widths.count {
    let inputs = widths[layer - 1], outputs = widths[layer]
    let x = Matrix.randomNormal(batchSize, inputs, standardDeviation: 1, using: &generator)  // [B, in]
    let w = Matrix.randomNormal(inputs, outputs, standardDeviation: 1, using: &generator)  // [in, out]
    let dout = Matrix.randomNormal(batchSize, outputs, standardDeviation: 1, using: &generator)  // [B, out]
    let flops = Matrix.productFLOPs(m: batchSize, k: inputs, n: outputs)
    products.append(
        Product(name: "x·W\(layer)=[\(batchSize),\(inputs)]·[\(inputs),\(outputs)]", callsPerStep: 2, flops: flops) {
            Matrix.product(x, w)[0, 0]
        })
    var dw = Matrix(rows: inputs, columns: outputs)  // [in, out], written in place as Affine's gradient is
    products.append(
        Product(name: "xᵀ·dout\(layer)=[\(inputs),\(batchSize)]·[\(batchSize),\(outputs)]", callsPerStep: 1, flops: flops) {
            Matrix.multiply(x, dout, into: &dw, transposeA: true)
            return dw[0, 0]
        })
    if layer > 1 {
        products.append(
            Product(name: "dout·W\(layer)ᵀ=[\(batchSize),\(outputs)]·[\(outputs),\(inputs)]", callsPerStep: 1, flops: flops) {
                Matrix.product(dout, w, transposeB: true)[0, 0]
            })
    }
}

var secondsPerStep = 0.0
var checksum = 0.0
for product in products {
    // Enough calls per round for about 20 ms, after a warm-up round.
    var calls = 1
    while true {
        let started = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<calls { checksum += product.run() }
        if Double(DispatchTime.now().uptimeNanoseconds - started) > 20e6 || calls >= 1 << 20 { break }
        calls *= 2
    }
    var best = Double.infinity
    for _ in 0..<options.repeats {
        let started = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<calls { checksum += product.run() }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 / Double(calls))
    }
    secondsPerStep += best * Double(product.callsPerStep)
    print(
        String(
            format: "step-floor product=%@ calls-per-step=%d microseconds=%.1f gflops=%.2f",
            product.name, product.callsPerStep, best * 1e6, product.flops / best / 1e9))
}
// The checksum keeps the products from being optimised away; it is never NaN for these inputs.
precondition(checksum.isFinite, "step-floor: a product is not finite")
// One network per core at a time, never split: the run takes as many waves as it takes to train them all.
let waves = (options.networks + min(cores, options.networks) - 1) / min(cores, options.networks)
let seconds = Double(waves * options.iterations) * secondsPerStep
print(
    String(
        format: "step-floor seconds-per-step=%.6f networks=%d iterations=%d cores=%d seconds=%.3f",
        secondsPerStep, options.networks, options.iterations, cores, seconds))
