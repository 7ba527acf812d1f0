// MultiLayerNet.swift — the fully connected network of chapter 6.

import Foundation

/// The activation function of the hidden layers.
public enum Activation: String, Sendable, CaseIterable {
    /// `max(0, x)`: the default, and what He initialisation is made for.
    case relu
    /// `1/(1 + e^(−x))`: what Xavier initialisation is made for.
    case sigmoid

    /// A fresh layer computing this activation.
    public func makeLayer() -> any Layer {
        switch self {
        case .relu: ReLU()
        case .sigmoid: Sigmoid()
        }
    }
}

/// How the starting weights are drawn: `W = σ · randn(n_in, n_out)`, biases 0.
///
/// `n_in` is the width of the layer feeding the weights (784 for the first).
public enum WeightInit: Sendable, Equatable, CustomStringConvertible {
    /// A fixed standard deviation `σ` for every layer, e.g. 0.01.
    case standardDeviation(Double)
    /// Xavier (Glorot & Bengio 2010): `σ = √(1/n_in)`, so `n_in·σ² = 1`: a
    /// layer's input-to-output gain is 1 where the activation's slope is 1,
    /// which leaves tanh (centred on 0) spread across inputs, shrinking slowly; sigmoid, centred
    /// on 0.5, keeps mostly a per-unit offset (the weight-init chapter measures both).
    case xavier
    /// He (He et al. 2015): `σ = √(2/n_in)`; ReLU zeroes half its inputs, so
    /// twice the variance is needed to keep the spread steady.
    case he

    /// The standard deviation for weights fed by `inputs` units.
    public func standardDeviation(inputs: Int) -> Double {
        switch self {
        case .standardDeviation(let sigma): sigma
        case .xavier: (1 / Double(inputs)).squareRoot()
        case .he: (2 / Double(inputs)).squareRoot()
        }
    }

    /// `std=0.01`, `Xavier` or `He`, for legends.
    public var description: String {
        switch self {
        case .standardDeviation(let sigma): "std=\(sigma)"
        case .xavier: "Xavier"
        case .he: "He"
        }
    }
}

/// A fully connected network: `[Affine → activation] × hidden, Affine → softmax`.
///
/// Shapes for `MultiLayerNet(inputSize: D, hiddenSizes: [H, H], outputSize: C)`:
/// `W1 [D, H]`, `W2 [H, H]`, `W3 [H, C]`; each `bₖ` is `[1, width]`.
///
/// With `weightDecay` λ > 0 the loss gains the L2 penalty `½·λ·Σ‖Wₖ‖²` over
/// every weight matrix (not the biases), and each weight gradient gains `λ·Wₖ`.
///
/// `MultiLayerNetExtend` is the same network with batch normalization and
/// dropout layers chosen by its arguments.
public class MultiLayerNet: Network {
    /// The layers in forward order, the softmax-with-loss excluded.
    public let layers: [any Layer]
    /// The affine layers, in order; their weights are what weight decay acts on.
    public let affineLayers: [Affine]
    /// The batch-normalization layers, in order (none in a plain network).
    public let batchNormLayers: [BatchNormalization]
    /// The dropout layers, in order (none in a plain network).
    public let dropoutLayers: [Dropout]
    /// The closing softmax-with-loss layer.
    public let lastLayer = SoftmaxWithLoss()
    /// The L2 weight-decay strength λ (0 for none).
    public let weightDecay: Double
    /// Every learnable parameter, in layer order.
    public let parameters: [Parameter]

    /// The network that is `layers`, in forward order, then softmax-with-loss:
    /// every other initializer builds a layer list and calls this one, and a
    /// chapter can swap a layer for another (inverted dropout for the book's).
    ///
    /// The affine, batch-normalization and dropout layers, and the parameters
    /// in layer order, are read off the list.
    ///
    /// - Parameters:
    ///   - layers: The layers in forward order, the softmax excluded; e.g.
    ///     `[Affine, ReLU, Affine]`.
    ///   - weightDecay: λ of the L2 penalty on the affine layers' weights (0 by default).
    public init(layers: [any Layer], weightDecay: Double = 0) {
        precondition(weightDecay >= 0, "MultiLayerNet: weight decay \(weightDecay) must not be negative")
        precondition(layers.contains { $0 is Affine }, "MultiLayerNet: \(layers.count) layers, none of them affine")
        self.layers = layers
        self.affineLayers = layers.compactMap { $0 as? Affine }
        self.batchNormLayers = layers.compactMap { $0 as? BatchNormalization }
        self.dropoutLayers = layers.compactMap { $0 as? Dropout }
        self.weightDecay = weightDecay
        // Parameters in layer order: W1, b1, (gamma1, beta1,) W2, b2, …
        self.parameters = layers.flatMap { $0.parameters }
    }

