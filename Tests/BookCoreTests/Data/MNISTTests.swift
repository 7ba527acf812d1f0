// MNISTTests.swift — loading a folder of MNIST-like files, its errors, and the real MNIST.

import Foundation
import Testing

@testable import BookCore

/// A tiny MNIST-like folder: 5 training and 3 test images of 2 × 3 pixels.
private struct FakeMNIST {
    let folder: String
    let trainPixels = (0..<5 * 6).map { UInt8($0 * 8) }
    let trainLabels: [UInt8] = [5, 0, 4, 1, 9]
    let testPixels = (0..<3 * 6).map { UInt8(255 - $0) }
    let testLabels: [UInt8] = [7, 2, 1]

    /// Writes the four files; compressed with gzip when `compressed` (and gzip is there).
    init(compressed: Bool = false, name: String = #function) throws {
        folder = try makeTemporaryDirectory(name)
        let contents: [(MNIST.File, [Int], [UInt8])] = [
            (MNIST.trainImages, [5, 2, 3], trainPixels), (MNIST.trainLabels, [5], trainLabels),
            (MNIST.testImages, [3, 2, 3], testPixels), (MNIST.testLabels, [3], testLabels),
        ]
        for (file, dimensions, data) in contents {
            // Plain files go under the name without `.gz`, as `gunzip` would leave them.
            let plain = join(folder, String(file.name.dropLast(3)))
            try writeBytes(IDXFile.encode(dimensions: dimensions, data: data), to: plain)
            if compressed {
                #expect(try gzipFile(plain, to: join(folder, file.name)))
                try FileManager.default.removeItem(atPath: plain)
            }
        }
    }

    /// Replaces one file's contents (plain).
    func overwrite(_ file: MNIST.File, dimensions: [Int], data: [UInt8]) throws {
        try writeBytes(
            IDXFile.encode(dimensions: dimensions, data: data),
            to: join(folder, String(file.name.dropLast(3))))
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

@Suite("MNIST loading")
struct MNISTTests {
    @Test("A folder of plain IDX files loads into the right data sets (digests off)")
    func loadsPlainFiles() throws {
        let fake = try FakeMNIST()
        defer { fake.remove() }
        let (train, test) = try MNIST.load(directory: fake.folder, verifyDigests: false, log: { _ in })
        #expect(train.count == 5 && test.count == 3)
        #expect(train.features == 6 && test.features == 6 && train.classes == 10)
        #expect(train.pixels == fake.trainPixels && train.labels == fake.trainLabels)
        #expect(test.pixels == fake.testPixels && test.labels == fake.testLabels)
    }

    @Test("The same folder gzip-compressed loads the same", .enabled(if: gzipAvailable, "needs /usr/bin/gzip"))
    func loadsCompressedFiles() throws {
        let fake = try FakeMNIST(compressed: true)
        defer { fake.remove() }
        #expect(FileManager.default.fileExists(atPath: join(fake.folder, MNIST.trainImages.name)))
        let (train, test) = try MNIST.load(directory: fake.folder, verifyDigests: false, log: { _ in })
        #expect(train.pixels == fake.trainPixels && train.labels == fake.trainLabels)
        #expect(test.pixels == fake.testPixels && test.labels == fake.testLabels)
    }

    @Test("With digests checked, the fake files are rejected by SHA-256, naming the file")
    func digestMismatch() throws {
        let fake = try FakeMNIST()
        defer { fake.remove() }
        let error = #expect(throws: DataError.self) {
            try MNIST.load(directory: fake.folder, verifyDigests: true, log: { _ in })
        }
        #expect(error?.problem.contains("SHA-256") == true)
        #expect(error?.path.hasSuffix("train-images-idx3-ubyte") == true)
    }

    @Test("sha256Hex is the standard SHA-256")
    func sha256() {
        #expect(
            MNIST.sha256Hex(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("A missing folder given explicitly is a DataError saying it does not exist")
    func missingFolder() {
        let path = NSTemporaryDirectory() + "no-such-mnist-\(UUID().uuidString)"
        let error = #expect(throws: DataError.self) {
            try MNIST.load(directory: path, verifyDigests: false, log: { _ in })
        }
        #expect(error?.path == path)
        #expect(error?.problem.contains("does not exist") == true)
        #expect(error?.remedy.contains("MNIST_DIR") == true)
        #expect(!FileManager.default.fileExists(atPath: path))  // nothing was created
    }

    @Test("A file given as the folder is a DataError")
    func fileInsteadOfFolder() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = join(folder, "not-a-folder")
        try writeBytes([1, 2, 3], to: file)
        let error = #expect(throws: DataError.self) {
            try MNIST.load(directory: file, verifyDigests: false, log: { _ in })
        }
        #expect(error?.problem.contains("not a folder") == true)
    }

