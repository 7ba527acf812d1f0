// LiveFigure.swift — curves redrawn while they are computed (`--plot live`).
//
// A chapter makes one live figure for its headline curves, appends points as
// its networks train (from any thread), and finishes it at the end; the usual
// data files and pictures are written as always, since the live figure only
// draws. It draws twice a second at most (by default), in a window where
// there is a display and a windowed gnuplot, else with gnuplot's text
// terminal, redrawn in place on standard error (where progress goes;
// standard output keeps the chapter's results). Whatever goes wrong with
// gnuplot stops the live figure, with one line on standard error, and nothing
// else.

import Foundation

/// A figure whose curves are redrawn in place as points arrive.
///
/// Thread-safe: networks trained side by side may append to their own curves at once.
public final class LiveFigure: @unchecked Sendable {
    /// How a curve is drawn.
    public enum Style: Sendable {
        /// A line through the points in the order they came.
        case lines
        /// Separate dots (trials in a plane, say).
        case points
    }

    /// What the figure shows around its curves.
    public struct Layout: Sendable {
        /// The figure's title.
        public var title: String
        /// The horizontal axis' label.
        public var xLabel: String
        /// The vertical axis' label.
        public var yLabel: String
        /// A logarithmic horizontal axis.
        public var logX: Bool
        /// A logarithmic vertical axis.
        public var logY: Bool
        /// The curves' titles, in order (curve `i` is `curves[i]`).
        public var curves: [String]
        /// How every curve is drawn.
        public var style: Style

        /// A layout; only the title and the curves are required.
        public init(
            title: String, xLabel: String = "", yLabel: String = "", logX: Bool = false, logY: Bool = false,
            curves: [String], style: Style = .lines
        ) {
            self.title = title
            self.xLabel = xLabel
            self.yLabel = yLabel
            self.logX = logX
            self.logY = logY
            self.curves = curves
            self.style = style
        }
    }

    /// The layout it draws.
    public let layout: Layout
    /// Where it draws.
    public let surface: LiveSurface
    /// The most frames it sends per second.
    public let framesPerSecond: Double

    private let lock = NSLock()
    private var pipe: GnuplotPipe?
    private var points: [[(x: Double, y: Double)]]
    private var changed = false
    private var lastFrame = -Double.infinity
    private var sent = 0
    private var dropped = 0
    private var spent = 0.0
    private var cpuSpent = 0.0
    private var failed = false

    /// Starts a live figure if `mode` is ``PlotMode/live``: `nil` otherwise, and
    /// `nil` after one line on standard error where it cannot draw (no
    /// gnuplot-iostream in this build, no gnuplot, gnuplot fails to start).
    public static func start(
        _ mode: PlotMode, _ layout: Layout, gnuplot: String? = FigureWriter.gnuplotPath, framesPerSecond: Double = 1,
        stallSeconds: Double = 10
    ) -> LiveFigure? {
        guard mode == .live else { return nil }
        return LiveFigure(layout, gnuplot: gnuplot, framesPerSecond: framesPerSecond, stallSeconds: stallSeconds)
    }

    /// A live figure drawn by `gnuplot` on `surface` (default: a window if
    /// there is one, else the terminal), or `nil` after one line on standard
    /// error saying why it cannot draw.
    public init?(
        _ layout: Layout, gnuplot: String? = FigureWriter.gnuplotPath, surface: LiveSurface? = nil,
        framesPerSecond: Double = 1, stallSeconds: Double = 10
    ) {
        guard GnuplotPipe.isAvailable else {
            LiveFigure.unavailable(
                "this build has no gnuplot-iostream (Debian: apt-get install libgnuplot-iostream-dev, then build again)")
            return nil
        }
        guard let gnuplot else {
            LiveFigure.unavailable("gnuplot is not installed (Debian: apt-get install gnuplot-x11, or gnuplot-nox for text)")
            return nil
        }
        let surface = surface ?? LiveSurface.choose(gnuplot: gnuplot)
        let output: Int32? = if case .text = surface { STDERR_FILENO } else { nil }
        switch GnuplotPipe.open(gnuplot, outputDescriptor: output, stallSeconds: stallSeconds) {
        case .failure(let failure):
            LiveFigure.unavailable("\(failure) (\(gnuplot))")
            return nil
        case .success(let pipe):
            self.pipe = pipe
        }
        self.layout = layout
        self.surface = surface
        self.framesPerSecond = max(framesPerSecond, 0.1)
        self.points = Array(repeating: [], count: layout.curves.count)
        if case .window(let terminal) = surface {
            pipe?.command("set terminal \(terminal) noenhanced title \(quoted(layout.title))")
        }
    }

