// TrainingDiverged.swift — the error of a run whose loss stopped being a number.

/// Training stopped because the loss became NaN or infinite: some number of
/// the forward pass overflowed (too large a step, or too large starting
/// weights, can each do it).
///
/// The book's `Trainer` trains on regardless and prints `nan`; the course's
/// stops at the first such loss and says so (see `Trainer.divergence`).
public struct TrainingDiverged: Error, CustomStringConvertible, Sendable {
    /// Which run diverged, for the message (e.g. `"the run with dropout"`).
    public var run: String
    /// The iteration whose loss was not finite (0-based).
    public var iteration: Int
    /// That loss: NaN or ±∞.
    public var loss: Double

    /// The error for `run`, which diverged at `iteration` with `loss`.
    public init(run: String, iteration: Int, loss: Double) {
        self.run = run
        self.iteration = iteration
        self.loss = loss
    }

    /// One sentence with what happened and what to try.
    public var description: String {
        "\(run) diverged: its loss became \(loss) at iteration \(iteration). A smaller learning rate or smaller starting weights keep the numbers smaller."
    }
}
