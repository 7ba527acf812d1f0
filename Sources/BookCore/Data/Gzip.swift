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
    let replace = "Delete the file and run again to download a fresh copy, or copy the original MNIST file there."
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
            remedy: replace)
    }
    // Back to blocking reads (a regular file never blocks anyway); zlib owns the descriptor from here.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    guard let file = gzdopen(descriptor, "rb") else {
        close(descriptor)
        throw DataError(path: path, problem: "cannot open the file", remedy: "Check that it exists and is readable.")
    }
    defer { gzclose(file) }
    var bytes: [UInt8] = []
    // Room for the whole result at once, so that it is never copied as it grows:
    // a gzip file ends with its decompressed size (mod 2³²); a plain one is its size.
    bytes.reserveCapacity(min(expectedSize(descriptor: descriptor, fileSize: Int(status.st_size)), limit))
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let read = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
        if read < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown zlib error"
            throw DataError(path: path, problem: "the compressed data is damaged (\(message))", remedy: replace)
        }
        if read == 0 { break }
        guard bytes.count + Int(read) <= limit else {
            throw DataError(
                path: path,
                problem: "the file decompresses to more than \(limit) bytes, more than any MNIST file (a corrupt or hostile file)",
                remedy: replace)
        }
        bytes.append(contentsOf: chunk[0..<Int(read)])
    }
    // gzread stops quietly at a truncated end; zlib reports it afterwards.
    var code: Int32 = 0
    _ = gzerror(file, &code)
    if code != Z_OK && code != Z_STREAM_END {
        throw DataError(path: path, problem: "the compressed data ends early (truncated file)", remedy: replace)
    }
    return bytes
}

/// The decompressed size a file announces: a gzip file's last four bytes
/// (little-endian, the size mod 2³²), else the file's own size. Only a hint
/// for reserving memory: the reading itself checks every limit.
private func expectedSize(descriptor: Int32, fileSize: Int) -> Int {
    var header = [UInt8](repeating: 0, count: 2)
    var trailer = [UInt8](repeating: 0, count: 4)
    guard fileSize >= 18, pread(descriptor, &header, 2, 0) == 2, header == [0x1f, 0x8b],
        pread(descriptor, &trailer, 4, off_t(fileSize - 4)) == 4
    else { return fileSize }
    return trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
}
