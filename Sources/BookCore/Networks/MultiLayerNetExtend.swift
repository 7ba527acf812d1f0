// MultiLayerNetExtend.swift — MultiLayerNet with optional batch normalization
// and dropout, as the book's `MultiLayerNetExtend`.

/// `MultiLayerNet` plus optional batch normalization after each hidden affine
/// layer and optional dropout after each hidden activation.
///
/// Layer order, for each hidden layer `k`:
/// `Affine_k → [BatchNormalization_k] → activation → [Dropout_k]`, then the
/// last `Affine → softmax`. Parameters in order: `W1, b1, (gamma1, beta1,) W2, …`.
///
/// Everything else — the forward pass, the loss, backpropagation, the weight
/// decay `½·λ·Σ‖Wₖ‖²` (affine weights only: not biases, not `γ`/`β`) — is
/// `MultiLayerNet`'s: this class only chooses the layers. The
/// `training` flag of `predict`, `loss` and `accuracy` picks the behaviour of
/// both layers, with the book's quirks kept: `loss` and `accuracy` default to
/// test mode (no dropout, running statistics), while `gradient` and the
/// numerical gradient run in training mode (which also moves the running
/// statistics on every evaluation).
///
/// Batch normalization: Ioffe & Szegedy 2015. Dropout: Srivastava et al. 2014.
public final class MultiLayerNetExtend: MultiLayerNet {
    /// Whether each hidden affine layer is followed by batch normalization.
    public var usesBatchNorm: Bool { !batchNormLayers.isEmpty }
    /// Whether each hidden activation is followed by dropout.
    public var usesDropout: Bool { !dropoutLayers.isEmpty }
    /// The dropout ratio `r` (the book's default 0.5; used only with dropout).
    public let dropoutRatio: Double

    /// A network with random starting weights and the chosen extra layers.
    ///
    /// The generator first gives one 64-bit seed for the dropout masks (each
    /// dropout layer `k` draws from stream `k` of it), then the weights — the
    /// seed is drawn whether dropout is on or not, so the same generator state
    /// gives the same starting weights with and without batch normalization
    /// and dropout. (They are not those of a `MultiLayerNet` from the same state.)
    ///
    /// - Parameters:
    ///   - inputSize: `D`, 784 for MNIST.
    ///   - hiddenSizes: The width of each hidden layer, e.g. `[100, 100, 100, 100, 100]`.
    ///   - outputSize: `C`, 10 for MNIST.
    ///   - activation: The hidden layers' activation (ReLU, as the book).
    ///   - weightInit: How the starting weights are scaled (He, as the book).
    ///   - weightDecay: λ of the L2 penalty on the affine weights (0, as the book).
    ///   - useBatchNorm: Insert batch normalization after each hidden affine layer (off, as the book).
    ///   - useDropout: Insert dropout after each hidden activation (off, as the book).
    ///   - dropoutRatio: The dropout ratio `r` in `[0, 1)` (0.5, as the book).
    ///   - generator: Draws the dropout seed and the starting weights.
    public init(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int,
        activation: Activation = .relu, weightInit: WeightInit = .he, weightDecay: Double = 0,
        useBatchNorm: Bool = false, useDropout: Bool = false, dropoutRatio: Double = 0.5,
        generator: inout SeededGenerator
    ) {
        precondition(
            dropoutRatio >= 0 && dropoutRatio < 1,
            "MultiLayerNetExtend: dropout ratio \(dropoutRatio) must lie in [0, 1)")
        self.dropoutRatio = dropoutRatio
        let dropoutSeed = generator.next()
        let layers = MultiLayerNet.makeLayers(
            inputSize: inputSize, hiddenSizes: hiddenSizes, outputSize: outputSize,
            activation: activation, weightInit: weightInit,
            useBatchNorm: useBatchNorm, dropout: useDropout ? (dropoutRatio, dropoutSeed) : nil,
            generator: &generator)
        super.init(layers: layers, weightDecay: weightDecay)
    }
}