    /// Whether it still draws (false after ``finish()`` or a fault).
    public var isRunning: Bool { lock.withLock { pipe != nil } }

    /// Frames sent to gnuplot, and frames dropped because gnuplot was still drawing.
    public var frameCounts: (sent: Int, dropped: Int) { lock.withLock { (sent, dropped) } }

    /// Seconds spent building and sending frames, on the threads that appended.
    public var secondsSpent: Double { lock.withLock { spent } }

    /// CPU seconds of those threads in building and sending frames: less than
    /// ``secondsSpent`` by the time they waited (on a busy machine, mostly for a core).
    public var cpuSecondsSpent: Double { lock.withLock { cpuSpent } }

    /// Whether a fault stopped it (the line on standard error has said why).
    public var hasFailed: Bool { lock.withLock { failed } }

    /// Adds a point to curve `curve`, and redraws if the last frame is old enough.
    public func append(_ curve: Int, x: Double, y: Double) {
        lock.withLock {
            guard pipe != nil, points.indices.contains(curve) else { return }
            points[curve].append((x, y))
            changed = true
            drawIfDue(force: false)
        }
    }

    /// Replaces curve `curve`'s points, and redraws if the last frame is old enough.
    public func replace(_ curve: Int, with newPoints: [(x: Double, y: Double)]) {
        lock.withLock {
            guard pipe != nil, points.indices.contains(curve) else { return }
            points[curve] = newPoints
            changed = true
            drawIfDue(force: false)
        }
    }

    /// Draws the last points (waiting up to a second for gnuplot), then closes gnuplot.
    public func finish() {
        lock.withLock {
            guard pipe != nil else { return }
            if changed { drawIfDue(force: true) }
            if let pipe {
                let (status, exitStatus) = pipe.close(wait: 2)
                self.pipe = nil
                if status != .ok, status != .invalid {
                    failed = true
                    LiveFigure.stopped(exitStatus != 0 ? "gnuplot ended with status \(exitStatus)" : status.text)
                }
            }
        }
    }

    deinit { finish() }

    // Called with the lock held.
    private func drawIfDue(force: Bool) {
        guard let pipe else { return }
        let now = monotonicSeconds()
        guard force || now - lastFrame >= 1 / framesPerSecond else { return }
        let cpuStart = threadCPUSeconds()
        let status = send(frame(), to: pipe, wait: force ? 1 : 0)
        spent += monotonicSeconds() - now
        cpuSpent += threadCPUSeconds() - cpuStart
        switch status {
        case .ok:
            sent += 1
            lastFrame = now
            changed = false
        case .busy:
            dropped += 1
            lastFrame = now
        default:
            if status.isFinal { stop(status, pipe: pipe) }
        }
    }

    private func send(_ commands: [Command], to pipe: GnuplotPipe, wait: Double) -> GnuplotStatus {
        for command in commands {
            let status = command.queue(on: pipe)
            if status != .ok { return status }
        }
        return pipe.flush(wait: wait)
    }

