// LoopbackHTTPServer.swift — a web server on 127.0.0.1 for the download tests.
//
// Just enough HTTP for URLSession's GET: it reads the request line, answers
// 200 with the bytes stored under that path (or 404), and closes the
// connection. It serves one connection at a time on a thread of its own.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP server on a free port of 127.0.0.1, serving fixed contents.
final class LoopbackHTTPServer: @unchecked Sendable {
    /// The port the server listens on, chosen by the system.
    let port: UInt16
    /// The address of the server's root, e.g. `http://127.0.0.1:40123/`.
    var baseURL: String { "http://127.0.0.1:\(port)/" }

    private let listener: Int32
    private let files: [String: Data]
    private let lock = NSLock()
    private var served: [String] = []

    /// Starts serving `files`, keyed by path without the leading slash.
    init(files: [String: Data]) throws {
        #if canImport(Glibc)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        let listener = socket(AF_INET, stream, 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0  // any free port
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        self.listener = listener
        self.files = files
        Thread.detachNewThread { [self] in serve() }
    }

    /// The paths requested so far, in order.
    var requests: [String] { lock.withLock { served } }

    /// Stops accepting connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }  // the listener was closed
            answer(client)
            close(client)
        }
    }

    private func answer(_ client: Int32) {
        // Read until the blank line that ends the request's headers.
        var request = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !request.ends(with: Array("\r\n\r\n".utf8)) {
            let count = read(client, &chunk, chunk.count)
            guard count > 0 else { return }
            request += chunk[0..<count]
        }
        // "GET /name HTTP/1.1"
        let requestLine = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let words = requestLine.split(separator: " ")
        let path = words.count > 1 ? String(words[1].dropFirst()) : ""
        lock.withLock { served.append(path) }
        let body = files[path]
        let status = body == nil ? "404 Not Found" : "200 OK"
        let payload = body ?? Data("not found\n".utf8)
        let header =
            "HTTP/1.1 \(status)\r\nContent-Length: \(payload.count)\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
        deliver(Data(header.utf8) + payload, to: client)
    }

    private func deliver(_ data: Data, to client: Int32) {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)  // a closed client must not kill the tests
        #else
        let flags: Int32 = 0
        #endif
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let sent = send(client, buffer.baseAddress! + offset, buffer.count - offset, flags)
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }
}

extension Array where Element: Equatable {
    /// Whether the array ends with `suffix`.
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
