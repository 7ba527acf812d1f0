// BatchNormalization.swift — normalize each feature over the batch, then
// scale and shift it (Ioffe & Szegedy 2015).

/// Batch normalization: each feature (column) of a batch is shifted to mean 0
/// and scaled to variance 1 over the batch, then scaled by a learned `γ` and
/// shifted by a learned `β`.
///
/// Training mode, for a batch `x` `[B, H]` (every operation per column):
/// ```
/// μ   = (1/B) Σᵢ xᵢ                 mean
/// xc  = x − μ                       centered
/// σ²  = (1/B) Σᵢ xcᵢ²               variance (biased: divided by B, as NumPy's mean)
/// std = √(σ² + ε)                   ε = 1e-6 (the book writes 10e-7)
/// x̂   = xc / std                    normalized
/// out = γ·x̂ + β                     scale and shift
/// ```
/// and the running averages `μ̄ ← 0.9·μ̄ + 0.1·μ`, `σ̄² ← 0.9·σ̄² + 0.1·σ²`
/// (momentum 0.9; both start at zero, as the book's do).
///
/// Test mode uses the running averages instead of the batch's statistics,
/// so a prediction does not depend on the other images in its batch:
/// `out = γ·(x − μ̄)/√(σ̄² + ε) + β`.
///
/// Shapes: `γ` and `β` are `[1, H]`, named `gamma<k>` and `beta<k>` for
/// hidden layer `k`; `γ` starts at ones and `β` at zeros, so a fresh layer
/// only normalizes.
///
/// Ioffe & Szegedy, "Batch Normalization: Accelerating Deep Network Training
/// by Reducing Internal Covariate Shift", ICML 2015 (Algorithm 1).
public final class BatchNormalization: Layer {
    /// The book's `10e-7` (= 1e-6) under the square root: keeps a feature with
    /// zero variance in a batch from dividing by zero.
    public static let epsilon = 1e-6

    /// The scale `γ`, `[1, H]`, starting at ones.
    public let gamma: Parameter
    /// The shift `β`, `[1, H]`, starting at zeros.
    public let beta: Parameter
    /// How much of the old running average is kept at each training step (0.9, as the book).
    public let momentum: Double
    /// The running mean `μ̄` used in test mode, `[1, H]`.
    public private(set) var runningMean: Matrix
    /// The running (biased) variance `σ̄²` used in test mode, `[1, H]`.
    public private(set) var runningVariance: Matrix

    // What the backward pass needs from the last training-mode forward pass.
    private var centered = Matrix(rows: 0, columns: 0)  // xc, [B, H]
    private var standardDeviation = Matrix(rows: 0, columns: 0)  // std, [1, H]
    private var normalized = Matrix(rows: 0, columns: 0)  // x̂, [B, H]

    /// A batch-normalization layer for `features` columns.
    ///
    /// The book's layer creates its running averages as zeros at its first
    /// forward pass, when it learns the width; here the width is known at once,
    /// so they are the same zeros made a little earlier.
    ///
    /// - Parameters:
    ///   - features: `H`, the width of the layer it follows.
    ///   - index: The hidden layer's number, for the names `gamma<k>`, `beta<k>`.
    ///   - momentum: The running averages' momentum (0.9, as the book).
    public init(features: Int, index: Int = 1, momentum: Double = 0.9) {
        precondition(features > 0, "BatchNormalization: features \(features) must be positive")
        precondition(momentum >= 0 && momentum <= 1, "BatchNormalization: momentum \(momentum) must lie in [0, 1]")
        gamma = Parameter(name: "gamma\(index)", value: Matrix(rows: 1, columns: features, repeating: 1))  // [1, H]
        beta = Parameter(name: "beta\(index)", value: Matrix(rows: 1, columns: features))  // [1, H]
        self.momentum = momentum
        runningMean = Matrix(rows: 1, columns: features)  // [1, H]
        runningVariance = Matrix(rows: 1, columns: features)  // [1, H]
    }

    /// `γ` then `β`.
    public var parameters: [Parameter] { [gamma, beta] }

