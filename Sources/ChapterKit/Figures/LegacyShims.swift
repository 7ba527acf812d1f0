// LegacyShims.swift — TEMPORARY: the numbered-column API, until every
// chapter names its columns. Deleted when the last chapter is rewritten.

import BookCore

extension DataTable {
    /// Temporary: a table without a file name.
    public init(_ description: String, columns: [String], rows: [[Double]] = [], blockLength: Int? = nil) {
        self.init("unnamed.dat", description, columns: columns, rows: rows, blockLength: blockLength)
    }

    /// Temporary: a table without a file name.
    public init(_ description: String, columns: [(String, [Double])]) {
        self.init("unnamed.dat", description, columns: columns)
    }
}

extension Series {
    /// Temporary: numbered columns.
    public init(file: String, x: Int = 1, y: Int, title: String = "", style: Style = .lines,
                dashed: Bool = false, color: String? = nil) {
        self.init(file: file, using: "\(x):\(y)", title: title, style: style, dashed: dashed, color: color)
    }
}

extension FigureWriter {
    /// Temporary: writes `table` as `fileName`.
    @discardableResult
    public func write(_ table: DataTable, as fileName: String) throws -> String {
        try writeText(table.text, as: fileName)
    }
}
