// Matrix+Arithmetic.swift — the element-wise and row-wise operations the
// layers need, and nothing more. Each is a plain loop: they cost little next
// to the matrix products (see Matrix+BLAS.swift), as long as each makes one
// pass over raw memory into a fresh result, which the compiler vectorises.

extension Matrix {
    /// Applies `transform` to every element: `y[i, j] = f(x[i, j])`.
    ///
    /// Always inlined, so that each call site gets its own loop with
    /// `transform` built in (a call per element would cost more than the work).
    @inlinable @inline(__always)
    public func map(_ transform: (Double) -> Double) -> Matrix {
        elements.withUnsafeBufferPointer { x in
            Matrix(
                rows: rows, columns: columns,
                writingEachElement: { y in
                    for i in 0..<y.count { y[i] = transform(x[i]) }
                })
        }
    }

    /// Combines two matrices of the same shape element by element:
    /// `z[i, j] = combine(x[i, j], y[i, j])`. Always inlined, as `map`.
    @inlinable @inline(__always)
    public func zip(_ other: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        checkSameShape(other, "Matrix.zip")
        return elements.withUnsafeBufferPointer { x in
            other.elements.withUnsafeBufferPointer { y in
                Matrix(
                    rows: rows, columns: columns,
                    writingEachElement: { z in
                        for i in 0..<z.count { z[i] = combine(x[i], y[i]) }
                    })
            }
        }
    }

    /// Adds `alpha · other` to this matrix in place (BLAS calls it axpy).
    public mutating func add(_ other: Matrix, scaledBy alpha: Double = 1) {
        checkSameShape(other, "Matrix.add")
        elements.withUnsafeMutableBufferPointer { s in
            other.elements.withUnsafeBufferPointer { o in
                for i in 0..<s.count { s[i] += alpha * o[i] }
            }
        }
    }

    /// Adds a row vector `[1, columns]` to every row: the bias of an Affine layer.
    ///
    /// NumPy calls this broadcasting: `[B, H] + [1, H]`.
    public mutating func addToEachRow(_ vector: Matrix) {
        precondition(
            vector.rows == 1 && vector.columns == columns,
            "Matrix.addToEachRow: row vector \(vector.shapeDescription) does not fit rows of \(shapeDescription)")
        let n = columns
        elements.withUnsafeMutableBufferPointer { s in
            vector.elements.withUnsafeBufferPointer { v in
                for r in 0..<rows {
                    // One row at a time: the inner loop has no index arithmetic
                    // to check for overflow, so the compiler vectorises it.
                    let row = UnsafeMutableBufferPointer(rebasing: s[r * n..<(r + 1) * n])
                    for c in 0..<n { row[c] += v[c] }
                }
            }
        }
    }

    /// The sum of each column, `[1, columns]`: NumPy's `np.sum(x, axis=0)`.
    ///
    /// The bias gradient of an Affine layer is the column sum of `dout`.
    public func columnSums() -> Matrix {
        var sums = Matrix(rows: 1, columns: columns)  // [1, n]
        let n = columns
        elements.withUnsafeBufferPointer { s in
            sums.elements.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    let row = UnsafeBufferPointer(rebasing: s[r * n..<(r + 1) * n])  // as in addToEachRow
                    for c in 0..<n { out[c] += row[c] }
                }
            }
        }
        return sums
    }

    /// The mean of each column, `[1, columns]`: NumPy's `np.mean(x, axis=0)`.
    public func columnMeans() -> Matrix {
        precondition(rows > 0, "Matrix.columnMeans: no rows in \(shapeDescription)")
        return (1 / Double(rows)) * columnSums()
    }

    /// The sum of all elements.
    public func sum() -> Double { elements.reduce(0, +) }

    /// The sum of the squares of all elements, `Σ xᵢⱼ²`.
    public func sumOfSquares() -> Double { elements.reduce(0) { $0 + $1 * $1 } }

    /// For each row, the column of its largest value (the first one on ties):
    /// NumPy's `np.argmax(x, axis=1)`.
    public func argmaxOfEachRow() -> [Int] {
        (0..<rows).map { r in
            var best = 0
            var bestValue = elements[r * columns]
            for c in 1..<columns where elements[r * columns + c] > bestValue {
                best = c
                bestValue = elements[r * columns + c]
            }
            return best
        }
    }

    /// The rows at `indices`, in that order (repeats allowed): `x[indices]`.
    public func rows(at indices: [Int]) -> Matrix {
        var result = Matrix(rows: indices.count, columns: columns)  // [indices.count, columns]
        for (k, r) in indices.enumerated() {
            precondition(r >= 0 && r < rows, "Matrix.rows(at:): row \(r) outside shape \(shapeDescription)")
            result.elements.replaceSubrange(
                k * columns..<(k + 1) * columns,
                with: elements[r * columns..<(r + 1) * columns])
        }
        return result
    }

    /// The rows `range`, as a new matrix: `x[range]`.
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= rows,
            "Matrix.rows(_:): rows \(range) outside shape \(shapeDescription)")
        return Matrix(
            rows: range.count, columns: columns,
            elements: Array(elements[range.lowerBound * columns..<range.upperBound * columns]))
    }

    /// The transpose, `[columns, rows]`. The training loop never needs it (the
    /// products transpose on the fly); tests and small examples do.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)  // [columns, rows]
        for r in 0..<rows {
            for c in 0..<columns { result.elements[c * rows + r] = elements[r * columns + c] }
        }
        return result
    }
}
