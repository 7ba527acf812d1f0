// MNIST.swift — finding, downloading, checking and reading the MNIST digits.
//
// Where the files come from, in order:
//   1. the folder given with --data-dir,
//   2. the folder in the environment variable MNIST_DIR,
//   3. the course's cache folder (~/.cache/deep-learning-from-scratch-swift/mnist),
//      where missing files are downloaded over HTTPS on first use.
// Every file is checked against the SHA-256 of its decompressed contents
// (the digests of LeCun, Cortes and Burges' original files).

import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The MNIST database of handwritten digits (LeCun, Cortes & Burges): 60 000
/// training and 10 000 test images of 28 × 28 bytes, with their labels.
public enum MNIST {
    /// One of the four canonical files.
    public struct File: Sendable {
        /// The canonical name, e.g. `train-images-idx3-ubyte.gz`.
        public let name: String
        /// SHA-256 of the decompressed file, lowercase hex.
        public let sha256: String
    }

    /// The four files, with the digests of their decompressed contents.
    public static let trainImages = File(name: "train-images-idx3-ubyte.gz",
                                         sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db")
    /// Training labels (60 000).
    public static let trainLabels = File(name: "train-labels-idx1-ubyte.gz",
                                         sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5")
    /// Test images (10 000).
    public static let testImages = File(name: "t10k-images-idx3-ubyte.gz",
                                        sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7")
    /// Test labels (10 000).
    public static let testLabels = File(name: "t10k-labels-idx1-ubyte.gz",
                                        sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")
    /// All four, in the order they are loaded.
    public static let files = [trainImages, trainLabels, testImages, testLabels]

    /// Public mirrors serving the canonical files under their canonical names,
    /// tried in order. (The original site at yann.lecun.com no longer serves
    /// them to scripts.)
    public static let mirrors = [
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
    ]

    /// The environment variable that points the loader at a folder.
    public static let environmentVariable = "MNIST_DIR"

    /// Where downloads are cached when no folder is given:
    /// `$XDG_CACHE_HOME/deep-learning-from-scratch-swift/mnist`, or under `~/.cache`.
    public static var defaultCacheDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        let cacheHome = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".cache")
        return (cacheHome as NSString).appendingPathComponent("deep-learning-from-scratch-swift/mnist")
    }

    /// The folder to read: the explicit one, else `MNIST_DIR`, else the cache.
    ///
    /// - Returns: The path, and whether the user chose it (an explicit folder
    ///   must exist; the cache folder is created).
    public static func directory(explicit: String?) -> (path: String, chosenByUser: Bool) {
        if let explicit, !explicit.isEmpty { return (explicit, true) }
        if let fromEnvironment = ProcessInfo.processInfo.environment[environmentVariable], !fromEnvironment.isEmpty {
            return (fromEnvironment, true)
        }
        return (defaultCacheDirectory, false)
    }

    /// Whether all four files are present in the folder `directory(explicit:)`
    /// chooses (nothing is downloaded). Tests that need real MNIST ask this.
    public static func isAvailable(explicit: String? = nil) -> Bool {
        let folder = directory(explicit: explicit).path
        return files.allSatisfy { FileManager.default.fileExists(atPath: path(of: $0, in: folder)) }
    }

    /// The training and test sets, downloading what is missing.
    ///
    /// - Parameters:
    ///   - explicit: The `directory:` argument: a folder holding the four files
    ///     (`--data-dir`), or `nil` for `MNIST_DIR` or the cache.
    ///   - verifyDigests: Check each file's SHA-256 (on by default; tests of the
    ///     parser turn it off for their small hand-made files).
    ///   - mirrors: Base addresses to download missing files from, tried in order.
    ///   - log: Where to say what is being downloaded (standard error by default).
    /// - Throws: `DataError` naming the file, what was wrong and what to do.
    public static func load(directory explicit: String? = nil, verifyDigests: Bool = true,
                            mirrors: [String] = MNIST.mirrors,
                            log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) throws -> (train: Dataset, test: Dataset) {
        let (folder, chosenByUser) = directory(explicit: explicit)
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            if chosenByUser {
                throw DataError(path: folder, problem: "the MNIST folder does not exist",
                                remedy: "Check the path given with --data-dir or \(environmentVariable), or leave both unset to download MNIST into \(defaultCacheDirectory).")
            }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } else if !isFolder.boolValue {
            throw DataError(path: folder, problem: "this is a file, not a folder",
                            remedy: "Point --data-dir or \(environmentVariable) at the folder that holds the four MNIST files.")
        }
        for file in files where !FileManager.default.fileExists(atPath: path(of: file, in: folder)) {
            try download(file, into: folder, mirrors: mirrors, log: log)
        }
        let trainImages = try readVerified(self.trainImages, in: folder, dimensions: 3, verify: verifyDigests)
        let trainLabels = try readVerified(self.trainLabels, in: folder, dimensions: 1, verify: verifyDigests)
        let testImages = try readVerified(self.testImages, in: folder, dimensions: 3, verify: verifyDigests)
        let testLabels = try readVerified(self.testLabels, in: folder, dimensions: 1, verify: verifyDigests)
        return (try dataset(images: trainImages, labels: trainLabels, folder: folder),
                try dataset(images: testImages, labels: testLabels, folder: folder))
    }

    /// The path of `file` in `folder`; an uncompressed copy (the name without
    /// `.gz`) is used when only that is there.
    static func path(of file: File, in folder: String) -> String {
        let compressed = (folder as NSString).appendingPathComponent(file.name)
        let plain = String(compressed.dropLast(3))
        if !FileManager.default.fileExists(atPath: compressed) && FileManager.default.fileExists(atPath: plain) {
            return plain
        }
        return compressed
    }

    /// Reads one file, checks its digest, and parses it.
    static func readVerified(_ file: File, in folder: String, dimensions: Int, verify: Bool) throws -> IDXFile {
        let filePath = path(of: file, in: folder)
        let bytes = try readPossiblyCompressedFile(filePath)
        // Parse first: a wrong magic number or a short file gets its own, plainer message.
        let parsed = try IDXFile(bytes: bytes, expectedDimensions: dimensions, path: filePath)
        if verify {
            let digest = sha256Hex(bytes)
            guard digest == file.sha256 else {
                throw DataError(path: filePath,
                                problem: "the contents are not the MNIST file of that name (SHA-256 \(digest.prefix(16))…, expected \(file.sha256.prefix(16))…); the file is corrupt, truncated or a different file",
                                remedy: "Delete it and run again to download a fresh copy, or copy the original file there.")
            }
        }
        return parsed
    }

    /// Pairs an image file with a label file.
    static func dataset(images: IDXFile, labels: IDXFile, folder: String) throws -> Dataset {
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw DataError(path: folder,
                            problem: "\(images.dimensions[0]) images but \(labels.dimensions[0]) labels",
                            remedy: "The image and label files come from different sets; restore the original files.")
        }
        if labels.data.contains(where: { $0 > 9 }) {
            throw DataError(path: folder, problem: "a label file holds values above 9",
                            remedy: "Restore the original label files.")
        }
        return Dataset(pixels: images.data, labels: labels.data,
                       features: images.dimensions.dropFirst().reduce(1, *), classes: 10)
    }

