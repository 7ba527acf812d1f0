// Concurrency.swift — running independent experiments side by side.
//
// The four optimizers, the sixteen weight scales and the hundred trials are
// independent of each other. The course runs them on all cores with Swift's
// structured concurrency, keeping BLAS on one thread (see `BLAS`). Each piece
// of work makes its own network and its own generator from its index, so the
// results do not depend on which core ran what, or in which order.

import BookCore
import Foundation

/// Runs `body(i)` for every index, at most `maxConcurrent` at a time, and
/// returns the results in index order.
///
/// - Parameters:
///   - count: How many pieces of work.
///   - maxConcurrent: The limit on simultaneous work (the number of cores by default).
///   - body: The work for one index; it must not share mutable state with the others.
public func concurrentMap<T: Sendable>(
    _ count: Int,
    maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount,
    _ body: @escaping @Sendable (Int) throws -> T
) async rethrows -> [T] {
    try await withThrowingTaskGroup(of: (Int, T).self) { group in
        var results = [T?](repeating: nil, count: count)
        var next = 0
        func startNext() {
            let index = next
            group.addTask { (index, try body(index)) }
            next += 1
        }
        while next < min(count, max(maxConcurrent, 1)) { startNext() }
        while let (index, value) = try await group.next() {
            results[index] = value
            if next < count { startNext() }
        }
        return results.map { $0! }
    }
}
