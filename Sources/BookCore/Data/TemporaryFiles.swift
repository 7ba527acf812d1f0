// TemporaryFiles.swift — files this run is still writing, so that nothing
// half-written ever takes a real name, and nothing of ours is left behind.
//
// Every file the course writes (a download, a data file, a script, a rendered
// picture) is first written under a temporary name in its own folder, checked,
// and then renamed into place: rename(2) is atomic, and it replaces a symlink
// at the final name instead of writing through it. Until then the temporary
// name is listed here, so that an error, Ctrl-C or SIGTERM removes exactly the
// files this run created — never another run's.

import Foundation

/// The temporary files this process has created and not yet renamed or removed.
///
/// The list lives in plain C memory so that `removeAll()` may run inside a
/// signal handler: it only reads pointers and calls `unlink(2)`.
public enum TemporaryFiles {
    /// How many temporary files may be open at once (the course needs a handful).
    static let capacity = 256

    /// The paths, as C strings; `nil` marks a free slot.
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()

    /// Guards `slots` and `counter` (outside signal handlers).
    private static let lock = NSLock()
    /// Makes each temporary name of this process unique.
    nonisolated(unsafe) private static var counter = 0

    /// Makes sure the list exists, so that a signal handler never allocates it.
    public static func prepare() { _ = slots }

    /// Set by a fatal-signal handler before it cleans up: the process is about
    /// to end, and no temporary file made from now on may outlive it.
    nonisolated(unsafe) public private(set) static var isTerminating = false

    /// Marks the process as ending (signal-safe: one store). A thread that
    /// creates a temporary file afterwards removes it and waits for the end.
    public static func beginTermination() { isTerminating = true }

    /// Creates a new, empty file beside `finalPath`, named
    /// `.<name>.tmp-<pid>-<n>`, and lists it.
    ///
    /// The file is created with `O_EXCL`: a planted file or symlink at that
    /// name makes this fail rather than be written through.
    ///
    /// - Parameters:
    ///   - finalPath: The name the file will take once it is complete.
    ///   - otherFolder: How the advice on failure says to pick another folder
    ///     (a chapter says "choose another with --output").
    /// - Returns: The temporary path and an open, writable descriptor (the caller closes it).
    /// - Throws: `DataError` if the folder does not allow it.
    public static func create(
        beside finalPath: String, otherFolder: String = "choose another"
    ) throws -> (path: String, descriptor: Int32) {
        // A signal handler is cleaning up (it set the flag before stopping gnuplot,
        // which may be what let this thread go on): make nothing, wait for the end.
        while isTerminating { pause() }
        let folder = (finalPath as NSString).deletingLastPathComponent
        let name = (finalPath as NSString).lastPathComponent
        for _ in 0..<100 {
            lock.lock()
            counter += 1
            let n = counter
            lock.unlock()
            let temporary = ((folder.isEmpty ? "." : folder) as NSString)
                .appendingPathComponent(".\(name).tmp-\(getpid())-\(n)")
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
            if descriptor >= 0 {
                register(temporary)
                if isTerminating {  // a signal handler is cleaning up: this file must not survive it
                    close(descriptor)
                    remove(temporary)
                    while true { pause() }
                }
                return (temporary, descriptor)
            }
            if errno != EEXIST {
                throw DataError(
                    path: finalPath, problem: "cannot create a file in its folder (\(systemMessage(errno)))",
                    remedy: "Check that the folder exists and is writable, or \(otherFolder).")
            }
        }
        throw DataError(
            path: finalPath, problem: "cannot find a free temporary name beside it",
            remedy: "Remove the .\(name).tmp-* files left in its folder.")
    }

    /// Lists `path` as a temporary file of this run (removed on error or interruption).
    static func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = strdup(path)
            return
        }
        // More than `capacity` at once: the file is still removed by its writer's own clean-up.
    }

    /// Takes `path` off the list (it was renamed into place or removed).
    static func forget(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for i in 0..<capacity {
            if let entry = slots[i], String(cString: entry) == path {
                slots[i] = nil
                free(entry)
                return
            }
        }
    }

    /// Removes `path` and takes it off the list.
    public static func remove(_ path: String) {
        unlink(path)
        forget(path)
    }

    /// Renames the temporary file `temporary` to `finalPath` (replacing a
    /// file or symlink there, atomically) and takes it off the list.
    ///
    /// - Throws: `DataError` if the rename fails; the temporary file is then removed.
    public static func commit(_ temporary: String, to finalPath: String) throws {
        guard rename(temporary, finalPath) == 0 else {
            let message = systemMessage(errno)
            remove(temporary)
            throw DataError(
                path: finalPath, problem: "cannot move the finished file into place (\(message))",
                remedy: "Check that nothing else holds that name (a folder, say) and that the folder is writable.")
        }
        forget(temporary)
    }

    /// Removes every listed file. Safe inside a signal handler: no locks, no allocation.
    public static func removeAll() {
        for i in 0..<capacity {
            if let entry = slots[i] { unlink(entry) }
        }
    }

    /// The paths listed now (for tests).
    public static var listed: [String] {
        lock.lock()
        defer { lock.unlock() }
        return (0..<capacity).compactMap { slots[$0].map { String(cString: $0) } }
    }
}

/// Writes `bytes` to `path` so that the name holds either its old contents or
/// all the new bytes, never a part: a temporary file beside it is written,
/// flushed to disk, and renamed over the name. A symlink at `path` is replaced,
/// not followed. On any error (a full disk, say) the temporary file is removed,
/// the old file is untouched, and a `DataError` says what happened.
///
/// - Parameters:
///   - bytes: The new contents.
///   - path: The file to replace (or create).
///   - otherFolder: How the advice on failure says to pick another folder
///     (a chapter says "choose another with --output").
public func writeFileAtomically(_ bytes: some Collection<UInt8>, to path: String, otherFolder: String = "choose another") throws {
    let temporary = try writeTemporaryFile(bytes, beside: path, otherFolder: otherFolder)
    try TemporaryFiles.commit(temporary, to: path)
}

/// Writes `bytes` to a new temporary file beside `path` (see
/// `TemporaryFiles.create(beside:otherFolder:)`), flushed to disk, and returns its path;
/// the caller checks it and then commits or removes it.
///
/// - Throws: `DataError` if the bytes cannot all be written (the temporary
///   file is then already removed).
func writeTemporaryFile(_ bytes: some Collection<UInt8>, beside path: String, otherFolder: String = "choose another") throws -> String {
    let (temporary, descriptor) = try TemporaryFiles.create(beside: path, otherFolder: otherFolder)
    var failure: Int32 = 0
    let contiguous = Array(bytes)
    contiguous.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            offset += written
        }
    }
    if failure == 0 && fsync(descriptor) != 0 && errno != EINVAL { failure = errno }
    if close(descriptor) != 0 && failure == 0 && errno != EINTR { failure = errno }
    guard failure == 0 else {
        TemporaryFiles.remove(temporary)
        throw DataError(
            path: path, problem: "cannot write the file (\(systemMessage(failure)))",
            remedy: failure == ENOSPC || failure == EDQUOT
                ? "The disk is full: free some space and run again; the previous file is untouched."
                : "Check that the folder is writable, or \(otherFolder); the previous file is untouched.")
    }
    return temporary
}

/// The system's sentence for an `errno` value, e.g. "No space left on device".
func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}
