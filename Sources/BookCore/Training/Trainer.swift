// Trainer.swift — the book's training loop, as one reusable object.

import Foundation

/// The book's `Trainer`: trains a network with mini-batches drawn with
/// replacement and measures accuracy once per epoch.
///
/// The arithmetic follows the book's Trainer exactly:
/// - iterations per epoch = `max(trainSize / batchSize, 1)`, a real number;
/// - iterations in all = `Int(epochs · iterationsPerEpoch)`;
/// - each iteration: draw a batch with replacement, compute the gradient,
///   update, then record the loss on the same batch (in test mode);
/// - when `iteration % iterationsPerEpoch == 0` — checked *after* that
///   iteration's update, so iteration 0 counts — the epoch counter goes up
///   (the first epoch printed is 1) and train and test accuracy are measured,
///   on the whole sets or on their first `evaluationSampleLimit` images.
///
/// Evaluation runs in batches (`evaluationBatchSize`), so 10 000 test images
/// never become one giant matrix, and each set is converted to `Double` only
/// once (see `EvaluationSet`): measuring 10 000 test images every epoch is
/// most of the work in the overfitting and dropout chapters.
///
/// Printing: `verbose` prints what the book's verbose mode prints — a
/// `train loss:<v>` line every iteration, `=== epoch:E, train acc:A, test acc:B ===`
/// every epoch and the final test accuracy block; `printsTrainLoss: false`
/// keeps all but the per-iteration loss lines. Not verbose, nothing is
/// printed through `log`; `train(afterEachIteration:)` lets the caller show progress.
///
/// A loss that becomes NaN or infinite stops training: `diverged` is set and
/// `train()` returns 0 early instead of computing with garbage (a course
/// addition: the book's Trainer trains on regardless).
public final class Trainer {
    /// The network being trained.
    public let network: any Network
    /// The training set.
    public let trainSet: Dataset
    /// The test (or validation) set.
    public let testSet: Dataset
    /// How many epochs to train.
    public let epochs: Int
    /// Images per mini-batch.
    public let batchSize: Int
    /// The optimizer, with its state.
    public private(set) var optimizer: any Optimizer
    /// Evaluate on only the first this-many images of each set per epoch (`nil`: all).
    public let evaluationSampleLimit: Int?
    /// Rows per evaluation batch.
    public let evaluationBatchSize: Int
    /// Print the loss every iteration and accuracy every epoch, as the book's verbose mode.
    public let verbose: Bool
    /// In verbose mode, also print every iteration's `train loss:` line (the book does).
    public let printsTrainLoss: Bool
    /// Where printed lines go (standard output by default).
    public let log: (String) -> Void

    /// `max(trainSize / batchSize, 1)`, a real number as in the book.
    public let iterationsPerEpoch: Double
    /// `Int(epochs · iterationsPerEpoch)`.
    public let maxIterations: Int

    /// The loss after each iteration's update, on that iteration's batch (test mode).
    public private(set) var trainLoss: [Double] = []
    /// Training accuracy at each epoch.
    public private(set) var trainAccuracy: [Double] = []
    /// Test accuracy at each epoch.
    public private(set) var testAccuracy: [Double] = []
    /// Whether training stopped because the loss became NaN or infinite.
    public private(set) var diverged = false

    /// The divergence as an error to throw (`nil` while the loss is finite);
    /// `run` names the run in the message.
    public func divergence(run: String) -> TrainingDiverged? {
        guard diverged else { return nil }
        return TrainingDiverged(run: run, iteration: currentIteration - 1, loss: trainLoss.last ?? .nan)
    }
    /// Iterations done so far.
    public private(set) var currentIteration = 0
    /// Epochs counted so far (the first evaluation makes it 1).
    public private(set) var currentEpoch = 0
    /// Images measured so far: both sets at every epoch, and the final test.
    public private(set) var imagesMeasured = 0

    private var generator: SeededGenerator
    /// The sets measured every epoch, converted once (`nil`: too large to keep as `Double`s).
    private let trainEvaluation: EvaluationSet?
    private let testEvaluation: EvaluationSet?

    /// Sets of up to this many images are kept as `Double` batches for the
    /// per-epoch measurements; larger ones are converted batch by batch each
    /// time (8 bytes a pixel: 20 000 MNIST images take 125 MB as `Double`s).
    public static let cachedEvaluationLimit = 20_000

