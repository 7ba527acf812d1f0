// Matrix+BLAS.swift — matrix products, through the machine's BLAS.
//
// Nearly all the time of training goes into three products per Affine layer:
//   forward   out = x · W        [B, D] · [D, H] -> [B, H]
//   backward  dW  = xᵀ · dout    [D, B] · [B, H] -> [D, H]
//   backward  dx  = dout · Wᵀ    [B, H] · [H, D] -> [B, D]
// They all go to `cblas_dgemm`, which computes C = alpha·op(A)·op(B) + beta·C
// with op either the identity or the transpose — so no transpose is ever
// materialised. OpenBLAS does this on Linux, Accelerate on macOS.

#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

extension Matrix {
    /// The matrix product `op(a) · op(b)`, where `op` transposes when asked.
    ///
    /// - Parameters:
    ///   - a: Left factor `[m, k]` (or `[k, m]` with `transposeA`).
    ///   - b: Right factor `[k, n]` (or `[n, k]` with `transposeB`).
    ///   - transposeA: Use `aᵀ` in place of `a`.
    ///   - transposeB: Use `bᵀ` in place of `b`.
    /// - Returns: The product, `[m, n]`.
    /// - Precondition: the inner dimensions agree; the message names both shapes.
    public static func product(
        _ a: Matrix, _ b: Matrix,
        transposeA: Bool = false, transposeB: Bool = false
    ) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        // BLAS writes every element of the result (beta = 0), so it needs no
        // zero fill first, unless the inner dimension is 0 and nothing is written.
        var c = k == 0 ? Matrix(rows: m, columns: n) : Matrix.unfilled(m, n)  // [m, n]
        multiply(a, b, into: &c, transposeA: transposeA, transposeB: transposeB)
        return c
    }

    /// `c = alpha · op(a) · op(b) + beta · c`, writing into an existing matrix.
    ///
    /// With `beta = 0` the old contents of `c` are ignored; with `beta = 1` the
    /// product is added to them. Writing into a matrix that already exists
    /// saves an allocation per call in the training loop.
    ///
    /// - Precondition: `op(a)` is `[m, k]`, `op(b)` is `[k, n]` and `c` is `[m, n]`.
    public static func multiply(
        _ a: Matrix, _ b: Matrix, into c: inout Matrix,
        transposeA: Bool = false, transposeB: Bool = false,
        alpha: Double = 1, beta: Double = 0
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(
            k == kB,
            "Matrix product: inner dimensions differ: \(a.shapeDescription)\(transposeA ? "ᵀ" : "") · \(b.shapeDescription)\(transposeB ? "ᵀ" : "")"
        )
        precondition(
            c.rows == m && c.columns == n,
            "Matrix product: result \(c.shapeDescription) does not fit [\(m), \(n)] from \(a.shapeDescription) · \(b.shapeDescription)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            // An empty sum: the product is zero.
            for i in c.elements.indices { c.elements[i] *= beta }
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasRowMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k),
                        alpha, pa.baseAddress, Int32(a.columns),
                        pb.baseAddress, Int32(b.columns),
                        beta, pc.baseAddress, Int32(n))
                }
            }
        }
    }

    /// The number of floating-point operations of `op(a)·op(b)` for an
    /// `[m, k]·[k, n]` product: `2·m·k·n` (one multiply and one add each).
    public static func productFLOPs(m: Int, k: Int, n: Int) -> Double {
        2 * Double(m) * Double(k) * Double(n)
    }
}

/// Control over the BLAS library's own threads.
///
/// The course keeps BLAS single-threaded and runs independent work (the four
/// optimizers' networks, the sixteen weight scales, the hundred trials) side
/// by side instead. Two reasons: the products here are small (`[128, 784]·[784, 100]`)
/// and OpenBLAS's threads cost more than they give on them; and one thread
/// sums in one fixed order, so the same seed gives the same bits every run.
///
/// Which of OpenBLAS's kernels runs the products, and making sure it is the
/// best this CPU supports, is in `BLAS+Kernel.swift`: ``useBestKernel()``,
/// ``kernelName``, ``description``.
public enum BLAS {
    /// Sets how many threads the BLAS library may use for one product.
    ///
    /// On macOS (Accelerate) this does nothing; Accelerate chooses by itself.
    public static func setThreads(_ count: Int) {
        #if !canImport(Accelerate)
        openblas_set_num_threads(Int32(count))
        #endif
    }

    /// How many threads the BLAS library uses now (1 on macOS).
    public static var threads: Int {
        #if canImport(Accelerate)
        return 1
        #else
        return Int(openblas_get_num_threads())
        #endif
    }
}
