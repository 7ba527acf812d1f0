// Matrix+BLASTests.swift — BLAS products against a plain triple loop.

import Testing

@testable import BookCore

/// `op(a) · op(b)` by the definition — the reference BLAS is checked against —
/// together with `Σₖ |op(a)ᵢₖ · op(b)ₖⱼ|` for each element: the scale the
/// rounding error of any summation order is proportional to.
private func referenceProduct(
    _ a: Matrix, _ b: Matrix,
    transposeA: Bool, transposeB: Bool
) -> (value: Matrix, scale: Matrix) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    // op(a)[i, p] and op(b)[p, j] as flat offsets: (row stride, column stride).
    let (aRow, aColumn) = transposeA ? (1, a.columns) : (a.columns, 1)
    let (bRow, bColumn) = transposeB ? (1, b.columns) : (b.columns, 1)
    var value = [Double](repeating: 0, count: m * n)  // [m, n]
    var scale = [Double](repeating: 0, count: m * n)  // [m, n]
    let x = a.elements, y = b.elements
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0, magnitude = 0.0
            for p in 0..<k {
                let term = x[i * aRow + p * aColumn] * y[p * bRow + j * bColumn]
                sum += term
                magnitude += abs(term)
            }
            value[i * n + j] = sum
            scale[i * n + j] = magnitude
        }
    }
    return (Matrix(rows: m, columns: n, elements: value), Matrix(rows: m, columns: n, elements: scale))
}

/// `alpha · product + beta · c`, with its error scale `|alpha|·scale + |beta·c|`.
private func combine(
    _ product: (value: Matrix, scale: Matrix), alpha: Double, beta: Double,
    c: Matrix
) -> (value: Matrix, scale: Matrix) {
    (alpha * product.value + beta * c, abs(alpha) * product.scale + c.map { abs(beta * $0) })
}

/// The largest `|x − reference| / scale` over the elements.
private func worstRelativeError(_ x: Matrix, _ reference: (value: Matrix, scale: Matrix)) -> Double {
    var worst = 0.0
    for i in 0..<x.count {
        let scale = Swift.max(reference.scale.elements[i], .leastNormalMagnitude)
        worst = Swift.max(worst, abs(x.elements[i] - reference.value.elements[i]) / scale)
    }
    return worst
}

@Suite("Matrix products through BLAS")
struct MatrixBLASTests {
    /// (m, k, n): small odd shapes, degenerate ones, and the chapters' products
    /// `[128, 784]·[784, 100]`, `[128, 100]·[100, 100]`, `[128, 100]·[100, 10]`.
    static let shapes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1), (3, 5, 2), (7, 1, 4), (1, 9, 6), (13, 11, 1),
        (128, 784, 100), (128, 100, 100), (128, 100, 10), (100, 128, 784),
    ]

    static let transposes: [(a: Bool, b: Bool)] = [(false, false), (true, false), (false, true), (true, true)]

    @Test(
        "product and multiply(into:) equal the triple loop to 1e-12 relative, for every transpose",
        arguments: transposes)
    func againstTripleLoop(_ transpose: (a: Bool, b: Bool)) {
        var generator = SeededGenerator(seed: 11)
        for (m, k, n) in Self.shapes {
            // op(a) is [m, k] and op(b) is [k, n], so a and b are stored transposed when asked.
            let a =
                transpose.a
                ? Matrix.randomNormal(k, m, using: &generator)
                : Matrix.randomNormal(m, k, using: &generator)
            let b =
                transpose.b
                ? Matrix.randomNormal(n, k, using: &generator)
                : Matrix.randomNormal(k, n, using: &generator)
            let c = Matrix.randomNormal(m, n, using: &generator)

            let plain = Matrix.product(a, b, transposeA: transpose.a, transposeB: transpose.b)  // [m, n]
            let reference = referenceProduct(a, b, transposeA: transpose.a, transposeB: transpose.b)
            #expect(plain.rows == m && plain.columns == n)
            #expect(
                worstRelativeError(plain, reference) <= 1e-12,
                "product [\(m), \(k)]·[\(k), \(n)], transposes \(transpose)")

            for (alpha, beta) in [(0.7, -1.3), (-2.0, 1.0), (1.0, 0.0)] {
                var result = c  // [m, n]
                Matrix.multiply(
                    a, b, into: &result, transposeA: transpose.a, transposeB: transpose.b,
                    alpha: alpha, beta: beta)
                #expect(
                    worstRelativeError(result, combine(reference, alpha: alpha, beta: beta, c: c)) <= 1e-12,
                    "multiply [\(m), \(k)]·[\(k), \(n)], transposes \(transpose), α \(alpha), β \(beta)")
            }
        }
    }

    @Test("A small product worked by hand")
    func byHand() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])  // [2, 3]
        let b = Matrix([[7, 8], [9, 10], [11, 12]])  // [3, 2]
        #expect(Matrix.product(a, b).elements == [58, 64, 139, 154])
        // aᵀ·a is [3, 3] and symmetric.
        #expect(Matrix.product(a, a, transposeA: true).elements == [17, 22, 27, 22, 29, 36, 27, 36, 45])
        // a·aᵀ is [2, 2].
        #expect(Matrix.product(a, a, transposeB: true).elements == [14, 32, 32, 77])
    }

    @Test("beta = 0 ignores what was in c, even NaN")
    func betaZeroIgnoresOldContents() {
        let a = Matrix([[1, 2]]), b = Matrix([[3], [4]])
        var c = Matrix(rows: 1, columns: 1, repeating: .nan)
        Matrix.multiply(a, b, into: &c)
        #expect(c.elements == [11])
    }

    @Test("An empty inner dimension gives zeros (times beta for multiply)")
    func emptyInnerDimension() {
        let a = Matrix(rows: 3, columns: 0), b = Matrix(rows: 0, columns: 2)
        #expect(Matrix.product(a, b) == Matrix(rows: 3, columns: 2))
        var c = Matrix(rows: 3, columns: 2, repeating: 4)
        Matrix.multiply(a, b, into: &c, beta: 0.5)
        #expect(c.elements == [Double](repeating: 2, count: 6))
    }

    @Test("Inner dimensions that differ trap with both shapes in the message")
    func innerMismatchTraps() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Matrix.product(Matrix(rows: 2, columns: 3), Matrix(rows: 4, columns: 5))
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("[2, 3]") && message.contains("[4, 5]"))
    }

    @Test("A result matrix of the wrong shape traps")
    func wrongResultShapeTraps() async {
        await #expect(processExitsWith: .failure) {
            var c = Matrix(rows: 2, columns: 2)
            Matrix.multiply(Matrix(rows: 2, columns: 3), Matrix(rows: 3, columns: 4), into: &c)
        }
    }

    @Test("productFLOPs counts 2·m·k·n")
    func flops() {
        #expect(Matrix.productFLOPs(m: 128, k: 784, n: 100) == 2 * 128 * 784 * 100)
    }
}
