// IDXTests.swift — parsing the IDX format, and reading gzip files through zlib.

import Foundation
import Testing

@testable import BookCore

@Suite("IDX files")
struct IDXTests {
    @Test("encode then parse gives back the dimensions and data; the header is big-endian")
    func roundTrip() throws {
        let data = (0..<2 * 3 * 4).map { UInt8($0 * 10) }
        let bytes = IDXFile.encode(dimensions: [2, 3, 4], data: data)
        #expect(Array(bytes[0..<4]) == [0, 0, 0x08, 3])  // magic 0x00000803
        #expect(Array(bytes[4..<16]) == [0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4])
        #expect(bytes.count == 16 + 24)
        let file = try IDXFile(bytes: bytes, expectedDimensions: 3, path: "images")
        #expect(file.dimensions == [2, 3, 4])
        #expect(file.data == data)

        // A size above 255 exercises every byte of the big-endian count.
        let labels = [UInt8](repeating: 7, count: 70_000)
        let labelFile = try IDXFile(
            bytes: IDXFile.encode(dimensions: [70_000], data: labels),
            expectedDimensions: 1, path: "labels")
        #expect(labelFile.dimensions == [70_000])
        #expect(labelFile.data.count == 70_000)
    }

    @Test("A wrong magic number is a DataError naming the file and both magic numbers")
    func wrongMagic() {
        // A label file where an image file is expected: magic 0x801 instead of 0x803.
        let bytes = IDXFile.encode(dimensions: [3], data: [1, 2, 3])
        let error = #expect(throws: DataError.self) {
            try IDXFile(bytes: bytes, expectedDimensions: 3, path: "/data/train-images-idx3-ubyte")
        }
        #expect(error?.path == "/data/train-images-idx3-ubyte")
        #expect(error?.problem.contains("wrong magic number 0x801") == true)
        #expect(error?.problem.contains("0x803") == true)
        #expect(error?.remedy.isEmpty == false)

        // Gzip bytes read as if decompressed (magic 0x1F8B…).
        #expect(throws: DataError.self) {
            try IDXFile(bytes: [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0], expectedDimensions: 1, path: "x")
        }
    }

    @Test("A file shorter than the 4-byte magic, or than the header, is a DataError")
    func headerTooShort() {
        let tiny = #expect(throws: DataError.self) {
            try IDXFile(bytes: [0, 0, 8], expectedDimensions: 1, path: "tiny")
        }
        #expect(tiny?.problem.contains("3 bytes") == true)
        // The magic of a 3-dimensional file, but only one of its three sizes.
        let cut = #expect(throws: DataError.self) {
            try IDXFile(bytes: [0, 0, 8, 3, 0, 0, 0, 1], expectedDimensions: 3, path: "cut")
        }
        #expect(cut?.problem.contains("header") == true)
        #expect(throws: DataError.self) { try IDXFile(bytes: [], expectedDimensions: 1, path: "empty") }
    }

    @Test("Data shorter (truncated) or longer than the header announces is a DataError")
    func wrongDataLength() {
        let bytes = IDXFile.encode(dimensions: [4, 2, 2], data: [UInt8](repeating: 1, count: 16))
        let truncated = #expect(throws: DataError.self) {
            try IDXFile(bytes: Array(bytes.dropLast(3)), expectedDimensions: 3, path: "t")
        }
        #expect(truncated?.problem.contains("truncated") == true)
        #expect(truncated?.problem.contains("16") == true && truncated?.problem.contains("13") == true)
        let long = #expect(throws: DataError.self) {
            try IDXFile(bytes: bytes + [0], expectedDimensions: 3, path: "l")
        }
        #expect(long?.problem.contains("truncated") == false)
    }

    @Test(
        "Read from disk, plain or gzip-compressed, a file gives what parsing its bytes gives, and every byte is observed once, in order",
        .enabled(if: gzipAvailable, "needs /usr/bin/gzip"))
    func readFromDisk() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Over 2 MB of data, so the reader goes round its megabyte loop more than once.
        var g = SeededGenerator(seed: 3)
        let data = (0..<3 * 1000 * 784).map { _ in UInt8(g.index(below: 256)) }
        let bytes = IDXFile.encode(dimensions: [3000, 28, 28], data: data)
        try writeBytes(bytes, to: join(folder, "images"))
        #expect(try gzipFile(join(folder, "images"), to: join(folder, "images.gz")))
        for name in ["images", "images.gz"] {
            let observed = Observed()
            let file = try IDXFile(contentsOf: join(folder, name), expectedDimensions: 3) { observed.bytes += $0 }
            #expect(file.dimensions == [3000, 28, 28])
            #expect(file.data == data)
            #expect(observed.bytes == bytes)
        }
    }

    @Test("Read from disk, data shorter or longer than the header announces, or a header past the limit, is the same DataError")
    func readFromDiskWrongLength() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = IDXFile.encode(dimensions: [4, 2, 2], data: [UInt8](repeating: 1, count: 16))
        try writeBytes(Array(bytes.dropLast(3)), to: join(folder, "short"))
        let short = #expect(throws: DataError.self) { try IDXFile(contentsOf: join(folder, "short"), expectedDimensions: 3) }
        #expect(short?.problem == "the header announces 4×2×2 = 16 bytes of data but the file holds 13 (truncated)")
        try writeBytes(bytes + [0, 0], to: join(folder, "long"))
        let long = #expect(throws: DataError.self) { try IDXFile(contentsOf: join(folder, "long"), expectedDimensions: 3) }
        #expect(long?.problem == "the header announces 4×2×2 = 16 bytes of data but the file holds 18")
        // A header announcing 2³¹ bytes gets no room made for them: the 16 that are there are counted.
        let huge: [UInt8] = [0, 0, 8, 3, 0, 0, 0x80, 0, 0, 0, 0x01, 0, 0, 0, 0, 0x10] + [UInt8](repeating: 1, count: 16)
        try writeBytes(huge, to: join(folder, "huge"))
        let announced = #expect(throws: DataError.self) { try IDXFile(contentsOf: join(folder, "huge"), expectedDimensions: 3) }
        #expect(announced?.problem.hasSuffix("but the file holds 16 (truncated)") == true)
        try writeBytes([0, 0, 8], to: join(folder, "tiny"))
        let tiny = #expect(throws: DataError.self) { try IDXFile(contentsOf: join(folder, "tiny"), expectedDimensions: 1) }
        #expect(tiny?.problem.contains("3 bytes") == true)
    }
}

