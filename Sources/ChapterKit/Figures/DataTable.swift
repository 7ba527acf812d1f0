// DataTable.swift — the numbers behind a figure, as a gnuplot data file.

import BookCore
import Foundation

/// Columns of numbers with a commented header: the `.dat` half of a figure.
///
/// The file looks like this, and gnuplot, a spreadsheet or `awk` can read it:
/// ```
/// # optimizers: smoothed training loss on MNIST
/// # iteration  SGD  Momentum  AdaGrad  Adam
/// 0  2.41  2.38  2.11  2.27
/// ```
/// Numbers are written with 10 significant digits, so the same run gives the
/// same bytes. `NaN` is written as `NaN`, which gnuplot skips.
public struct DataTable: Sendable {
    /// The file it is written to, relative to the chapter's figures folder
    /// (e.g. `mnist-loss.dat`); a figure's series name it to read the table.
    public var fileName: String
    /// A line of description, written as the first comment.
    public var description: String
    /// Column names, written as the second comment (spaces become `_`).
    public var columns: [String]
    /// The rows; each has `columns.count` values.
    public var rows: [[Double]]
    /// If set, a blank line follows every `blockLength` rows: gnuplot reads
    /// the blocks as the scan lines of a grid (for contour plots).
    public var blockLength: Int?

    /// A table with the given columns and rows, to be written as `fileName`.
    public init(
        _ fileName: String, _ description: String, columns: [String], rows: [[Double]] = [],
        blockLength: Int? = nil
    ) {
        precondition(Set(columns).count == columns.count, "DataTable \(fileName): repeated column names in \(columns)")
        self.fileName = fileName
        self.description = description
        self.columns = columns
        self.rows = rows
        self.blockLength = blockLength
    }

    /// A table whose columns are given as arrays of equal length.
    public init(_ fileName: String, _ description: String, columns: [(String, [Double])]) {
        let length = columns.first?.1.count ?? 0
        precondition(
            columns.allSatisfy { $0.1.count == length },
            "DataTable: columns of different lengths \(columns.map { ($0.0, $0.1.count) })")
        self.init(
            fileName, description, columns: columns.map(\.0),
            rows: (0..<length).map { i in columns.map { $0.1[i] } })
    }

    /// Adds a row.
    public mutating func append(_ row: [Double]) {
        precondition(
            row.count == columns.count,
            "DataTable.append: \(row.count) values for \(columns.count) columns \(columns)")
        rows.append(row)
    }

    /// The 1-based gnuplot column number of a named column.
    ///
    /// - Precondition: the table has a column of that name; the message
    ///   names the file and every column it has.
    public func column(_ name: String) -> Int {
        guard let index = columns.firstIndex(of: name) else {
            preconditionFailure("DataTable \(fileName): no column '\(name)'; its columns are \(columns)")
        }
        return index + 1
    }

    /// The values of a named column, top to bottom.
    public subscript(name: String) -> [Double] {
        let index = column(name) - 1
        return rows.map { $0[index] }
    }

    /// The file's text.
    ///
    /// A large table (the valley's contour grid is 60 000 numbers) is
    /// formatted in pieces side by side, on every core; the pieces are joined
    /// in order, so the text is the same whichever core wrote what.
    public var text: String {
        let header = [
            "# " + description,
            "# " + columns.map { $0.replacingOccurrences(of: " ", with: "_") }.joined(separator: "  "),
        ]
        let pieceCount = rows.count < 4096 ? 1 : 4 * ProcessInfo.processInfo.activeProcessorCount
        let pieces = sideBySide(pieceCount) { piece in
            var lines: [String] = []
            for i in rows.count * piece / pieceCount..<rows.count * (piece + 1) / pieceCount {
                lines.append(rows[i].map(DataTable.format).joined(separator: "  "))
                if let blockLength, (i + 1) % blockLength == 0, i + 1 < rows.count { lines.append("") }
            }
            return lines
        }
        return (header + pieces.joined()).joined(separator: "\n") + "\n"
    }

    /// Reads a table back from the text `text` wrote (the committed data the
    /// findings tests check). Column names come back with `_` for spaces,
    /// so they are compared after the same replacement.
    ///
    /// - Throws: `DataTableError` when a row does not have one number per column.
    public init(fileName: String, text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, lines[0].hasPrefix("# "), lines[1].hasPrefix("# ") else {
            throw DataTableError(fileName: fileName, problem: "the first two lines are not the description and the column names")
        }
        let description = String(lines.removeFirst().dropFirst(2))
        let columns = lines.removeFirst().dropFirst(2).split(separator: " ").map {
            $0.replacingOccurrences(of: "_", with: " ")
        }
        var rows: [[Double]] = []
        for (number, line) in lines.enumerated() where !line.isEmpty {
            let values = line.split(separator: " ").map { Double($0) ?? Double(String($0).lowercased()) }
            guard values.count == columns.count, values.allSatisfy({ $0 != nil }) else {
                throw DataTableError(fileName: fileName, problem: "line \(number + 3) does not hold \(columns.count) numbers")
            }
            rows.append(values.map { $0! })
        }
        self.init(fileName, description, columns: columns, rows: rows)
    }

    /// One number as the data file writes it.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        // C's snprintf, the same "%.10g" as String(format:), several times faster:
        // the valley's contour grid alone is 60 000 numbers.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            _ = withVaList([value]) { vsnprintf(buffer.baseAddress, 32, "%.10g", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }
}

/// A data file that is not a table as `DataTable.text` writes one.
public struct DataTableError: Error, CustomStringConvertible {
    /// The file.
    public var fileName: String
    /// What is wrong with it.
    public var problem: String
    /// One sentence.
    public var description: String { "\(fileName): \(problem)." }
}
