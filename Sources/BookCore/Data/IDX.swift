// IDX.swift — the file format MNIST is distributed in.
//
// An IDX file is a big-endian header followed by raw bytes:
//   bytes 0–1  zero
//   byte  2    the element type (0x08 = unsigned byte)
//   byte  3    the number of dimensions n
//   then n 32-bit big-endian sizes, then the data, row-major.
// MNIST's image files have magic 0x00000803 (bytes, 3 dimensions: N, 28, 28);
// its label files 0x00000801 (bytes, 1 dimension: N).

import Dispatch

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
        let (dimensions, expectedCount) = try Self.header(
            bytes.prefix(Self.headerSize(expectedDimensions)), expectedDimensions: expectedDimensions, path: path)
        let actualCount = bytes.count - Self.headerSize(expectedDimensions)
        guard actualCount == expectedCount else {
            throw Self.lengthError(dimensions: dimensions, announced: expectedCount, actual: actualCount, path: path)
        }
        self.dimensions = dimensions
        self.data = Array(bytes[Self.headerSize(expectedDimensions)...])
    }

    /// Reads an IDX file of unsigned bytes from disk, gzip-compressed or plain,
    /// decompressing its data straight into place: the header is read first,
    /// and tells how many bytes to make room for.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - expectedDimensions: 3 for images, 1 for labels.
    ///   - limit: The most decompressed bytes accepted (`maximumDataFileSize` by default).
    ///   - observe: Called with every decompressed piece, header first, in
    ///     order, each piece once. The data's pieces are observed on another
    ///     thread while the next one is decompressed (the loader hashes them
    ///     there, on a core that would otherwise wait); all are done before
    ///     this returns or throws.
    /// - Throws: `DataError`, as `readPossiblyCompressedFile` and `init(bytes:…)` do.
    public init(
        contentsOf path: String, expectedDimensions: Int, limit: Int = maximumDataFileSize,
        observe: @escaping @Sendable (UnsafeRawBufferPointer) -> Void = { _ in }
    ) throws {
        let file = try CompressedFileReader(path: path, limit: limit)
        let headerSize = Self.headerSize(expectedDimensions)
        var headerBytes = [UInt8](repeating: 0, count: headerSize)
        let headerCount = try headerBytes.withUnsafeMutableBytes { try file.read(into: $0) }
        headerBytes.removeLast(headerSize - headerCount)
        headerBytes.withUnsafeBytes { observe($0) }
        let (dimensions, expectedCount) = try Self.header(headerBytes[...], expectedDimensions: expectedDimensions, path: path)
        // The data goes straight into its array, a megabyte at a time. A header
        // announcing more than the limit allows gets no room: the rest is only counted.
        let room = expectedCount <= limit - headerSize ? expectedCount : 0
        let observer = DispatchQueue(label: "IDXFile.observe")  // serial: the pieces stay in order
        let data = try [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
            // Every piece is observed before the array is handed over, or freed on an error.
            defer { observer.sync {} }
            while count < room {
                let piece = UnsafeMutableRawBufferPointer(
                    rebasing: UnsafeMutableRawBufferPointer(buffer)[count..<min(count + (1 << 20), room)])
                let read = try file.read(into: piece)
                let filled = Piece(bytes: UnsafeRawBufferPointer(rebasing: piece[0..<read]))
                observer.async { observe(filled.bytes) }
                count += read
                if read < piece.count { break }
            }
        }
        // Whatever follows the announced data is counted, for the message.
        var actualCount = data.count
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let read = try scratch.withUnsafeMutableBytes { try file.read(into: $0) }
            if read == 0 { break }
            actualCount += read
        }
        try file.checkEnd()
        guard actualCount == expectedCount else {
            throw Self.lengthError(dimensions: dimensions, announced: expectedCount, actual: actualCount, path: path)
        }
        self.dimensions = dimensions
        self.data = data
    }

    /// The header's length for `dimensions` dimensions: the magic number and one size each.
    static func headerSize(_ dimensions: Int) -> Int { 4 + 4 * dimensions }

    private static let remedy = "Delete the file and run again to download a fresh copy, or copy the original MNIST file there."

    /// Checks the header at the start of `bytes` and returns its dimensions and
    /// the number of data bytes they announce.
    static func header(_ bytes: ArraySlice<UInt8>, expectedDimensions: Int, path: String) throws -> (dimensions: [Int], count: Int) {
        let bytes = Array(bytes)
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
        guard bytes.count >= headerSize(expectedDimensions) else {
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
        return (dimensions, expectedCount)
    }

    /// The error for a data section of the wrong length.
    static func lengthError(dimensions: [Int], announced: Int, actual: Int, path: String) -> DataError {
        DataError(
            path: path,
            problem:
                "the header announces \(dimensions.map(String.init).joined(separator: "×")) = \(announced) bytes of data but the file holds \(actual)\(actual < announced ? " (truncated)" : "")",
            remedy: remedy)
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

/// A piece of a buffer handed to another thread, which reads it while no one writes it.
private struct Piece: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}