    /// SHA-256 of `bytes` as lowercase hex (swift-crypto).
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Downloads one file into `folder`, trying each mirror; the file appears
    /// under its final name only once its contents have been checked.
    static func download(_ file: File, into folder: String, mirrors: [String], log: (String) -> Void) throws {
        let destination = (folder as NSString).appendingPathComponent(file.name)
        // Leftovers of an interrupted earlier download never carry the final name; clear them.
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in leftovers where name.hasPrefix(file.name + ".part-") {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
        let partial = destination + ".part-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        var failures: [String] = []
        for mirror in mirrors {
            let url = mirror + file.name
            log("Downloading \(url) …")
            do {
                let data = try fetch(URL(string: url)!)
                try data.write(to: URL(fileURLWithPath: partial))
                let bytes = try readPossiblyCompressedFile(partial)
                guard sha256Hex(bytes) == file.sha256 else {
                    failures.append("\(url): the download does not match the expected SHA-256")
                    continue
                }
                // rename(2) is atomic: the final name holds a whole, checked file or nothing.
                guard rename(partial, destination) == 0 else {
                    throw DataError(path: destination, problem: "cannot move the download into place",
                                    remedy: "Check that the folder is writable.")
                }
                return
            } catch let error as DataError {
                failures.append("\(url): \(error.problem)")
            } catch {
                failures.append("\(url): \(error.localizedDescription)")
            }
        }
        throw DataError(path: destination,
                        problem: "the file is missing and could not be downloaded:\n    " + failures.joined(separator: "\n    "),
                        remedy: "Check the internet connection, or download the four MNIST files by hand into a folder and pass it with --data-dir or \(environmentVariable).")
    }

    /// The body of a GET request, waiting for it to finish.
    static func fetch(_ url: URL) throws -> Data {
        final class Outcome: @unchecked Sendable {
            var result: Result<Data, Error> = .failure(URLError(.unknown))
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url)
        request.timeoutInterval = 60
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                outcome.result = .failure(error)
            } else if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                outcome.result = .failure(DataError(path: url.absoluteString, problem: "HTTP status \(http.statusCode)", remedy: ""))
            } else {
                outcome.result = .success(data ?? Data())
            }
            done.signal()
        }.resume()
        done.wait()
        return try outcome.result.get()
    }
}
