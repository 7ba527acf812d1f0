// Console.swift — printing for people: errors, and progress on long runs.

import BookCore
import Foundation

/// Prints a line to standard error (where errors and progress go, so that
/// standard output holds only the chapter's results).
///
/// A full, closed or broken standard error (`2>/dev/full`, `2>&-`, a pipe into
/// `head -1`) loses the message but never stops the run.
public func printError(_ message: String) {
    writeToStandardError(message + "\n")
}

/// Writes text to standard error with write(2), ignoring every failure:
/// progress and messages must never cost a run its results.
/// (`FileHandle.write(_:)` traps on a write error.)
public func writeToStandardError(_ text: String) {
    writeIgnoringFailures(text, to: STDERR_FILENO)
}

/// Writes all of `text` to `descriptor` with write(2), retrying after a
/// signal, and gives up silently on any other failure.
func writeIgnoringFailures(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// Whether standard error is a terminal (then progress redraws one line).
public var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

/// Runs `body`; if it throws, prints `error: <message>` and exits with status 1.
///
/// Chapters wrap what can fail for reasons outside the program — a missing
/// data file, a diverging run — so that a learner sees a sentence, not a trace.
@discardableResult
public func exitOnError<T>(_ body: () throws -> T) -> T {
    do {
        return try body()
    } catch {
        printError("error: \(error)")
        TemporaryFiles.removeAll()
        exit(1)
    }
}

/// A progress line for a long loop: a bar, the iteration, the latest loss and
/// the rate. On a terminal it redraws one line on standard error; otherwise
/// (a log file, CI) it prints a plain line every tenth of the way.
public struct ProgressReporter {
    /// What is being done, e.g. `"training"`.
    public let label: String
    /// The number of steps in all.
    public let total: Int
    private let start = Date()
    private let isTerminal: Bool
    private var lastDraw = Date.distantPast
    private var lastTenth = -1

    /// A reporter for `total` steps.
    public init(_ label: String, total: Int) {
        self.label = label
        self.total = max(total, 1)
        self.isTerminal = standardErrorIsTerminal
    }

    /// Reports that `done` steps of `total` are finished; `detail` is shown
    /// after the counts (e.g. `"loss 0.231"`).
    public mutating func update(_ done: Int, detail: String = "") {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let fraction = Double(done) / Double(total)
        if isTerminal {
            guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = now
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let line = String(format: "\r%@ %@ %d/%d %@ %.0f it/s ", label, bar, done, total, detail, rate)
            writeToStandardError(line + (done == total ? "\n" : ""))
        } else {
            let tenth = Int(fraction * 10)
            guard tenth > lastTenth else { return }
            lastTenth = tenth
            printError(String(format: "%@: %d/%d (%3.0f%%) %@ %.1f s", label, done, total, fraction * 100, detail, elapsed))
        }
    }
}

/// A progress reporter that several concurrent tasks advance together.
///
/// Each task calls `advance()` after a step; the line shows the steps done by
/// all of them. Thread-safe.
public final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var reporter: ProgressReporter
    private var done = 0

    /// A shared reporter for `total` steps across all tasks.
    public init(_ label: String, total: Int) {
        reporter = ProgressReporter(label, total: total)
    }

    /// Records `steps` more finished steps.
    public func advance(_ steps: Int = 1, detail: String = "") {
        lock.lock()
        defer { lock.unlock() }
        done += steps
        reporter.update(done, detail: detail)
    }
}