/// The pieces an IDX reader hands out, one at a time (from another thread).
private final class Observed: @unchecked Sendable {
    var bytes: [UInt8] = []
}

/// Compresses `source` into `destination` with the system's gzip; `false` if gzip is not installed.
func gzipFile(_ source: String, to destination: String) throws -> Bool {
    let gzip = "/usr/bin/gzip"
    guard FileManager.default.isExecutableFile(atPath: gzip) else { return false }
    _ = FileManager.default.createFile(atPath: destination, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: destination))
    defer { try? output.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: gzip)
    process.arguments = ["-c", "-n", source]
    process.standardOutput = output
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
}

/// Whether the system's gzip is there for the tests that need it.
let gzipAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip")

@Suite("Reading gzip files")
struct GzipTests {
    @Test("A plain file passes through unchanged")
    func plainFile() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try writeBytes(bytes, to: join(folder, "plain"))
        #expect(try readPossiblyCompressedFile(join(folder, "plain")) == bytes)
        try writeBytes([], to: join(folder, "empty"))
        #expect(try readPossiblyCompressedFile(join(folder, "empty")) == [])
    }

    @Test(
        "A gzip file made by gzip decompresses to the original bytes",
        .enabled(if: gzipAvailable, "needs /usr/bin/gzip"))
    func gzipRoundTrip() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Over 1 MB, so the reader goes round its chunk loop more than once.
        var g = SeededGenerator(seed: 1)
        let bytes = (0..<1_500_000).map { _ in UInt8(g.index(below: 16)) }
        try writeBytes(bytes, to: join(folder, "data"))
        #expect(try gzipFile(join(folder, "data"), to: join(folder, "data.gz")))
        let compressed = try Data(contentsOf: URL(fileURLWithPath: join(folder, "data.gz")))
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        #expect(compressed.count < bytes.count)
        #expect(try readPossiblyCompressedFile(join(folder, "data.gz")) == bytes)
    }

    @Test(
        "A truncated gzip file is a DataError, whether cut in the data or in the trailer",
        .enabled(if: gzipAvailable, "needs /usr/bin/gzip"),
        arguments: [0.5, 0.9])
    func truncatedGzip(_ keptFraction: Double) throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var g = SeededGenerator(seed: 2)
        let bytes = (0..<100_000).map { _ in UInt8(g.index(below: 256)) }
        try writeBytes(bytes, to: join(folder, "data"))
        #expect(try gzipFile(join(folder, "data"), to: join(folder, "data.gz")))
        let compressed = try Data(contentsOf: URL(fileURLWithPath: join(folder, "data.gz")))
        let path = join(folder, "cut.gz")
        try compressed.prefix(Int(Double(compressed.count) * keptFraction)).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: DataError.self) { try readPossiblyCompressedFile(path) }
        #expect(error?.path == path)
        #expect(error?.remedy.contains("Delete the file") == true)
    }

    @Test("A gzip file missing only its last byte is a DataError", .enabled(if: gzipAvailable, "needs /usr/bin/gzip"))
    func truncatedTrailer() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeBytes(Array(repeating: 42, count: 1000), to: join(folder, "data"))
        #expect(try gzipFile(join(folder, "data"), to: join(folder, "data.gz")))
        let compressed = try Data(contentsOf: URL(fileURLWithPath: join(folder, "data.gz")))
        try compressed.dropLast().write(to: URL(fileURLWithPath: join(folder, "cut.gz")))
        #expect(throws: DataError.self) { try readPossiblyCompressedFile(join(folder, "cut.gz")) }
    }

    @Test("A missing file is a DataError that says it cannot be opened")
    func missingFile() {
        let error = #expect(throws: DataError.self) {
            try readPossiblyCompressedFile("/nonexistent-folder-\(UUID().uuidString)/file.gz")
        }
        #expect(error?.problem.contains("cannot open") == true)
    }
}
