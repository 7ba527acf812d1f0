// EvaluationSet.swift — measuring accuracy every epoch, fast.
//
// The overfitting and dropout chapters train on 300 images but measure on
// 10 000 test images after every epoch: 201 or 301 times per run. Almost all
// their time goes there, so measuring is made cheap in two ways:
// - the images are turned into `Double` batches once, not at every measurement;
// - the test-mode forward pass (`predict(x, training: false)`) keeps nothing
//   for a backward pass: no layer holds on to its input or output.
// What remains is one BLAS product per affine layer and batch.

/// A data set turned once into `Double` batches `[batchSize, D]`, ready to be
/// measured on again and again (the test set, every epoch).
///
/// Memory: 8 bytes per pixel, 63 MB for the 10 000 MNIST test images (the
/// `Dataset` keeps 1 byte per pixel and converts a batch each time it is asked).
public struct EvaluationSet: Sendable {
    /// The images in order, cut into batches: `x` `[rows, D]` and one label per row.
    public let batches: [(x: Matrix, labels: [Int])]
    /// The number of images, `N`.
    public let count: Int

    /// The first `limit` images of `dataset` (all if `nil`), in batches of `batchSize` rows.
    public init(_ dataset: Dataset, limit: Int? = nil, batchSize: Int = 1000) {
        precondition(batchSize > 0, "EvaluationSet: batch size \(batchSize) must be positive")
        let count = Swift.min(limit ?? dataset.count, dataset.count)
        precondition(count >= 0, "EvaluationSet: limit \(count) must not be negative")
        self.count = count
        self.batches = stride(from: 0, to: count, by: batchSize).map { start in
            dataset.batch(start..<Swift.min(start + batchSize, count))  // x: [batch, D]
        }
    }
}

extension Network {
    /// The fraction of images whose highest score is at the right label, in
    /// test mode: the book's `accuracy`, over a prepared set.
    public func accuracy(on set: EvaluationSet) -> Double {
        guard set.count > 0 else { return 0 }
        var correct = 0
        for (x, labels) in set.batches {
            let predicted = predict(x, training: false).argmaxOfEachRow()  // B classes
            for (guess, label) in Swift.zip(predicted, labels) where guess == label { correct += 1 }
        }
        return Double(correct) / Double(set.count)
    }
}
