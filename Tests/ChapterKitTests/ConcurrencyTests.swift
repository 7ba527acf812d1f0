// ConcurrencyTests.swift — concurrentMap: results in index order, whatever finishes first.

import BookCore
import Foundation
import Testing

@testable import ChapterKit

@Suite("concurrentMap")
struct ConcurrencyTests {
    @Test(
        "Results come back in index order, even when later work finishes first",
        arguments: [1, 2, 4, 32])
    func indexOrder(_ maxConcurrent: Int) async {
        let results = await concurrentMap(20, maxConcurrent: maxConcurrent) { i in
            // Earlier indices sleep longer, so they tend to finish last.
            usleep(UInt32(20 - i) * 300)
            return i * i
        }
        #expect(results == (0..<20).map { $0 * $0 })
    }

    @Test("No more than maxConcurrent run at once")
    func limit() async {
        let counter = Counter()
        _ = await concurrentMap(12, maxConcurrent: 3) { _ in
            counter.enter()
            usleep(2000)
            counter.leave()
            return 0
        }
        #expect(counter.peak <= 3)
        #expect(counter.peak >= 1)
    }

    @Test("Zero pieces of work give an empty result")
    func empty() async {
        let results: [Int] = await concurrentMap(0) { $0 }
        #expect(results.isEmpty)
    }

    @Test("Generators derived from (seed, index) give the same results however the work is scheduled")
    func reproducibleWithStreams() async {
        let work: @Sendable (Int) -> Double = { i in
            var g = SeededGenerator(seed: 99, stream: UInt64(i))
            return (0..<1000).reduce(0) { total, _ in total + g.normal() }
        }
        let serial = await concurrentMap(8, maxConcurrent: 1, work)
        let parallel = await concurrentMap(8, maxConcurrent: 8, work)
        #expect(serial == parallel)
        #expect(Set(serial).count == 8)
    }

    @Test("An error thrown by one piece of work is rethrown")
    func errorsAreRethrown() async {
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            _ = try await concurrentMap(5) { i in
                if i == 3 { throw Failure() }
                return i
            }
        }
    }
}

/// Counts how many pieces of work are running, and the most at once.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private var highest = 0
    func enter() {
        lock.lock()
        running += 1
        highest = max(highest, running)
        lock.unlock()
    }
    func leave() {
        lock.lock()
        running -= 1
        lock.unlock()
    }
    var peak: Int {
        lock.lock()
        defer { lock.unlock() }
        return highest
    }
}
