// Matrix.swift — the one numeric type of the course.
//
// Shape letters used in comments throughout the course (see the `Shapes`
// article): B batch size, D input features (784 for MNIST), H hidden units,
// C classes (10). A matrix of B rows and H columns is written `[B, H]`.

import Foundation

/// A dense, row-major matrix of `Double`s.
///
/// The book's NumPy code computes in float64, so the course does too. Element
/// `(r, c)` lives at `elements[r * columns + c]`. Vectors are matrices with one
/// row: a bias of H values is `[1, H]`.
///
/// `Matrix` is a value type: assigning it copies lazily (copy-on-write), so a
/// layer that keeps its input for the backward pass keeps a snapshot.
///
/// Every operation checks shapes and traps with a message naming both shapes
/// when they do not fit: a shape mismatch is a programmer's error.
public struct Matrix: Equatable, Sendable {
    /// Number of rows (the batch dimension for activations).
    public let rows: Int
    /// Number of columns (the feature dimension for activations).
    public let columns: Int
    /// The elements in row-major order; `rows * columns` of them.
    public var elements: [Double]

    /// A matrix filled with one value.
    ///
    /// - Parameters:
    ///   - rows: Number of rows, at least 0.
    ///   - columns: Number of columns, at least 0.
    ///   - value: The value of every element (0 by default).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape [\(rows), \(columns)]")
        self.rows = rows
        self.columns = columns
        self.elements = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix from elements in row-major order.
    ///
    /// - Precondition: `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(
            elements.count == rows * columns,
            "Matrix: \(elements.count) elements do not fill shape [\(rows), \(columns)]")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix whose elements are written by `write`, which must set every
    /// one of the `rows * columns` slots it is given (row-major, as `elements`).
    ///
    /// Element-wise results and converted batches fill every element anyway;
    /// this skips the zero fill that `init(rows:columns:)` would do first.
    @inlinable @inline(__always)
    init(rows: Int, columns: Int, writingEachElement write: (UnsafeMutableBufferPointer<Double>) -> Void) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape [\(rows), \(columns)]")
        let count = rows * columns
        let elements = [Double](unsafeUninitializedCapacity: count) { slots, initialized in
            write(slots)
            initialized = count
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// A matrix whose elements are arbitrary until written, for a result that
    /// is overwritten whole at once: a BLAS product with `beta = 0` writes
    /// every element of its output and never reads one.
    @usableFromInline
    static func unfilled(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, writingEachElement: { _ in })
    }

    /// A matrix from nested rows, for tests and small worked examples:
    /// `Matrix([[1, 2], [3, 4]])` is `[2, 2]`.
    ///
    /// - Precondition: every row has the same length.
    public init(_ nestedRows: [[Double]]) {
        let columns = nestedRows.first?.count ?? 0
        for (index, row) in nestedRows.enumerated() {
            precondition(
                row.count == columns,
                "Matrix: row \(index) has \(row.count) values, row 0 has \(columns)")
        }
        self.init(rows: nestedRows.count, columns: columns, elements: nestedRows.flatMap { $0 })
    }

    /// A one-row matrix `[1, n]` holding `values`.
    public init(rowVector values: [Double]) {
        self.init(rows: 1, columns: values.count, elements: values)
    }

    /// All zeros, `[rows, columns]`.
    public static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns)
    }

    /// The number of elements, `rows * columns`.
    @inlinable public var count: Int { rows * columns }

    /// The shape, as NumPy's `x.shape`: `(rows: 128, columns: 784)`.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// The shape as the course writes it in comments and messages, e.g. `"[128, 784]"`.
    public var shapeDescription: String { "[\(rows), \(columns)]" }

    /// Element at row `row`, column `column`.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix: index (\(row), \(column)) outside shape [\(rows), \(columns)]")
            return elements[row * columns + column]
        }
        set {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix: index (\(row), \(column)) outside shape [\(rows), \(columns)]")
            elements[row * columns + column] = newValue
        }
    }

    /// The values of one row, as an array.
    public func row(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < rows, "Matrix: row \(index) outside shape \(shapeDescription)")
        return Array(elements[index * columns..<(index + 1) * columns])
    }

    /// Traps unless `other` has the same shape; `operation` names the caller in the message.
    @inlinable
    public func checkSameShape(_ other: Matrix, _ operation: String) {
        precondition(
            rows == other.rows && columns == other.columns,
            "\(operation): shapes [\(rows), \(columns)] and [\(other.rows), \(other.columns)] differ")
    }
}

extension Matrix: CustomStringConvertible {
    /// A readable rendering: the shape, then up to 6 rows of up to 8 values.
    public var description: String {
        var lines = ["Matrix \(shapeDescription)"]
        for r in 0..<Swift.min(rows, 6) {
            let values = (0..<Swift.min(columns, 8)).map { c in
                String(format: "% .4f", self[r, c])
            }
            lines.append("  " + values.joined(separator: " ") + (columns > 8 ? " …" : ""))
        }
        if rows > 6 { lines.append("  …") }
        return lines.joined(separator: "\n")
    }
}
