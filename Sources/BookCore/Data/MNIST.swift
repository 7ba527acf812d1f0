// MNIST.swift — finding, downloading, checking and reading the MNIST digits.
//
// Where the files come from, in order:
//   1. the folder the caller names (a chapter's --data-dir),
//   2. the folder in the environment variable MNIST_DIR,
//   3. the course's cache folder (~/.cache/deep-learning-from-scratch-swift/mnist),
//      where missing files are downloaded over HTTPS on first use.
// Every file is checked against the SHA-256 of its decompressed contents
// (the digests of LeCun, Cortes and Burges' original files).

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
        /// How many dimensions its IDX header lists: 3 for images (N, 28, 28), 1 for labels (N).
        public let dimensions: Int
    }

    /// The four files, with the digests of their decompressed contents.
    public static let trainImages = File(
        name: "train-images-idx3-ubyte.gz",
        sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", dimensions: 3)
    /// Training labels (60 000).
    public static let trainLabels = File(
        name: "train-labels-idx1-ubyte.gz",
        sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", dimensions: 1)
    /// Test images (10 000).
    public static let testImages = File(
        name: "t10k-images-idx3-ubyte.gz",
        sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", dimensions: 3)
    /// Test labels (10 000).
    public static let testLabels = File(
        name: "t10k-labels-idx1-ubyte.gz",
        sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", dimensions: 1)
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

    /// How BookCore's own advice says to name a folder of one's own: "… put
    /// the four MNIST files in a folder and set MNIST_DIR to it."
    public static let otherFolder = "set \(environmentVariable) to it"

    /// Where downloads are cached when no folder is given:
    /// `$XDG_CACHE_HOME/deep-learning-from-scratch-swift/mnist`, else the same
    /// under `$HOME/.cache` (the account's home folder only when `HOME` is unset).
    public static var defaultCacheDirectory: String {
        cacheDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// The cache folder that `environment` (`XDG_CACHE_HOME`, `HOME`) chooses.
    static func cacheDirectory(environment: [String: String]) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let cacheHome =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".cache")
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
    ///   - explicit: The `directory:` argument: a folder holding the four files,
    ///     or `nil` for `MNIST_DIR` or the cache.
    ///   - verifyDigests: Check each file's SHA-256 (on by default; tests of the
    ///     parser turn it off for their small hand-made files).
    ///   - mirrors: Base addresses to download missing files from, tried in order.
    ///   - otherFolder: How the advice on failure says to name a folder of
    ///     one's own, after "put the four MNIST files in a folder and …" (a
    ///     chapter says "pass it with --data-dir (or set MNIST_DIR to it)").
    ///   - log: Where to say what is being downloaded (standard error by default).
    /// - Throws: `DataError` naming the file, what was wrong and what to do.
    public static func load(
        directory explicit: String? = nil, verifyDigests: Bool = true,
        mirrors: [String] = MNIST.mirrors, otherFolder: String = MNIST.otherFolder,
        log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) throws -> (train: Dataset, test: Dataset) {
        let (folder, chosenByUser) = directory(explicit: explicit)
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            if chosenByUser {
                throw DataError(
                    path: folder, problem: "the MNIST folder does not exist",
                    remedy:
                        "Check the path, or put the four MNIST files in a folder and \(otherFolder); with no folder named, they are downloaded into \(defaultCacheDirectory)."
                )
            }
            try createCacheDirectory(folder, otherFolder: otherFolder)
        } else if !isFolder.boolValue {
            throw DataError(
                path: folder, problem: "this is a file, not a folder",
                remedy: "Put the four MNIST files in a folder and \(otherFolder).")
        }
        let missing = files.filter { !FileManager.default.fileExists(atPath: path(of: $0, in: folder)) }
        for file in missing {
            do {
                try download(file, into: folder, mirrors: mirrors, otherFolder: otherFolder, log: log)
            } catch let error as DataError where missing.count > 1 {
                // Name every missing file, not only the first: the remedy is the same for all.
                let names = missing.map(\.name).joined(separator: ", ")
                let count = missing.count == files.count ? "all four MNIST files are" : "\(missing.count) of the four MNIST files are"
                let reasons = error.problem.range(of: ":\n").map { String(error.problem[$0.lowerBound...]) } ?? ": " + error.problem
                throw DataError(
                    path: folder,
                    problem: "\(count) missing (\(names)) and could not be downloaded\(reasons)",
                    remedy: error.remedy)
            }
        }
        // The four files are read side by side (the training images, 47 MB
        // decompressed, take most of the time); an error is reported for the
        // first file, in this order, that has one.
        let results = sideBySide(files.count) { i in
            Result { try readVerified(files[i], in: folder, verify: verifyDigests) }
        }
        let trainImages = try results[0].get()
        let trainLabels = try results[1].get()
        let testImages = try results[2].get()
        let testLabels = try results[3].get()
        return (
            try dataset(images: trainImages, labels: trainLabels, folder: folder),
            try dataset(images: testImages, labels: testLabels, folder: folder)
        )
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

    /// Reads one file, parses it, and checks its digest.
    ///
    /// The SHA-256 is computed a megabyte at a time as the file is
    /// decompressed into place, on another thread.
    static func readVerified(_ file: File, in folder: String, verify: Bool) throws -> IDXFile {
        let filePath = path(of: file, in: folder)
        let hasher = SHA256()
        // Parsing comes first: a wrong magic number or a short file gets its own, plainer message.
        let parsed = try IDXFile(contentsOf: filePath, expectedDimensions: file.dimensions) { piece in
            if verify { hasher.update(piece) }
        }
        if verify {
            let digest = hex(hasher.finalize())
            guard digest == file.sha256 else {
                throw DataError(
                    path: filePath,
                    problem:
                        "the contents are not the MNIST file of that name (SHA-256 \(digest.prefix(16))…, expected \(file.sha256.prefix(16))…); the file is corrupt, truncated or a different file",
                    remedy: "Delete it and run again to download a fresh copy, or copy the original file there.")
            }
        }
        return parsed
    }

    /// Creates the cache folder, or says in one line why it cannot be
    /// (`otherFolder` as in `load`).
    static func createCacheDirectory(_ folder: String, otherFolder: String = MNIST.otherFolder) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            // Name the first part of the path that is in the way, not Foundation's error dump.
            var blocker = folder
            var isFolder: ObjCBool = false
            var probe = (folder as NSString).deletingLastPathComponent
            while !probe.isEmpty && probe != "/" {
                if FileManager.default.fileExists(atPath: probe, isDirectory: &isFolder) {
                    if !isFolder.boolValue { blocker = probe }
                    break
                }
                probe = (probe as NSString).deletingLastPathComponent
            }
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason =
                underlying.map { $0.domain == NSPOSIXErrorDomain ? systemMessage(Int32($0.code)) : $0.localizedDescription }
                ?? "permission denied, or a read-only disk"
            let problem =
                blocker == folder
                ? "cannot create the MNIST cache folder (\(reason))"
                : "cannot create the MNIST cache folder: \(blocker) is a file, not a folder"
            throw DataError(
                path: folder, problem: problem,
                remedy: "Set XDG_CACHE_HOME to a writable folder, or put the four MNIST files in a folder and \(otherFolder).")
        }
    }

    /// Pairs an image file with a label file.
    static func dataset(images: IDXFile, labels: IDXFile, folder: String) throws -> Dataset {
        guard images.dimensions.allSatisfy({ $0 > 0 }) else {
            throw DataError(
                path: folder, problem: "an image file announces an empty size \(images.dimensions)",
                remedy: "Restore the original image files.")
        }
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw DataError(
                path: folder,
                problem: "\(images.dimensions[0]) images but \(labels.dimensions[0]) labels",
                remedy: "The image and label files come from different sets; restore the original files.")
        }
        if labels.data.contains(where: { $0 > 9 }) {
            throw DataError(
                path: folder, problem: "a label file holds values above 9",
                remedy: "Restore the original label files.")
        }
        return Dataset(
            pixels: images.data, labels: labels.data,
            features: images.dimensions.dropFirst().reduce(1, *), classes: 10)
    }

    /// SHA-256 of `bytes` as lowercase hex (the system's libcrypto, or CommonCrypto on macOS).
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(bytes))
    }

    /// A digest as lowercase hex.
    static func hex(_ digest: [UInt8]) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Downloads one file into `folder`, trying each mirror; the file appears
    /// under its final name only once its contents have been checked
    /// (`otherFolder` as in `load`).
    static func download(_ file: File, into folder: String, mirrors: [String], otherFolder: String, log: (String) -> Void) throws {
        let destination = (folder as NSString).appendingPathComponent(file.name)
        var failures: [String] = []
        for mirror in mirrors {
            let url = mirror + file.name
            log("Downloading \(url) …")
            do {
                let data = try fetch(URL(string: url)!)
                guard data.count <= maximumDataFileSize else {
                    failures.append("\(url): the download is \(data.count) bytes, more than any MNIST file")
                    continue
                }
                // The download goes to a temporary name of this run only (listed in
                // TemporaryFiles, so Ctrl-C removes it too); other runs' files are left alone.
                let partial = try writeTemporaryFile(data, beside: destination)
                defer { TemporaryFiles.remove(partial) }
                let bytes = try readPossiblyCompressedFile(partial)
                guard sha256Hex(bytes) == file.sha256 else {
                    failures.append("\(url): the download does not match the expected SHA-256")
                    continue
                }
                // rename(2) is atomic: the final name holds a whole, checked file or nothing.
                try TemporaryFiles.commit(partial, to: destination)
                return
            } catch let error as DataError {
                failures.append("\(url): \(error.problem)")
            } catch {
                failures.append("\(url): \(error.localizedDescription)")
            }
        }
        throw DataError(
            path: destination,
            problem: "the file is missing and could not be downloaded:\n    " + failures.joined(separator: "\n    "),
            remedy: "Check the internet connection, or download the four MNIST files by hand into a folder and \(otherFolder).")
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
