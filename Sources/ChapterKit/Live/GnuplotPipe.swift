// GnuplotPipe.swift — one gnuplot process kept open, through the C++ bridge
// over gnuplot-iostream (Sources/CGnuplotBridge).
//
// Every call returns a status instead of throwing or trapping: a live view is
// an extra, and whatever happens to gnuplot must leave the run and its files
// as they would have been without it.

import CGnuplotBridge
import Foundation

/// What a call to gnuplot did (the bridge's statuses).
public enum GnuplotStatus: Int32, Error, Sendable, Equatable {
    /// Done.
    case ok = 0
    /// Built without gnuplot-iostream (the header was missing at build time).
    case unavailable = 1
    /// gnuplot could not be started.
    case startFailed = 2
    /// gnuplot has exited, or closed its input or output.
    case gone = 3
    /// gnuplot had not read the previous frame yet; this one was dropped.
    case busy = 4
    /// gnuplot has read nothing of what it was sent for too long.
    case stalled = 5
    /// Nothing came within the time given.
    case timeout = 6
    /// A bad call (a closed pipe, a bad name).
    case invalid = 7
    /// A write failed for another reason.
    case writeFailed = 8
    /// gnuplot ended with a non-zero status or had to be stopped.
    case exitFailed = 9
    /// A frame larger than gnuplot's pipe can hold.
    case tooLarge = 10

    init(_ raw: Int32) { self = GnuplotStatus(rawValue: raw) ?? .invalid }

    /// The bridge's sentence for it.
    public var text: String { String(cString: gnuplot_bridge_status_text(rawValue)) }

    /// Whether the pipe is unusable from now on.
    public var isFinal: Bool { !(self == .ok || self == .busy || self == .timeout || self == .tooLarge) }
}

/// A running gnuplot: commands and columns of numbers are queued as one frame,
/// then sent together; what gnuplot prints can be read back.
///
/// Not thread-safe: one owner (``LiveFigure`` locks around it).
public final class GnuplotPipe {
    private var handle: OpaquePointer?

    /// Whether this build can draw live at all (false where gnuplot-iostream was missing).
    public static var isAvailable: Bool { gnuplot_bridge_is_available() == 1 }

    /// Starts gnuplot.
    ///
    /// - Parameters:
    ///   - executable: The gnuplot to run (a path).
    ///   - outputDescriptor: Where gnuplot's standard output goes (its text
    ///     charts); `nil`: into a pipe read with ``readLine(timeout:)``.
    ///   - errorDescriptor: Where gnuplot's standard error goes; `nil`: /dev/null.
    ///   - stallSeconds: How long gnuplot may leave a frame unread before the
    ///     next ``flush(wait:)`` reports ``GnuplotStatus/stalled``.
    /// - Returns: The pipe, or the status and errno that stopped it.
    public static func open(
        _ executable: String, outputDescriptor: Int32?, errorDescriptor: Int32? = nil, stallSeconds: Double = 10
    ) -> Result<GnuplotPipe, GnuplotFailure> {
        var handle: OpaquePointer?
        var number: Int32 = 0
        let status = GnuplotStatus(
            gnuplot_bridge_open(executable, outputDescriptor ?? -1, errorDescriptor ?? -1, stallSeconds, &handle, &number))
        guard status == .ok, let handle else { return .failure(GnuplotFailure(status: status, errorNumber: number)) }
        let pipe = GnuplotPipe()
        pipe.handle = handle
        return .success(pipe)
    }

    private init() {}

    deinit { _ = close(wait: 0.5) }

    /// gnuplot's process id (0 once closed).
    public var processID: Int32 { handle.map { gnuplot_bridge_pid($0) } ?? 0 }

    /// Queues a line of commands.
    @discardableResult
    public func command(_ text: String) -> GnuplotStatus {
        guard let handle else { return .invalid }
        return GnuplotStatus(gnuplot_bridge_command(handle, text))
    }

    /// Queues a datablock `$name << EOD` of equally long columns.
    @discardableResult
    public func datablock(_ name: String, columns: [[Double]]) -> GnuplotStatus {
        guard let handle, let rows = columns.first?.count, columns.allSatisfy({ $0.count == rows }) else { return .invalid }
        // The C call wants one pointer per column; each array is held while it runs.
        func withPointers(_ index: Int, _ pointers: [UnsafePointer<Double>?]) -> Int32 {
            if index == columns.count {
                return pointers.withUnsafeBufferPointer {
                    gnuplot_bridge_datablock(handle, name, $0.baseAddress, Int32(columns.count), rows)
                }
            }
            return columns[index].withUnsafeBufferPointer { withPointers(index + 1, pointers + [$0.baseAddress]) }
        }
        return GnuplotStatus(withPointers(0, []))
    }

    /// Queues a datablock `$name << EOD` of `function` sampled at every (x, y)
    /// of the grid, one block per x (what `splot` needs for contours).
    @discardableResult
    public func grid(_ name: String, xs: [Double], ys: [Double], _ function: (Double, Double) -> Double) -> GnuplotStatus {
        guard let handle, !xs.isEmpty, !ys.isEmpty else { return .invalid }
        let values = xs.flatMap { x in ys.map { y in function(x, y) } }
        return GnuplotStatus(gnuplot_bridge_grid(handle, name, xs, xs.count, ys, ys.count, values))
    }

    /// Sends the queued frame, waiting up to `wait` seconds for gnuplot to have
    /// read the previous ones (``GnuplotStatus/busy``: it was dropped).
    @discardableResult
    public func flush(wait: Double = 0) -> GnuplotStatus {
        guard let handle else { return .invalid }
        return GnuplotStatus(gnuplot_bridge_flush(handle, wait))
    }

    /// One line gnuplot printed (on a pipe opened with no output descriptor),
    /// waiting up to `timeout` seconds (negative: for ever).
    public func readLine(timeout: Double) -> Result<String, GnuplotStatus> {
        guard let handle else { return .failure(.invalid) }
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = GnuplotStatus(gnuplot_bridge_read_line(handle, &buffer, buffer.count, timeout))
        guard status == .ok else { return .failure(status) }
        return .success(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Closes gnuplot's input and waits up to `wait` seconds for it to exit
    /// (then stops it). Returns the status and gnuplot's exit status (minus the
    /// signal that ended it); later calls return ``GnuplotStatus/invalid``.
    @discardableResult
    public func close(wait: Double = 2) -> (status: GnuplotStatus, exitStatus: Int32) {
        guard let handle else { return (.invalid, 0) }
        self.handle = nil
        var exitStatus: Int32 = 0
        let status = GnuplotStatus(gnuplot_bridge_close(handle, wait, &exitStatus))
        return (status, exitStatus)
    }
}

/// Why gnuplot could not be started.
public struct GnuplotFailure: Error, Sendable, CustomStringConvertible {
    /// The bridge's status.
    public let status: GnuplotStatus
    /// The errno behind it (0 if none).
    public let errorNumber: Int32

    /// One sentence.
    public var description: String {
        errorNumber == 0 ? status.text : "\(status.text) (\(String(cString: strerror(errorNumber))))"
    }
}