    /// A network with random starting weights.
    ///
    /// - Parameters:
    ///   - inputSize: `D`, 784 for MNIST.
    ///   - hiddenSizes: The width of each hidden layer, e.g. `[100, 100, 100, 100]`.
    ///   - outputSize: `C`, 10 for MNIST.
    ///   - activation: The hidden layers' activation (ReLU by default, as the book).
    ///   - weightInit: How the starting weights are scaled (He by default, as the book).
    ///   - weightDecay: λ of the L2 penalty (0 by default).
    ///   - generator: Draws the starting weights.
    public convenience init(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int,
        activation: Activation = .relu, weightInit: WeightInit = .he,
        weightDecay: Double = 0, generator: inout SeededGenerator
    ) {
        let layers = Self.makeLayers(
            inputSize: inputSize, hiddenSizes: hiddenSizes, outputSize: outputSize,
            activation: activation, weightInit: weightInit,
            useBatchNorm: false, dropout: nil, generator: &generator)
        self.init(layers: layers, weightDecay: weightDecay)
    }

    /// The layers of a network with every option: those of hidden layer `k`
    /// are `Affine_k → [BatchNormalization_k] → activation → [Dropout_k]`.
    ///
    /// - Parameters:
    ///   - useBatchNorm: Insert batch normalization after each hidden affine layer.
    ///   - dropout: Insert dropout with this ratio after each hidden activation;
    ///     layer `k` draws its masks from stream `k` of `seed`.
    ///   - generator: Draws the starting weights.
    static func makeLayers(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int,
        activation: Activation, weightInit: WeightInit,
        useBatchNorm: Bool, dropout: (ratio: Double, seed: UInt64)?, generator: inout SeededGenerator
    ) -> [any Layer] {
        precondition(
            inputSize > 0 && outputSize > 0 && hiddenSizes.allSatisfy { $0 > 0 },
            "MultiLayerNet: sizes must be positive, got \(inputSize)-\(hiddenSizes)-\(outputSize)")
        let widths = [inputSize] + hiddenSizes + [outputSize]
        var layers: [any Layer] = []
        for k in 1..<widths.count {
            let inputs = widths[k - 1], outputs = widths[k]
            let sigma = weightInit.standardDeviation(inputs: inputs)
            let weight = Matrix.randomNormal(
                inputs, outputs, standardDeviation: sigma,
                using: &generator)  // [n_in, n_out]
            let bias = Matrix(rows: 1, columns: outputs)  // [1, n_out]
            // Nothing uses the gradient with respect to the images: skip it.
            layers.append(Affine(weight: weight, bias: bias, index: k, computesInputGradient: k > 1))
            guard k < widths.count - 1 else { break }  // the output layer has no activation
            if useBatchNorm { layers.append(BatchNormalization(features: outputs, index: k)) }
            layers.append(activation.makeLayer())
            if let dropout {
                layers.append(Dropout(ratio: dropout.ratio, generator: SeededGenerator(seed: dropout.seed, stream: UInt64(k))))
            }
        }
        return layers
    }

    /// The scores `[B, C]`: the input through every layer but the softmax.
    public func predict(_ x: Matrix, training: Bool = false) -> Matrix {
        var activations = x  // [B, D]
        for layer in layers {
            activations = layer.forward(activations, training: training)
        }
        return activations  // [B, C]
    }

    /// `Σₖ ‖Wₖ‖²`: the size of every weight matrix (not the biases), what
    /// weight decay acts on.
    public func sumOfSquaredWeights() -> Double {
        affineLayers.reduce(0) { $0 + $1.weight.value.sumOfSquares() }
    }

    /// `½·λ·Σₖ ‖Wₖ‖²`, the weight-decay term of the loss (0 when λ = 0).
    public func weightDecayPenalty() -> Double {
        guard weightDecay > 0 else { return 0 }
        return 0.5 * weightDecay * sumOfSquaredWeights()
    }

    /// Mean cross-entropy of the batch plus the weight-decay penalty.
    /// Test mode by default, as the book's `loss`.
    public func loss(_ x: Matrix, labels: [Int], training: Bool = false) -> Double {
        let scores = predict(x, training: training)  // [B, C]
        return lastLayer.forward(scores, labels: labels) + weightDecayPenalty()
    }

    /// Forward in training mode, then backward through every layer; adds
    /// `λ·Wₖ` to each weight gradient. Returns the forward pass's loss.
    @discardableResult
    public func gradient(_ x: Matrix, labels: [Int]) -> Double {
        let loss = self.loss(x, labels: labels, training: true)
        var dout = lastLayer.backward()  // [B, C]
        for layer in layers.reversed() {
            dout = layer.backward(dout)
        }
        if weightDecay > 0 {
            for affine in affineLayers {
                affine.weight.gradient.add(affine.weight.value, scaledBy: weightDecay)
            }
        }
        return loss
    }
}
