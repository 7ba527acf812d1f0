// Gzip.swift — reading a gzip-compressed (or plain) file, through zlib.

import CZlib

/// The bytes of a file, decompressed if it is gzip-compressed.
///
/// zlib's `gzread` passes uncompressed files through unchanged, so an
/// already-decompressed `train-images-idx3-ubyte` reads as well as the `.gz`.
///
/// - Throws: `DataError` if the file cannot be opened or the compressed data
///   is damaged (a truncated download, for instance).
public func readPossiblyCompressedFile(_ path: String) throws -> [UInt8] {
    guard let file = gzopen(path, "rb") else {
        throw DataError(path: path, problem: "cannot open the file",
                        remedy: "Check that it exists and is readable.")
    }
    defer { gzclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let read = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
        if read < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown zlib error"
            throw DataError(path: path, problem: "the compressed data is damaged (\(message))",
                            remedy: "Delete the file and run again to download a fresh copy.")
        }
        if read == 0 { break }
        bytes.append(contentsOf: chunk[0 ..< Int(read)])
    }
    // gzread stops quietly at a truncated end; zlib reports it afterwards.
    var code: Int32 = 0
    _ = gzerror(file, &code)
    if code != Z_OK && code != Z_STREAM_END {
        throw DataError(path: path, problem: "the compressed data ends early (truncated file)",
                        remedy: "Delete the file and run again to download a fresh copy.")
    }
    return bytes
}
