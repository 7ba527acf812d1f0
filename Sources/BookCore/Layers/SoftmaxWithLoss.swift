// SoftmaxWithLoss.swift — turns scores into probabilities and measures the error.

import Foundation

/// Softmax followed by the cross-entropy loss, as one layer (the last of every network).
///
/// Forward, for scores `a` `[B, C]` and class labels `t`:
/// - `yᵢₖ = exp(aᵢₖ − maxₖ aᵢₖ) / Σₖ exp(aᵢₖ − maxₖ aᵢₖ)` (subtracting the row
///   maximum changes nothing mathematically and keeps `exp` from overflowing);
/// - `L = −(1/B) Σᵢ log(yᵢ,tᵢ + 1e-7)`; the book's `1e-7` keeps `log(0)` finite.
///
/// Backward: `∂L/∂a = (y − onehot(t)) / B` — the famous clean gradient that is
/// the reason softmax and cross-entropy are taught together.
public final class SoftmaxWithLoss {
    /// The book's guard inside the logarithm.
    public static let logEpsilon = 1e-7
    /// The probabilities of the last forward pass, `[B, C]`.
    public private(set) var probabilities = Matrix(rows: 0, columns: 0)
    private var labels: [Int] = []

    /// A softmax-with-loss layer.
    public init() {}

    /// Row-wise softmax of `scores` `[B, C]`, returned `[B, C]`.
    public static func softmax(_ scores: Matrix) -> Matrix {
        var y = scores  // [B, C]
        let c = scores.columns
        y.elements.withUnsafeMutableBufferPointer { p in
            for r in 0..<scores.rows {
                let row = UnsafeMutableBufferPointer(rebasing: p[r * c..<(r + 1) * c])
                let rowMax = row.max() ?? 0
                var total = 0.0
                for k in 0..<c {
                    row[k] = exp(row[k] - rowMax)
                    total += row[k]
                }
                for k in 0..<c { row[k] /= total }
            }
        }
        return y
    }

    /// The mean cross-entropy of `probabilities` `[B, C]` against `labels`.
    public static func crossEntropy(_ probabilities: Matrix, _ labels: [Int]) -> Double {
        precondition(
            labels.count == probabilities.rows,
            "crossEntropy: \(labels.count) labels for probabilities \(probabilities.shapeDescription)")
        var total = 0.0
        for (i, label) in labels.enumerated() {
            precondition(
                label >= 0 && label < probabilities.columns,
                "crossEntropy: label \(label) outside 0..<\(probabilities.columns)")
            total += log(probabilities[i, label] + logEpsilon)
        }
        return -total / Double(labels.count)
    }

    /// Computes the probabilities and returns the mean loss over the batch.
    ///
    /// - Parameters:
    ///   - scores: The last affine layer's output `[B, C]`.
    ///   - labels: The class of each row, `B` values in `0 ..< C`.
    public func forward(_ scores: Matrix, labels: [Int]) -> Double {
        probabilities = SoftmaxWithLoss.softmax(scores)  // [B, C]
        self.labels = labels
        return SoftmaxWithLoss.crossEntropy(probabilities, labels)
    }

    /// `∂L/∂scores = (y − onehot(t)) / B`, `[B, C]`.
    public func backward() -> Matrix {
        let batchSize = Double(labels.count)
        var dx = probabilities  // [B, C]
        for (i, label) in labels.enumerated() { dx[i, label] -= 1 }
        for i in 0..<dx.count { dx.elements[i] /= batchSize }
        return dx
    }
}
