// HostileDataTests.swift — data files that are not what they claim: a named
// pipe, a link to /dev/zero, a folder, a gzip bomb, a crafted IDX header; and
// the files the loader must not touch.

import Foundation
import Testing

@testable import BookCore

@Suite("Hostile data files")
struct HostileDataTests {
    @Test("A named pipe is refused at once, without waiting for a writer (class 3)")
    func namedPipe() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pipe = join(folder, "train-images-idx3-ubyte.gz")
        #expect(mkfifo(pipe, 0o600) == 0)
        let error = #expect(throws: DataError.self) { try readPossiblyCompressedFile(pipe) }
        #expect(error?.problem == "this is a named pipe, not a data file")
    }

    @Test("A link to /dev/zero is refused, not read until memory runs out (class 3)")
    func linkToDevZero() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = join(folder, "train-images-idx3-ubyte.gz")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        let error = #expect(throws: DataError.self) { try readPossiblyCompressedFile(link) }
        #expect(error?.problem == "this is a device, not a data file")
    }

    @Test("A folder where a data file should be is called a folder, not damaged data (class 8)")
    func folderInsteadOfFile() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inner = join(folder, "t10k-labels-idx1-ubyte.gz")
        try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: false)
        let error = #expect(throws: DataError.self) { try readPossiblyCompressedFile(inner) }
        #expect(error?.problem == "this is a folder, not a data file")
    }

    @Test("A plain file past the size limit is refused before it is read (class 3)")
    func oversizedPlainFile() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeBytes([UInt8](repeating: 7, count: 5000), to: join(folder, "big"))
        let error = #expect(throws: DataError.self) { try readPossiblyCompressedFile(join(folder, "big"), limit: 4096) }
        #expect(error?.problem.contains("more than any MNIST file") == true)
        #expect(maximumDataFileSize >= 47_040_016)  // the largest MNIST file still fits
    }

    @Test("A gzip bomb stops at the limit with a clear error (class 3)", .enabled(if: gzipAvailable, "needs /usr/bin/gzip"))
    func gzipBomb() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 3 MB of zeros compress to a few kilobytes; with a 1 MB limit they must be refused.
        try writeBytes([UInt8](repeating: 0, count: 3 << 20), to: join(folder, "zeros"))
        #expect(try gzipFile(join(folder, "zeros"), to: join(folder, "bomb.gz")))
        let error = #expect(throws: DataError.self) {
            try readPossiblyCompressedFile(join(folder, "bomb.gz"), limit: 1 << 20)
        }
        #expect(error?.problem.contains("decompresses to more than 1048576 bytes") == true)
    }

    @Test("An IDX header whose sizes multiply past Int.max is a format error, not a crash (class 4)")
    func overflowingHeader() {
        // Magic 0x00000803, then three sizes of 0xFFFFFFFF: their product needs 96 bits.
        let bytes: [UInt8] = [0, 0, 8, 3] + [UInt8](repeating: 0xFF, count: 12) + [1, 2, 3]
        let error = #expect(throws: DataError.self) {
            try IDXFile(bytes: bytes, expectedDimensions: 3, path: "crafted")
        }
        #expect(error?.problem.contains("more than any file can hold") == true)
        // Two sizes of 2^31 - 1 and one of 1 fit in Int: the ordinary length check answers.
        let fits: [UInt8] = [0, 0, 8, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1]
        let short = #expect(throws: DataError.self) { try IDXFile(bytes: fits, expectedDimensions: 3, path: "crafted") }
        #expect(short?.problem.contains("truncated") == true)
    }

    @Test("The cache follows XDG_CACHE_HOME, else $HOME/.cache (class 7)")
    func cacheFollowsEnvironment() {
        #expect(
            MNIST.cacheDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/h"])
                == "/x/cache/deep-learning-from-scratch-swift/mnist")
        #expect(
            MNIST.cacheDirectory(environment: ["HOME": "/home/h"])
                == "/home/h/.cache/deep-learning-from-scratch-swift/mnist")
        #expect(
            MNIST.cacheDirectory(environment: ["XDG_CACHE_HOME": "", "HOME": "/home/h"])
                == "/home/h/.cache/deep-learning-from-scratch-swift/mnist")
    }

    @Test("A cache path under a file says so in one line, not a Foundation dump (class 8)")
    func cacheUnderAFile() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeBytes([1], to: join(folder, "cache"))
        let error = #expect(throws: DataError.self) {
            try MNIST.createCacheDirectory(join(folder, "cache/deep-learning-from-scratch-swift/mnist"))
        }
        #expect(error?.problem == "cannot create the MNIST cache folder: \(join(folder, "cache")) is a file, not a folder")
        #expect(error?.remedy.contains("XDG_CACHE_HOME") == true)
    }

    @Test("An empty data folder names all four missing files; other runs' partial downloads are left alone (classes 7, 8)")
    func emptyFolderNamesEveryFile() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let others = [".train-images-idx3-ubyte.gz.tmp-1-1", "train-images-idx3-ubyte.gz.part-1"]
        for name in others { try writeBytes([1], to: join(folder, name)) }
        // Port 9 (discard) on loopback: the connection is refused at once.
        let error = #expect(throws: DataError.self) {
            try MNIST.load(directory: folder, mirrors: ["http://127.0.0.1:9/"], log: { _ in })
        }
        #expect(error?.problem.hasPrefix("all four MNIST files are missing (") == true)
        for file in MNIST.files { #expect(error?.problem.contains(file.name) == true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == others.sorted())
        #expect(TemporaryFiles.listed.allSatisfy { !$0.hasPrefix(folder) })
    }

    @Test("An atomic write replaces a symlink at the name instead of writing through it (class 7)")
    func atomicWriteReplacesSymlink() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let victim = join(folder, "victim")
        try writeBytes(Array("keep me".utf8), to: victim)
        try FileManager.default.createSymbolicLink(atPath: join(folder, "data.dat"), withDestinationPath: victim)
        try writeFileAtomically(Array("new".utf8), to: join(folder, "data.dat"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: join(folder, "data.dat"))) == nil)
        #expect(try String(contentsOfFile: join(folder, "data.dat"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["data.dat", "victim"])
    }
}