    private func stop(_ status: GnuplotStatus, pipe: GnuplotPipe) {
        let (_, exitStatus) = pipe.close(wait: 0.5)
        self.pipe = nil
        failed = true
        let reason = status == .gone && exitStatus != 0 ? "gnuplot exited with status \(exitStatus)" : status.text
        LiveFigure.stopped(reason)
    }

    /// What one frame sends: lines of commands, datablocks of columns, grids of a function.
    enum Command {
        case line(String)
        case data(String, [[Double]])
        case grid(String, [Double], [Double], (Double, Double) -> Double)
    }

    /// The commands that draw the current points (the first frame in a terminal clears it).
    func frame() -> [Command] {
        var commands: [Command] = []
        let maximumPoints: Int
        switch surface {
        case .text(let columns, let lines):
            // Follows the terminal when it is resized.
            let (width, height) = LiveSurface.windowSize() ?? (columns, lines)
            // Line 1: the title; the chart below it; the last line stays for the progress line.
            commands.append(.line("set terminal dumb size \(max(width, 40)),\(max(height - 3, 10)) nofeed ansi noenhanced"))
            commands.append(.line("set output; set print '-'"))
            let home = sent == 0 ? "\\033[H\\033[2J" : "\\033[H"
            commands.append(.line("print \"\(home)\" . \(quoted(layout.title + " (live)")) . \"\\033[K\""))
            commands.append(.line("unset title"))
            maximumPoints = 2 * max(width, 40)
        case .window:
            commands.append(.line("set title \(quoted(layout.title))"))
            // A point every two pixels of gnuplot's default 640-pixel window. At 2000
            // points a frame took gnuplot about 35 ms; at 320, 10-14 ms with its start-up
            // (the README's live-view section).
            maximumPoints = 320
        }
        commands.append(.line("set xlabel \(quoted(layout.xLabel)); set ylabel \(quoted(layout.yLabel)); set grid"))
        commands.append(.line(layout.logX ? "set logscale x" : "unset logscale x"))
        commands.append(.line(layout.logY ? "set logscale y" : "unset logscale y"))
        var clauses: [String] = []
        for (index, curve) in points.enumerated() {
            let shown = curve.filter { $0.x.isFinite && $0.y.isFinite && (!layout.logX || $0.x > 0) && (!layout.logY || $0.y > 0) }
            guard !shown.isEmpty else { continue }
            let kept = LiveFigure.thinned(shown, to: maximumPoints)
            commands.append(.data("curve\(index)", [kept.map(\.x), kept.map(\.y)]))
            let style = layout.style == .lines ? "with lines lw 1.5" : "with points pt 7 ps 0.8"
            clauses.append("$curve\(index) using 1:2 \(style) title \(quoted(layout.curves[index]))")
        }
        guard !clauses.isEmpty else { return [] }
        commands.append(.line("plot " + clauses.joined(separator: ", ")))
        return commands
    }

    /// At most `limit` points, evenly spaced, the first and the last always kept.
    static func thinned(_ curve: [(x: Double, y: Double)], to limit: Int) -> [(x: Double, y: Double)] {
        guard curve.count > limit, limit >= 2 else { return curve }
        return (0..<limit).map { curve[$0 * (curve.count - 1) / (limit - 1)] }
    }

    // One line per process for each: a chapter with several live figures says it once.
    private nonisolated(unsafe) static var saidUnavailable = false
    private nonisolated(unsafe) static var saidStopped = false
    private static let messageLock = NSLock()

    static func unavailable(_ reason: String) {
        messageLock.withLock {
            guard !saidUnavailable else { return }
            saidUnavailable = true
            printError("note: live view unavailable: \(reason); the run goes on without it.")
        }
    }

    static func stopped(_ reason: String) {
        messageLock.withLock {
            guard !saidStopped else { return }
            saidStopped = true
            printError("note: live view stopped: \(reason); the run goes on and writes its files as usual.")
        }
    }
}

/// Seconds on a clock that only goes forward.
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// CPU seconds the calling thread has used.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}
