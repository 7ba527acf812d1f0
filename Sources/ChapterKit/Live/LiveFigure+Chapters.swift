// LiveFigure+Chapters.swift — what a chapter needs around its live figure:
// a run's own curves to draw on, and what drawing cost beside the run.

import Foundation

/// Curves `first`, `first + 1`, … of a live figure: where one run draws (its
/// training and test accuracy, say), handed to the code that trains it.
public struct LiveCurves: Sendable {
    /// The figure drawn on.
    public let figure: LiveFigure
    /// The run's first curve.
    public let first: Int

    /// Adds `(x, ys[0])` to curve `first`, `(x, ys[1])` to `first + 1`, ….
    public func append(x: Double, _ ys: Double...) {
        for (offset, y) in ys.enumerated() { figure.append(first + offset, x: x, y: y) }
    }
}

/// Runs a training loop that reports each loss after its update, `body`, with
/// a step closure that calls `step` (the progress line), then draws the loss on
/// curve `curve` of `live` at x = 0, 1, 2, … (`nil`: the step alone).
public func withLossesDrawn<Result>(
    on live: LiveFigure?, curve: Int, after step: () -> Void, _ body: (_ step: (_ loss: Double) -> Void) -> Result
) -> Result {
    withoutActuallyEscaping(step) { step in
        var iteration = 0
        return body { loss in
            step()
            live?.append(curve, x: Double(iteration), y: loss)
            iteration += 1
        }
    }
}

extension LiveFigure {
    /// The curves from `first` on, for one run.
    public func curves(from first: Int) -> LiveCurves { LiveCurves(figure: self, first: first) }

    /// Finishes the figure (``finish()``), then, unless a fault stopped it,
    /// prints on standard error what drawing cost beside the `runSeconds` of
    /// the run it drew: the CPU time of building, sending and finishing the
    /// frames, and of gnuplot (every child process waited for so far); and
    /// the time the threads that drew spent at it on the clock.
    public func finish(runSeconds: Double) {
        let (cpuBefore, clockBefore) = (cpuSecondsSpent, secondsSpent)
        let (cpuStarted, clockStarted) = (threadCPUSeconds(), monotonicSeconds())
        finish()
        guard !hasFailed else { return }
        let cpu = cpuBefore + threadCPUSeconds() - cpuStarted
        let clock = clockBefore + monotonicSeconds() - clockStarted
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        let gnuplot = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        let (sent, dropped) = frameCounts
        printError(
            String(
                format: "live figure: %d frames (%d dropped), %.3f s of CPU here (%.3f s on the clock) and %.3f s of gnuplot's: "
                    + "%.2f %% of the %.1f s run",
                sent, dropped, cpu, clock, gnuplot, 100 * (cpu + gnuplot) / max(runSeconds, 1e-9), runSeconds))
    }
}

/// A `timeval` in seconds.
private func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
