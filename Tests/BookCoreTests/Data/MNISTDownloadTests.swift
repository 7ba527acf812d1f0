// MNISTDownloadTests.swift — the download path, against web servers on this machine.
//
// Without the internet, the tests point the loader at mirrors on 127.0.0.1:
// one that refuses connections, one that answers 404, one that serves the
// wrong bytes, and one that serves the real files (read from the offline copy
// that MNIST_DIR names, so that test runs only where MNIST is available).

import Foundation
import Testing

@testable import BookCore

@Suite("MNIST download")
struct MNISTDownloadTests {
    /// A fresh, empty cache folder, and what it holds at the end.
    private func emptyCache(_ name: String) throws -> String {
        let cache = NSTemporaryDirectory() + "mnist-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        return cache
    }

    @Test("When every mirror fails, the error names the file and says what to do; nothing is left behind")
    func failingMirrorsLeaveNothing() throws {
        let cache = try emptyCache("nodownload")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        // Port 9 (discard) on loopback: the connection is refused at once.
        do {
            _ = try MNIST.load(directory: cache, mirrors: ["http://127.0.0.1:9/"], log: { _ in })
            Issue.record("loading from an unreachable mirror should fail")
        } catch let error as DataError {
            #expect(error.path == cache)
            #expect(error.problem.contains("could not be downloaded"))
            #expect(error.remedy.contains("MNIST_DIR"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
    }

    @Test("A 404 and a wrong file are both reported, one line per mirror; nothing is left behind")
    func notFoundAndWrongBytes() throws {
        let cache = try emptyCache("wrongbytes")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let empty = try LoopbackHTTPServer(files: [:])
        let wrong = try LoopbackHTTPServer(
            files: Dictionary(
                uniqueKeysWithValues: MNIST.files.map {
                    ($0.name, Data("this is not MNIST\n".utf8))
                }))
        defer {
            empty.stop()
            wrong.stop()
        }
        do {
            _ = try MNIST.load(directory: cache, mirrors: [empty.baseURL, wrong.baseURL], log: { _ in })
            Issue.record("loading from mirrors without the real files should fail")
        } catch let error as DataError {
            #expect(error.path == cache)
            #expect(error.problem.contains("\(empty.baseURL)\(MNIST.trainImages.name): HTTP status 404"))
            #expect(error.problem.contains("\(wrong.baseURL)\(MNIST.trainImages.name): the download does not match the expected SHA-256"))
        }
        #expect(empty.requests == [MNIST.trainImages.name])
        #expect(wrong.requests == [MNIST.trainImages.name])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
    }

    @Test("A well-formed IDX file with the wrong digest is refused by its SHA-256 alone; nothing is kept")
    func wellFormedButWrongDigest() throws {
        let cache = try emptyCache("wrongdigest")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        // Files the parser accepts (a 1×28×28 image, one label): only the digest tells them from MNIST.
        let files = Dictionary(
            uniqueKeysWithValues: MNIST.files.map { file in
                let dimensions = file.dimensions == 3 ? [1, 28, 28] : [1]
                let data = [UInt8](repeating: 1, count: dimensions.reduce(1, *))
                return (file.name, Data(IDXFile.encode(dimensions: dimensions, data: data)))
            })
        let impostor = try LoopbackHTTPServer(files: files)
        defer { impostor.stop() }
        do {
            _ = try MNIST.load(directory: cache, mirrors: [impostor.baseURL], log: { _ in })
            Issue.record("a file with the wrong SHA-256 should be refused")
        } catch let error as DataError {
            #expect(
                error.problem.contains("\(impostor.baseURL)\(MNIST.trainImages.name): the download does not match the expected SHA-256"))
        }
        #expect(impostor.requests == [MNIST.trainImages.name])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
        #expect(TemporaryFiles.listed.allSatisfy { !$0.hasPrefix(cache) })
    }

    @Test(
        "A bad mirror is passed over for the next; the four files arrive whole, checked, and alone",
        .enabled(if: MNIST.isAvailable(), "needs MNIST (set MNIST_DIR)"))
    func downloadsFromTheNextMirror() throws {
        let source = MNIST.directory(explicit: nil).path
        var originals: [String: Data] = [:]
        for file in MNIST.files {
            originals[file.name] = try Data(contentsOf: URL(fileURLWithPath: MNIST.path(of: file, in: source)))
        }
        let wrong = try LoopbackHTTPServer(files: originals.mapValues { Data($0.reversed()) })
        let good = try LoopbackHTTPServer(files: originals)
        defer {
            wrong.stop()
            good.stop()
        }
        let cache = try emptyCache("download")
        defer { try? FileManager.default.removeItem(atPath: cache) }

        var messages: [String] = []
        let (train, test) = try MNIST.load(
            directory: cache, mirrors: [wrong.baseURL, good.baseURL],
            log: { messages.append($0) })

        #expect(train.count == 60_000 && test.count == 10_000)
        let names = MNIST.files.map(\.name)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cache).sorted() == names.sorted(),
            "only the four files, no partial downloads")
        for name in names {
            let cached = try Data(contentsOf: URL(fileURLWithPath: (cache as NSString).appendingPathComponent(name)))
            #expect(cached == originals[name], "\(name) differs from the served file")
        }
        #expect(wrong.requests == names && good.requests == names, "each file asked of both mirrors, in order")
        #expect(messages.count == 8 && messages.allSatisfy { $0.hasPrefix("Downloading http://127.0.0.1:") })

        // A second load finds the files and downloads nothing.
        _ = try MNIST.load(directory: cache, mirrors: [good.baseURL], log: { messages.append($0) })
        #expect(good.requests.count == 4 && messages.count == 8)
    }
}
