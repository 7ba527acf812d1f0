// Gzip.swift — reading a gzip-compressed (or plain) file, through zlib.

import CZlib
import Foundation

/// The most bytes a data file may hold, compressed or decompressed: 64 MiB.
/// The largest MNIST file, the training images, is 47 040 016 bytes
/// decompressed (9.9 MB compressed); anything past this is not MNIST — a link
/// to `/dev/zero`, a gzip bomb — and is refused before it fills the memory.
public let maximumDataFileSize = 64 << 20

/// The bytes of a file, decompressed if it is gzip-compressed.
///
/// zlib's `gzread` passes uncompressed files through unchanged, so an
/// already-decompressed `train-images-idx3-ubyte` reads as well as the `.gz`.
/// Only a regular file is read (a folder, a named pipe or a device is
/// refused at once, without waiting on it), and reading stops with an error
/// past `limit` bytes, on disk or decompressed.
///
/// - Parameters:
///   - path: The file.
///   - limit: The most bytes accepted (`maximumDataFileSize` by default).
/// - Throws: `DataError` if the file cannot be opened, is not a regular file,
///   is larger than `limit`, or its compressed data is damaged (a truncated
///   download, for instance).
public func readPossiblyCompressedFile(_ path: String, limit: Int = maximumDataFileSize) throws -> [UInt8] {
    let file = try CompressedFileReader(path: path, limit: limit)
    // Room for the whole result at once, decompressed straight into it.
    let capacity = file.expectedSize
    var bytes = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
        count = try file.read(into: UnsafeMutableRawBufferPointer(buffer))
    }
    // A gzip trailer's size is only a hint (mod 2³²; a crafted file can lie): read on while there is more.
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let read = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }
        if read == 0 { break }
        bytes.append(contentsOf: chunk[0..<read])
    }
    try file.checkEnd()
    return bytes
}

/// A data file opened for reading through zlib, decompressed as it is read if
/// it is gzip-compressed, with the checks `readPossiblyCompressedFile` makes:
/// a regular file only, at most `limit` bytes on disk and decompressed.
///
/// Callers that know how much they want (an IDX file's header says it) read
/// straight into their own buffer, so 47 MB of pixels are written once.
final class CompressedFileReader {
    /// The file, for messages.
    let path: String
    /// The most decompressed bytes accepted.
    let limit: Int
    /// The decompressed size the file announces, capped at `limit`: a gzip
    /// file's last four bytes (the size mod 2³²), else the file's own size.
    /// Only a hint for reserving memory; `read(into:)` checks every limit.
    let expectedSize: Int
    /// Decompressed bytes handed out so far.
    private(set) var bytesRead = 0
    private let file: gzFile
    private static let replace = "Delete the file and run again to download a fresh copy, or copy the original MNIST file there."

    /// Opens `path`, refusing anything but a regular file of at most `limit` bytes.
    init(path: String, limit: Int = maximumDataFileSize) throws {
        self.path = path
        self.limit = limit
        // O_NONBLOCK: opening a named pipe must not wait for a writer that never comes.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DataError(
                path: path, problem: "cannot open the file (\(systemMessage(errno)))",
                remedy: "Check that it exists and is readable.")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = systemMessage(errno)
            close(descriptor)
            throw DataError(path: path, problem: "cannot inspect the file (\(message))", remedy: "Check that it is readable.")
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(descriptor)
            let what =
                kind == S_IFDIR
                ? "a folder"
                : kind == S_IFIFO
                    ? "a named pipe"
                    : kind == S_IFCHR || kind == S_IFBLK ? "a device" : kind == S_IFSOCK ? "a socket" : "not a regular file"
            throw DataError(
                path: path, problem: "this is \(what), not a data file",
                remedy: "Remove it and put the MNIST file of that name there (or let the course download it).")
        }
        guard Int(status.st_size) <= limit else {
            close(descriptor)
            throw DataError(
                path: path,
                problem: "the file is \(Int(status.st_size)) bytes, more than any MNIST file (at most \(limit) bytes are read)",
                remedy: Self.replace)
        }
        // Back to blocking reads (a regular file never blocks anyway); zlib owns the descriptor from here.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        expectedSize = min(announcedSize(descriptor: descriptor, fileSize: Int(status.st_size)), limit)
        guard let file = gzdopen(descriptor, "rb") else {
            close(descriptor)
            throw DataError(path: path, problem: "cannot open the file", remedy: "Check that it exists and is readable.")
        }
        self.file = file
        // zlib reads the compressed file 8 KB at a time by default; 256 KB means fewer system calls.
        gzbuffer(file, 1 << 18)
    }

    deinit { gzclose(file) }

    /// Fills `buffer` with the next decompressed bytes, returning how many:
    /// fewer than it holds only at the end of the file.
    ///
    /// - Throws: `DataError` if the compressed data is damaged or the file
    ///   decompresses to more than `limit` bytes.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            // gzread takes an unsigned 32-bit count: ask for at most 1 GiB at a time.
            let wanted = min(buffer.count - filled, 1 << 30)
            let read = Int(gzread(file, buffer.baseAddress! + filled, UInt32(wanted)))
            if read < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown zlib error"
                throw DataError(path: path, problem: "the compressed data is damaged (\(message))", remedy: Self.replace)
            }
            if read == 0 { break }
            guard bytesRead + read <= limit else {
                throw DataError(
                    path: path,
                    problem: "the file decompresses to more than \(limit) bytes, more than any MNIST file (a corrupt or hostile file)",
                    remedy: Self.replace)
            }
            bytesRead += read
            filled += read
        }
        return filled
    }

    /// Throws if the compressed data ended early: `gzread` stops quietly at a
    /// truncated end, and zlib reports it only when asked afterwards.
    func checkEnd() throws {
        var code: Int32 = 0
        _ = gzerror(file, &code)
        if code != Z_OK && code != Z_STREAM_END {
            throw DataError(path: path, problem: "the compressed data ends early (truncated file)", remedy: Self.replace)
        }
    }
}

/// The decompressed size a file announces: a gzip file's last four bytes
/// (little-endian, the size mod 2³²), else the file's own size.
private func announcedSize(descriptor: Int32, fileSize: Int) -> Int {
    var header = [UInt8](repeating: 0, count: 2)
    var trailer = [UInt8](repeating: 0, count: 4)
    guard fileSize >= 18, pread(descriptor, &header, 2, 0) == 2, header == [0x1f, 0x8b],
        pread(descriptor, &trailer, 4, off_t(fileSize - 4)) == 4
    else { return fileSize }
    return trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
}
