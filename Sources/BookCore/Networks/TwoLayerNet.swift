// TwoLayerNet.swift — the book's first network, kept for its gradient check.

/// The book's two-layer network (chapter 4 and 5): `Affine → ReLU → Affine → softmax`,
/// 784-50-10 in its MNIST example, weights `0.01·randn`.
///
/// Chapter 6 starts from it; the course keeps it mainly to show, in a test,
/// that backpropagation and the numerical gradient agree. Everything but the
/// defaults is `MultiLayerNet` with one hidden layer.
public final class TwoLayerNet: MultiLayerNet {
    /// A two-layer network with the book's defaults.
    ///
    /// - Parameters:
    ///   - inputSize: `D` (784 for MNIST).
    ///   - hiddenSize: `H` (50 in the book's example).
    ///   - outputSize: `C` (10).
    ///   - weightInitStandardDeviation: σ of the starting weights (0.01 in the book).
    ///   - generator: Draws the starting weights.
    public init(inputSize: Int = 784, hiddenSize: Int = 50, outputSize: Int = 10,
                weightInitStandardDeviation: Double = 0.01, generator: inout SeededGenerator) {
        super.init(inputSize: inputSize, hiddenSizes: [hiddenSize], outputSize: outputSize,
                   activation: .relu, weightInit: .standardDeviation(weightInitStandardDeviation),
                   weightDecay: 0, extraLayers: .none, generator: &generator)
    }
}
