// IDX.swift — the file format MNIST is distributed in.
//
// An IDX file is a big-endian header followed by raw bytes:
//   bytes 0–1  zero
//   byte  2    the element type (0x08 = unsigned byte)
//   byte  3    the number of dimensions n
//   then n 32-bit big-endian sizes, then the data, row-major.
// MNIST's image files have magic 0x00000803 (bytes, 3 dimensions: N, 28, 28);
// its label files 0x00000801 (bytes, 1 dimension: N).

/// A parsed IDX file of unsigned bytes: its dimensions and its data.
public struct IDXFile: Sendable {
    /// The size of each dimension, e.g. `[60000, 28, 28]`.
    public let dimensions: [Int]
    /// The data, `dimensions.reduce(1, *)` bytes.
    public let data: [UInt8]

    /// Parses the bytes of an IDX file of unsigned bytes.
    ///
    /// - Parameters:
    ///   - bytes: The whole (decompressed) file.
    ///   - expectedDimensions: 3 for images, 1 for labels.
    ///   - path: The file's path, for error messages.
    /// - Throws: `DataError` for a wrong magic number, a short header, sizes
    ///   whose product overflows, or a data section shorter or longer than the
    ///   header announces.
    public init(bytes: [UInt8], expectedDimensions: Int, path: String) throws {
        let remedy =
            "Delete the file and run again to download a fresh copy, or point --data-dir / MNIST_DIR at a folder with the four MNIST files."
        guard bytes.count >= 4 else {
            throw DataError(path: path, problem: "the file is only \(bytes.count) bytes long, too short for an IDX header", remedy: remedy)
        }
        let magic = bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
        let expectedMagic = 0x0800 | UInt32(expectedDimensions)
        guard magic == expectedMagic else {
            let hex = "0x" + String(magic, radix: 16, uppercase: true)
            let expectedHex = "0x" + String(expectedMagic, radix: 16, uppercase: true)
            throw DataError(
                path: path,
                problem:
                    "wrong magic number \(hex) (an IDX file of bytes with \(expectedDimensions) dimension\(expectedDimensions == 1 ? "" : "s") starts with \(expectedHex)); this is not the MNIST file it is named after",
                remedy: remedy)
        }
        let headerSize = 4 + 4 * expectedDimensions
        guard bytes.count >= headerSize else {
            throw DataError(path: path, problem: "the header is cut short (\(bytes.count) bytes)", remedy: remedy)
        }
        var dimensions: [Int] = []
        for d in 0..<expectedDimensions {
            let offset = 4 + 4 * d
            dimensions.append(Int(bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }))
        }
        // A crafted header can announce sizes whose product passes Int.max: check every step.
        var expectedCount = 1
        for size in dimensions {
            let (product, overflow) = expectedCount.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw DataError(
                    path: path,
                    problem:
                        "the header announces \(dimensions.map(String.init).joined(separator: "×")) bytes of data, more than any file can hold; this is not an MNIST file",
                    remedy: remedy)
            }
            expectedCount = product
        }
        let actualCount = bytes.count - headerSize
        guard actualCount == expectedCount else {
            throw DataError(
                path: path,
                problem:
                    "the header announces \(dimensions.map(String.init).joined(separator: "×")) = \(expectedCount) bytes of data but the file holds \(actualCount)\(actualCount < expectedCount ? " (truncated)" : "")",
                remedy: remedy)
        }
        self.dimensions = dimensions
        self.data = Array(bytes[headerSize...])
    }

    /// The bytes of an IDX file holding `data` with the given dimensions: the
    /// inverse of `init(bytes:…)`, used by tests to make small MNIST-like files.
    public static func encode(dimensions: [Int], data: [UInt8]) -> [UInt8] {
        precondition(
            dimensions.reduce(1, *) == data.count,
            "IDXFile.encode: \(data.count) bytes do not fill dimensions \(dimensions)")
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for size in dimensions {
            bytes += [UInt8(size >> 24 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)]
        }
        return bytes + data
    }
}
