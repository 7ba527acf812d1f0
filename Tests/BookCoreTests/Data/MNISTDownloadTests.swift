// MNISTDownloadTests.swift — the download path, against a web server on this machine.
//
// Without the internet, the test points the loader at a mirror on 127.0.0.1
// that refuses connections, and checks the message and that no partial file
// is left behind.

@testable import BookCore
import Foundation
import Testing

@Suite("MNIST download")
struct MNISTDownloadTests {
    @Test("When every mirror fails, the error names the file and says what to do; nothing is left behind")
    func failingMirrorsLeaveNothing() throws {
        let cache = NSTemporaryDirectory() + "mnist-nodownload-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: cache) }
        // Port 9 (discard) on loopback: the connection is refused at once.
        do {
            _ = try MNIST.load(directory: cache, mirrors: ["http://127.0.0.1:9/"], log: { _ in })
            Issue.record("loading from an unreachable mirror should fail")
        } catch let error as DataError {
            #expect(error.path.hasSuffix(MNIST.trainImages.name))
            #expect(error.problem.contains("could not be downloaded"))
            #expect(error.remedy.contains("--data-dir"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
    }
}
