// Matrix+Broadcasting.swift — a [B, H] matrix against one [1, H] row, as
// NumPy's broadcasting does it: `x - mu`, `xc / std`, `gamma * xn`.

extension Matrix {
    /// Combines every row of this matrix with a row vector, element by element:
    /// `result[i, j] = combine(self[i, j], vector[0, j])`.
    ///
    /// NumPy writes this `x - mu` for `x` `[B, H]` and `mu` `[H]` (broadcasting).
    /// Batch normalization needs it four times: subtract the mean, divide by
    /// the standard deviation, scale by γ, and the same steps backward.
    ///
    /// - Parameters:
    ///   - vector: A `[1, columns]` row vector.
    ///   - combine: The operation, e.g. `-`, `/`, `*`.
    /// - Returns: A matrix of this matrix's shape.
    ///
    /// Always inlined, so that each call site gets its own loop with `combine`
    /// built in (as `map` and `zip`).
    @inline(__always)
    public func combiningEachRow(with vector: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        precondition(vector.rows == 1 && vector.columns == columns,
                     "Matrix.combiningEachRow: row vector \(vector.shape) does not fit rows of \(shape)")
        var result = self                                   // [rows, columns]
        let n = columns
        result.elements.withUnsafeMutableBufferPointer { r in
            vector.elements.withUnsafeBufferPointer { v in
                for row in 0 ..< rows {
                    // One row at a time, so that the inner loop vectorises (see addToEachRow).
                    let values = UnsafeMutableBufferPointer(rebasing: r[row * n ..< (row + 1) * n])
                    for c in 0 ..< n { values[c] = combine(values[c], v[c]) }
                }
            }
        }
        return result
    }
}