    /// Normalizes with the batch's statistics (training, and updates the running
    /// averages) or with the running averages (test), then scales and shifts.
    public func forward(_ x: Matrix, training: Bool) -> Matrix {
        precondition(
            x.columns == gamma.value.columns,
            "BatchNormalization.forward: input \(x.shapeDescription) does not have the layer's \(gamma.value.columns) features")
        let normalized: Matrix
        if training {
            precondition(x.rows > 0, "BatchNormalization.forward: an empty batch \(x.shapeDescription) has no statistics")
            let mean = x.columnMeans()  // μ = mean(x), [1, H]
            let centered = x - mean  // xc = x − μ, [B, H]
            let variance = (centered * centered).columnMeans()  // σ² = mean(xc²), [1, H]
            let standardDeviation = sqrt(variance + Self.epsilon)  // std = √(σ² + ε), [1, H]
            normalized = centered / standardDeviation  // x̂ = xc / std, [B, H]
            runningMean = momentum * runningMean + (1 - momentum) * mean  // μ̄, [1, H]
            runningVariance = momentum * runningVariance + (1 - momentum) * variance  // σ̄², [1, H]
            self.centered = centered
            self.standardDeviation = standardDeviation
            self.normalized = normalized
        } else {
            let centered = x - runningMean  // x − μ̄, [B, H]
            normalized = centered / sqrt(runningVariance + Self.epsilon)  // x̂, [B, H]
        }
        return gamma.value * normalized + beta.value  // γ·x̂ + β, [B, H]
    }

    // The backward pass walks the forward steps in reverse. Write g for the
    // incoming dout = ∂L/∂out and Σ for a sum over the batch (rows):
    //
    //   out = γ·x̂ + β      ⇒  ∂L/∂β = Σ g,   ∂L/∂γ = Σ x̂·g,   ∂L/∂x̂ = γ·g
    //   x̂ = xc / std       ⇒  xc reaches L directly through x̂:   ∂L/∂xc  = (∂L/∂x̂) / std
    //                          and std collects from every row:   ∂L/∂std = −Σ (∂L/∂x̂)·xc / std²
    //   std = √(σ² + ε)    ⇒  ∂L/∂σ² = ½ · (∂L/∂std) / std
    //   σ² = (1/B) Σ xc²   ⇒  xc also reaches L through σ²:      ∂L/∂xc += (2/B)·xc · ∂L/∂σ²
    //   xc = x − μ         ⇒  x reaches L directly, and through μ = (1/B) Σ x:
    //                          ∂L/∂μ = −Σ ∂L/∂xc,   ∂L/∂x = ∂L/∂xc + (1/B)·∂L/∂μ
    //
    // (The book keeps dμ = +Σ ∂L/∂xc and subtracts it; the same thing.) Each
    // step is one line below. Ioffe & Szegedy (2015) give the same chain in
    // their section 3; Kratzert's "Understanding the backward pass through
    // Batch Normalization Layer" (2016) draws it as a graph.

    /// Stores `∂L/∂γ` and `∂L/∂β`, and returns `∂L/∂x` `[B, H]`, through the
    /// batch statistics of the last training-mode forward pass.
    public func backward(_ dout: Matrix) -> Matrix {
        dout.checkSameShape(normalized, "BatchNormalization.backward (dout against the last training forward)")
        let batchSize = Double(dout.rows)  // B
        beta.gradient = dout.columnSums()  // ∂L/∂β = Σ g, [1, H]
        gamma.gradient = (normalized * dout).columnSums()  // ∂L/∂γ = Σ x̂·g, [1, H]
        let dNormalized = gamma.value * dout  // ∂L/∂x̂ = γ·g, [B, H]
        var dCentered = dNormalized / standardDeviation  // ∂L/∂xc = ∂L/∂x̂ / std, [B, H]
        let dStandardDeviation =
            -(dNormalized * centered).columnSums()
            / (standardDeviation * standardDeviation)  // ∂L/∂std, [1, H]
        let dVariance = 0.5 * dStandardDeviation / standardDeviation  // ∂L/∂σ², [1, H]
        dCentered += (2 / batchSize) * (centered * dVariance)  // ∂L/∂xc += (2/B)·xc·∂L/∂σ², [B, H]
        let dMean = dCentered.columnSums()  // Σ ∂L/∂xc (= −∂L/∂μ), [1, H]
        return dCentered - dMean / batchSize  // ∂L/∂x, [B, H]
    }
}
