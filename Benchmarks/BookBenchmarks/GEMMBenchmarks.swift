// GEMMBenchmarks.swift — the matrix products of the chapters, one shape at a time.
//
// An Affine layer [D, H] on a batch x [B, D] makes three products:
//   forward   out = x · W        [B, D]·[D, H]    (m = B, k = D, n = H)
//   backward  dW  = xᵀ · dout    [D, B]·[B, H]    (m = D, k = B, n = H)
//   backward  dx  = dout · Wᵀ    [B, H]·[H, D]    (m = B, k = H, n = D)
// The chapters' networks have D = 784 into the first layer and 100 between
// hidden layers; batches of 100 (chapters 3–6) and 128 (chapters 1–2); the
// Trainer measures accuracy in batches of 1000. Each benchmark writes into a
// matrix made beforehand, so only BLAS is timed.

import Benchmark
import BookCore

/// One product `op(a)·op(b)` of an `[m, k]·[k, n]` shape.
struct ProductShape {
    /// What the chapters compute with it, e.g. `forward x·W1`.
    var role: String
    var m: Int
    var k: Int
    var n: Int
    var transposeA = false
    var transposeB = false

    /// `[m, k]·[k, n]`, as the course writes shapes.
    var shapeText: String { "[\(m), \(k)]·[\(k), \(n)]" }
}

/// The shapes of one batch size, in the order a training step makes them.
func productShapes(batch: Int) -> [ProductShape] {
    [
        ProductShape(role: "forward x·W1", m: batch, k: 784, n: 100),
        ProductShape(role: "forward h·W", m: batch, k: 100, n: 100),
        ProductShape(role: "forward h·W_last", m: batch, k: 100, n: 10),
        ProductShape(role: "backward dW1 = xᵀ·dout", m: 784, k: batch, n: 100, transposeA: true),
        ProductShape(role: "backward dW = hᵀ·dout", m: 100, k: batch, n: 100, transposeA: true),
        ProductShape(role: "backward dx = dout·Wᵀ", m: batch, k: 100, n: 100, transposeB: true),
        ProductShape(role: "backward dx = dout·W_lastᵀ", m: batch, k: 10, n: 100, transposeB: true),
    ]
}

/// Registers one benchmark per product shape: both batch sizes on one BLAS
/// thread, the evaluation batch, the forward product on two threads (to show
/// why the course keeps BLAS on one), and the large product on one and two.
func registerGEMMBenchmarks() {
    for batch in [100, 128] {
        for shape in productShapes(batch: batch) {
            registerProduct(shape, threads: 1)
        }
    }
    registerProduct(ProductShape(role: "evaluation x·W1", m: 1000, k: 784, n: 100), threads: 1)
    registerProduct(ProductShape(role: "forward x·W1", m: 128, k: 784, n: 100), threads: 2)
    for threads in [1, 2] {
        registerProduct(
            ProductShape(role: "large", m: 2000, k: 2000, n: 2000), threads: threads,
            maxIterations: 20)
    }
}

/// The operands and the result matrix of one shape, made once per benchmark run.
final class ProductOperands {
    let a: Matrix
    let b: Matrix
    var c: Matrix

    init(_ shape: ProductShape) {
        a = shape.transposeA ? randomMatrix(shape.k, shape.m, stream: 1) : randomMatrix(shape.m, shape.k, stream: 1)
        b = shape.transposeB ? randomMatrix(shape.n, shape.k, stream: 2) : randomMatrix(shape.k, shape.n, stream: 2)
        c = Matrix(rows: shape.m, columns: shape.n)  // [m, n]
    }
}

func registerProduct(_ shape: ProductShape, threads: Int, maxIterations: Int = 10_000) {
    let name = "GEMM \(shape.role) \(shape.shapeText), \(threads) thread\(threads == 1 ? "" : "s")"
    let flops = Matrix.productFLOPs(m: shape.m, k: shape.k, n: shape.n)
    Benchmark(name, configuration: .init(maxIterations: maxIterations)) { benchmark, operands in
        BLAS.setThreads(threads)
        measure(benchmark, flops: flops) {
            Matrix.multiply(
                operands.a, operands.b, into: &operands.c,
                transposeA: shape.transposeA, transposeB: shape.transposeB)
        }
        BLAS.setThreads(1)
    } setup: {
        ProductOperands(shape)
    }
}
