// ActivationsThroughLayers.swift — what the starting weights do to the values
// flowing through a deep network, before any training.
//
// The book's weight-init experiment: push random inputs through a stack of
// fully connected layers with freshly drawn weights and no biases, and look
// at the histogram of each layer's outputs. A good scale keeps them spread
// out in every layer; a bad one squeezes them to the ends of the activation
// (the gradient vanishes) or to one value (every unit says the same thing).

/// The outputs of every layer of a bias-free stack of fully connected layers
/// with random weights: `a₀ = x`, `aₖ = f(aₖ₋₁ · Wₖ)`.
///
/// Each `Wₖ` is `[nₖ₋₁, nₖ]` with elements drawn from N(0, σₖ²), where
/// `σₖ = weightInit.standardDeviation(inputs: nₖ₋₁)`: a fixed σ, Xavier's
/// `√(1/nₖ₋₁)` (Glorot & Bengio 2010) or He's `√(2/nₖ₋₁)` (He et al. 2015).
/// The weights are drawn layer by layer, row by row, from `generator`, so the
/// same generator state gives the same standard normals whatever the scale —
/// two calls that differ only in `weightInit` see the same weights, scaled.
///
/// The book's setting (`weight_init_activation_histogram.py`): `x` is
/// `[1000, 100]` from N(0, 1), `widths` is five layers of 100.
///
/// - Parameters:
///   - input: The batch `x`, `[N, n₀]`.
///   - widths: The number of units of each layer, `[n₁, n₂, …]`.
///   - weightInit: How the weights are scaled.
///   - activation: The function `f`, applied element by element (sigmoid, tanh, ReLU, …).
///   - generator: Draws the weights.
/// - Returns: One matrix per layer, `aₖ` of shape `[N, nₖ]` (the input not included).
public func activationsThroughLayers(
    _ input: Matrix, widths: [Int], weightInit: WeightInit,
    activation: (Double) -> Double,
    generator: inout SeededGenerator
) -> [Matrix] {
    precondition(widths.allSatisfy { $0 > 0 }, "activationsThroughLayers: widths \(widths) must be positive")
    var activations = input  // [N, n₀]
    var outputs: [Matrix] = []
    for width in widths {
        let inputs = activations.columns
        let sigma = weightInit.standardDeviation(inputs: inputs)
        let weight = Matrix.randomNormal(
            inputs, width, standardDeviation: sigma,
            using: &generator)  // [nₖ₋₁, nₖ]
        let preActivation = Matrix.product(activations, weight)  // [N, nₖ]
        activations = preActivation.map(activation)  // [N, nₖ]
        outputs.append(activations)
    }
    return outputs
}
