// SideBySide.swift — training independent networks at the same time.

import BookCore
import Foundation

/// What `trainSideBySide` returns: each network's result, in order, and the
/// wall-clock time they took together.
public struct SideBySideResults<Result: Sendable>: Sendable {
    /// One result per network, in index order.
    public var results: [Result]
    /// Seconds from the first step to the last.
    public var seconds: Double
}

/// Trains `count` independent networks side by side, one per core, with one
/// progress line for all of them, and times the whole.
///
/// BLAS is set to one thread first: the products of these networks are small
/// (`[128, 784]·[784, 100]`), so one network per core beats several threads
/// per product, and one thread sums in one fixed order, so that the same seed
/// gives the same bits whichever core ran what (see `concurrentMap`).
///
/// - Parameters:
///   - label: What the progress line says, e.g. `"training"`.
///   - count: How many networks.
///   - stepsEach: How many steps each takes (for the progress line).
///   - maxConcurrent: At most this many at once (the number of cores by default).
///   - body: Trains network `index`; calls `step()` after each of its steps.
public func trainSideBySide<Result: Sendable>(
    _ label: String, count: Int, stepsEach: Int,
    maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount,
    _ body: @escaping @Sendable (_ index: Int, _ step: @Sendable () -> Void) throws -> Result
) async rethrows -> SideBySideResults<Result> {
    BLAS.setThreads(1)
    let progress = SharedProgress(label, total: count * stepsEach)
    let started = Date()
    let results = try await concurrentMap(count, maxConcurrent: maxConcurrent) { index in
        try body(index) { progress.advance() }
    }
    return SideBySideResults(results: results, seconds: Date().timeIntervalSince(started))
}