    /// A trainer with the book's defaults: 20 epochs, batches of 100, verbose.
    ///
    /// - Parameters:
    ///   - network: The network to train.
    ///   - trainSet: Images and labels to learn from.
    ///   - testSet: Images and labels to measure on.
    ///   - epochs: Epochs to train (book default 20).
    ///   - batchSize: Images per mini-batch (book default 100).
    ///   - optimizer: The optimizer (book default SGD with η = 0.01); see `OptimizerName`.
    ///   - evaluationSampleLimit: Measure on only this many images per set (`nil`: all).
    ///   - evaluationBatchSize: Rows per evaluation batch (1000).
    ///   - verbose: Print as the book's verbose mode does.
    ///   - printsTrainLoss: In verbose mode, print every iteration's loss too (the book does).
    ///   - generator: Draws the mini-batches.
    ///   - log: Where printed lines go.
    public init(
        network: any Network, trainSet: Dataset, testSet: Dataset,
        epochs: Int = 20, batchSize: Int = 100, optimizer: any Optimizer = SGD(learningRate: 0.01),
        evaluationSampleLimit: Int? = nil, evaluationBatchSize: Int = 1000,
        verbose: Bool = true, printsTrainLoss: Bool = true,
        generator: SeededGenerator, log: @escaping (String) -> Void = { print($0) }
    ) {
        precondition(
            epochs >= 0 && batchSize > 0 && trainSet.count > 0,
            "Trainer: epochs \(epochs), batch size \(batchSize) and training set size \(trainSet.count) must be positive")
        precondition(
            evaluationBatchSize > 0 && (evaluationSampleLimit ?? 0) >= 0,
            "Trainer: evaluation batch size \(evaluationBatchSize) must be positive and the sample limit \(evaluationSampleLimit ?? 0) not negative"
        )
        self.network = network
        self.trainSet = trainSet
        self.testSet = testSet
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.evaluationSampleLimit = evaluationSampleLimit
        self.evaluationBatchSize = evaluationBatchSize
        self.verbose = verbose
        self.printsTrainLoss = printsTrainLoss
        self.generator = generator
        self.log = log
        self.iterationsPerEpoch = Swift.max(Double(trainSet.count) / Double(batchSize), 1)
        self.maxIterations = Int(Double(epochs) * iterationsPerEpoch)
        func prepared(_ dataset: Dataset) -> EvaluationSet? {
            let count = Swift.min(evaluationSampleLimit ?? dataset.count, dataset.count)
            return count <= Trainer.cachedEvaluationLimit
                ? EvaluationSet(dataset, limit: count, batchSize: evaluationBatchSize) : nil
        }
        self.trainEvaluation = prepared(trainSet)
        self.testEvaluation = prepared(testSet)
    }

    /// One iteration: batch, gradient, update, loss; and the epoch's evaluation when one is due.
    public func step() {
        let indices = generator.choice(trainSet.count, count: batchSize)
        let (x, t) = trainSet.batch(indices)  // x: [B, D]
        network.gradient(x, labels: t)
        optimizer.update(network.parameters)
        let loss = network.loss(x, labels: t, training: false)
        trainLoss.append(loss)
        if verbose && printsTrainLoss { log("train loss:\(loss)") }
        if !loss.isFinite { diverged = true }

        if Double(currentIteration).truncatingRemainder(dividingBy: iterationsPerEpoch) == 0 {
            currentEpoch += 1
            let trainAccuracy = measure(trainSet, prepared: trainEvaluation, limit: evaluationSampleLimit)
            let testAccuracy = measure(testSet, prepared: testEvaluation, limit: evaluationSampleLimit)
            self.trainAccuracy.append(trainAccuracy)
            self.testAccuracy.append(testAccuracy)
            if verbose {
                log("=== epoch:\(currentEpoch), train acc:\(trainAccuracy), test acc:\(testAccuracy) ===")
            }
        }
        currentIteration += 1
    }

    /// The accuracy on a set, or on its first `limit` images: from the
    /// prepared batches when there are some, else converting as it goes.
    private func measure(_ dataset: Dataset, prepared: EvaluationSet?, limit: Int?) -> Double {
        imagesMeasured += Swift.min(limit ?? dataset.count, dataset.count)
        if let prepared { return network.accuracy(on: prepared) }
        return network.accuracy(on: dataset, limit: limit, batchSize: evaluationBatchSize)
    }

    /// Runs every iteration (stopping early if the loss diverges) and returns
    /// the accuracy on the whole test set (0 if training diverged).
    ///
    /// - Parameter afterEachIteration: Called after every iteration, e.g. to
    ///   advance a progress line.
    @discardableResult
    public func train(afterEachIteration: () -> Void = {}) -> Double {
        while currentIteration < maxIterations && !diverged {
            step()
            afterEachIteration()
        }
        if diverged {
            if verbose {
                log("The loss became \(trainLoss.last ?? .nan) at iteration \(currentIteration - 1): training stopped (diverged).")
            }
            return 0
        }
        // The book measures the whole test set here, whatever the sample limit.
        let finalAccuracy = measure(testSet, prepared: evaluationSampleLimit == nil ? testEvaluation : nil, limit: nil)
        if verbose {
            log("=============== Final Test Accuracy ===============")
            log("test acc:\(finalAccuracy)")
        }
        return finalAccuracy
    }
}

extension Network {
    /// The accuracy on a data set (test mode), measured in batches so that no
    /// huge matrix is ever built; each batch is converted from bytes as it is
    /// needed. To measure one set many times, prepare it once as an `EvaluationSet`.
    ///
    /// - Parameters:
    ///   - dataset: The images and labels.
    ///   - limit: Only the first this-many images (`nil`: all).
    ///   - batchSize: Rows per batch.
    public func accuracy(on dataset: Dataset, limit: Int? = nil, batchSize: Int = 1000) -> Double {
        let count = Swift.min(limit ?? dataset.count, dataset.count)
        guard count > 0 else { return 0 }
        var correct = 0
        for start in stride(from: 0, to: count, by: batchSize) {
            let (x, t) = dataset.batch(start..<Swift.min(start + batchSize, count))  // x: [batch, D]
            let predicted = predict(x, training: false).argmaxOfEachRow()
            correct += zip(predicted, t).filter { $0 == $1 }.count
        }
        return Double(correct) / Double(count)
    }
}
