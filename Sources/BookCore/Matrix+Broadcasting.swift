// Matrix+Broadcasting.swift — arithmetic that reads like NumPy's: `x - mu`,
// `xc / std`, `gamma * xn`, `dmu / N`.
//
// Two matrices combine element by element when their shapes are equal, or
// when one of them is a single row `[1, n]` and the other is `[B, n]`: the
// row is then used for every row of the other (NumPy calls this
// broadcasting). Any other pair of shapes is a programmer's error, and the
// operation traps naming both shapes. A number combines with every element.

extension Matrix {
    /// Combines every row of this matrix with a row vector, element by element:
    /// `result[i, j] = combine(self[i, j], vector[0, j])`.
    ///
    /// NumPy writes this `x - mu` for `x` `[B, H]` and `mu` `[H]`. The
    /// operators below use it whenever one side is a single row.
    ///
    /// - Parameters:
    ///   - vector: A `[1, columns]` row vector.
    ///   - combine: The operation, e.g. `-`, `/`, `*`.
    /// - Returns: A matrix of this matrix's shape.
    ///
    /// Always inlined, so that each call site gets its own loop with `combine`
    /// built in (as `map` and `zip`).
    @inline(__always)
    func combiningEachRow(with vector: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        precondition(
            vector.rows == 1 && vector.columns == columns,
            "Matrix.combiningEachRow: row vector \(vector.shapeDescription) does not fit rows of \(shapeDescription)")
        var result = self  // [rows, columns]
        let n = columns
        result.elements.withUnsafeMutableBufferPointer { r in
            vector.elements.withUnsafeBufferPointer { v in
                for row in 0..<rows {
                    // One row at a time, so that the inner loop vectorises (see addToEachRow).
                    let values = UnsafeMutableBufferPointer(rebasing: r[row * n..<(row + 1) * n])
                    for c in 0..<n { values[c] = combine(values[c], v[c]) }
                }
            }
        }
        return result
    }

    /// `combine(lhs, rhs)` element by element, broadcasting a `[1, n]` row
    /// over the rows of a `[B, n]` matrix on either side.
    ///
    /// - Precondition: the shapes are equal, or one is `[1, n]` and the other
    ///   `[B, n]`; the message names both shapes and the operator.
    @inline(__always)
    static func broadcasting(
        _ lhs: Matrix, _ rhs: Matrix, _ symbol: String,
        _ combine: (Double, Double) -> Double
    ) -> Matrix {
        if lhs.rows == rhs.rows && lhs.columns == rhs.columns { return lhs.zip(rhs, combine) }
        if rhs.rows == 1 && rhs.columns == lhs.columns { return lhs.combiningEachRow(with: rhs, combine) }
        if lhs.rows == 1 && lhs.columns == rhs.columns {
            return rhs.combiningEachRow(with: lhs) { r, l in combine(l, r) }
        }
        preconditionFailure(
            "Matrix \(symbol): shapes \(lhs.shapeDescription) and \(rhs.shapeDescription) neither match nor broadcast (one must be [1, n] against [B, n])"
        )
    }

    /// `lhs + rhs`, element by element, broadcasting a `[1, n]` row.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix { broadcasting(lhs, rhs, "+", +) }
    /// `lhs − rhs`, element by element, broadcasting a `[1, n]` row.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { broadcasting(lhs, rhs, "-", -) }
    /// `lhs · rhs`, element by element (not the matrix product), broadcasting a `[1, n]` row.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { broadcasting(lhs, rhs, "*", *) }
    /// `lhs / rhs`, element by element, broadcasting a `[1, n]` row.
    public static func / (lhs: Matrix, rhs: Matrix) -> Matrix { broadcasting(lhs, rhs, "/", /) }

    /// Every element times a number.
    public static func * (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }
    /// Every element times a number.
    public static func * (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 * rhs } }
    /// Every element divided by a number.
    public static func / (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 / rhs } }
    /// A number added to every element.
    public static func + (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 + rhs } }
    /// A number subtracted from every element.
    public static func - (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 - rhs } }
    /// Every element negated.
    public static prefix func - (operand: Matrix) -> Matrix { operand.map { -$0 } }

    /// `lhs ← lhs + rhs` in place, broadcasting a `[1, n]` row on the right.
    /// As in NumPy, `lhs` keeps its shape: `rhs` must have it, or be one row of it.
    public static func += (lhs: inout Matrix, rhs: Matrix) {
        if rhs.shape == lhs.shape {
            lhs.add(rhs)
        } else {
            checkRowFits(rhs, lhs, "+=")
            lhs.addToEachRow(rhs)
        }
    }

    /// `lhs ← lhs − rhs` in place, broadcasting a `[1, n]` row on the right.
    /// As in NumPy, `lhs` keeps its shape: `rhs` must have it, or be one row of it.
    public static func -= (lhs: inout Matrix, rhs: Matrix) {
        if rhs.shape == lhs.shape {
            lhs.add(rhs, scaledBy: -1)  // a + (−1·b) is a − b, bit for bit
        } else {
            checkRowFits(rhs, lhs, "-=")
            lhs = lhs.combiningEachRow(with: rhs, -)
        }
    }

    /// Traps, naming both shapes, unless `row` is `[1, n]` for a `[m, n]` `matrix`.
    private static func checkRowFits(_ row: Matrix, _ matrix: Matrix, _ operation: String) {
        precondition(
            row.rows == 1 && row.columns == matrix.columns,
            "Matrix \(operation): \(row.shapeDescription) is neither \(matrix.shapeDescription) nor one row of it")
    }
}

/// `√x` element by element, as NumPy's `np.sqrt(x)`.
public func sqrt(_ x: Matrix) -> Matrix { x.map { $0.squareRoot() } }
