// SideBySide.swift — independent pieces of work on every core, results in order.

import Dispatch

/// `body(i)` for every `i` in `0..<count`, run side by side on every core
/// (Dispatch's `concurrentPerform`), and the results in index order.
///
/// Each piece writes only its own slot, so no lock is needed, and the result
/// does not depend on which core ran which piece. MNIST's four files are read
/// this way, and ChapterKit formats large data tables with it.
///
/// - Parameters:
///   - count: How many pieces.
///   - body: The work for one index; it must not share mutable state with the others.
package func sideBySide<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    [T](unsafeUninitializedCapacity: count) { slots, initialized in
        let first = Slots(first: slots.baseAddress)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            (first.first! + i).initialize(to: body(i))
        }
        initialized = count
    }
}

/// The start of the results' storage, handed to every piece; each writes only its own slot.
private struct Slots<T>: @unchecked Sendable {
    let first: UnsafeMutablePointer<T>?
}