    @Test("Image and label counts that differ are a DataError")
    func countMismatch() throws {
        let fake = try FakeMNIST()
        defer { fake.remove() }
        try fake.overwrite(MNIST.testLabels, dimensions: [2], data: [1, 2])
        let error = #expect(throws: DataError.self) {
            try MNIST.load(directory: fake.folder, verifyDigests: false, log: { _ in })
        }
        #expect(error?.problem.contains("3 images but 2 labels") == true)
    }

    @Test("A label above 9 is a DataError")
    func labelOutOfRange() throws {
        let fake = try FakeMNIST()
        defer { fake.remove() }
        try fake.overwrite(MNIST.trainLabels, dimensions: [5], data: [1, 2, 10, 3, 4])
        #expect(throws: DataError.self) {
            try MNIST.load(directory: fake.folder, verifyDigests: false, log: { _ in })
        }
    }

    @Test("A truncated image file is a DataError naming it")
    func truncatedImages() throws {
        let fake = try FakeMNIST()
        defer { fake.remove() }
        let path = join(fake.folder, "t10k-images-idx3-ubyte")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.dropLast(4).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: DataError.self) {
            try MNIST.load(directory: fake.folder, verifyDigests: false, log: { _ in })
        }
        #expect(error?.path == path)
        #expect(error?.problem.contains("truncated") == true)
    }

    @Test("isAvailable looks for all four files")
    func isAvailable() throws {
        let fake = try FakeMNIST()
        defer { fake.remove() }
        #expect(MNIST.isAvailable(explicit: fake.folder))
        try FileManager.default.removeItem(atPath: join(fake.folder, "t10k-labels-idx1-ubyte"))
        #expect(!MNIST.isAvailable(explicit: fake.folder))
    }

    @Test("The canonical file names and digests are the ones in the shared README")
    func canonicalFiles() {
        #expect(
            MNIST.files.map(\.name) == [
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
            ])
        #expect(MNIST.files.allSatisfy { $0.sha256.count == 64 && $0.sha256.allSatisfy(\.isHexDigit) })
        #expect(MNIST.mirrors.allSatisfy { $0.hasPrefix("https://") && $0.hasSuffix("/") })
    }

    @Test(
        "Real MNIST: 60 000 + 10 000 images of 784 pixels, with the known label counts",
        .enabled(if: MNIST.isAvailable(), "needs MNIST (set MNIST_DIR)"))
    func realMNIST() throws {
        let (train, test) = try MNIST.load(log: { _ in })
        #expect(train.count == 60_000 && test.count == 10_000)
        #expect(train.features == 784 && test.features == 784)
        #expect(train.labelCounts() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        #expect(test.labelCounts() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        #expect(train.labels[0] == 5 && test.labels[0] == 7)
        let (x, labels) = train.batch([0, 1])
        #expect(labels == [5, 0])
        #expect(x.elements.allSatisfy { $0 >= 0 && $0 <= 1 } && x.elements.contains(1))
    }
}
