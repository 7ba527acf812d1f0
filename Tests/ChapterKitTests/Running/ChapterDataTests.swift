// ChapterDataTests.swift — a chapter's MNIST errors speak of its own flag.

import BookCore
import Foundation
import Testing

@testable import ChapterKit

@Suite("Chapter data")
struct ChapterDataTests {
    @Test("A missing --data-dir folder: the chapter's advice names --data-dir, BookCore's does not")
    func missingFolderNamesTheFlag() throws {
        let path = NSTemporaryDirectory() + "no-such-mnist-\(UUID().uuidString)"
        let options = try ChapterOptions.parse(["--data-dir", path])
        let error = #expect(throws: DataError.self) { try options.loadMNIST() }
        #expect(error?.path == path)
        #expect(error?.problem == "the MNIST folder does not exist")
        #expect(error?.remedy.contains("pass it with --data-dir (or set MNIST_DIR to it)") == true)
        let plain = #expect(throws: DataError.self) { try MNIST.load(directory: path, log: { _ in }) }
        #expect(plain?.problem == error?.problem)
        #expect(plain?.remedy.contains("--data-dir") == false)
        #expect(plain?.remedy.contains("set MNIST_DIR to it") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("A file given as --data-dir: the advice names --data-dir")
    func fileAsFolderNamesTheFlag() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = join(folder, "not-a-folder")
        try writeBytes([1, 2, 3], to: file)
        let error = #expect(throws: DataError.self) { try ChapterOptions.parse(["--data-dir", file]).loadMNIST() }
        #expect(error?.problem == "this is a file, not a folder")
        #expect(error?.remedy == "Put the four MNIST files in a folder and pass it with --data-dir (or set MNIST_DIR to it).")
    }
}
