// Experiments.swift — what the optimizers chapter's experiments return
// (main.swift runs them), handed to Figures.swift as one value.

import BookCore
import ChapterKit
import Foundation

/// Everything the chapter's experiments measured.
struct Results {
    /// The valley's optimizers, in order.
    var valleyNames: [String]
    /// Each valley optimizer's positions before each update, from the chosen start.
    var valley: [[Point]]
    /// The same walks from just above the valley floor (exercise 3).
    var floor: [[Point]]
    /// The MNIST comparison's optimizers, in order.
    var comparisonNames: [String]
    /// Each comparison optimizer's loss after every update.
    var comparison: [[Double]]
    /// The race's optimizers, in order (every optimizer of the course).
    var raceNames: [String]
    /// Per race optimizer, the mean loss of its last iterations at each of the race's rates (empty: no race).
    var race: [[Double]]
    /// The valley's book rates, one per valley optimizer.
    var valleyRates: [Double]
    /// The valley's linear analysis and the sweep of walks that checks it.
    var theory: ValleyTheory
}

// MARK: - The valley's theory: each update on f = x²/20 + y², per coordinate

/// The valley's curvatures: f = ½·λx·x² + ½·λy·y² with λx = 1/10 and λy = 2,
/// so ∂f/∂x = λx·x and ∂f/∂y = λy·y; their ratio is the condition number κ = 20.
enum ValleyCurvature {
    /// ∂²f/∂x², the valley's floor.
    static let x = 0.1
    /// ∂²f/∂y², its walls.
    static let y = 2.0
    /// κ = λmax/λmin.
    static var conditionNumber: Double { y / x }
}

/// SGD on one coordinate of curvature λ: w ← w − η·λ·w = (1 − ηλ)·w, so wₖ = w₀·(1 − ηλ)ᵏ.
func sgdFactor(rate: Double, curvature: Double) -> Double { 1 - rate * curvature }

/// Momentum on one coordinate of curvature λ, as a linear recurrence.
///
/// With g = λ·w, `v ← α·v − η·λ·w` and `w ← w + v` map (w, v) by the 2×2 matrix
/// [[1 − ηλ, α], [−ηλ, α]]. Eliminating v gives wₖ₊₁ = (1 + α − ηλ)·wₖ − α·wₖ₋₁,
/// whose characteristic roots μ solve μ² − (1 + α − ηλ)·μ + α = 0: their product is α,
/// so when they are complex (the discriminant (1 + α − ηλ)² − 4α is negative:
/// underdamped) both have modulus √α, and w turns by θ = arccos((1 + α − ηλ)/(2√α)) per step.
struct MomentumRecurrence {
    /// η.
    var rate: Double
    /// α.
    var momentum: Double
    /// λ.
    var curvature: Double

    /// 1 + α − ηλ, the sum of the two roots.
    var trace: Double { 1 + momentum - rate * curvature }
    /// (1 + α − ηλ)² − 4α: negative when the roots are complex (underdamped).
    var discriminant: Double { trace * trace - 4 * momentum }

    /// The larger modulus of the two roots: √α when underdamped.
    var spectralRadius: Double {
        if discriminant < 0 { return momentum.squareRoot() }
        let root = discriminant.squareRoot()
        return max(abs((trace + root) / 2), abs((trace - root) / 2))
    }

    /// w₀, w₁, …, w_{count−1} from w₀ with v₀ = 0 (so w₁ = (1 − ηλ)·w₀), from the roots alone.
    func path(from start: Double, count: Int) -> [Double] {
        let first = (1 - rate * curvature) * start  // w₁
        let d = discriminant
        return (0..<count).map { k in
            let k = Double(k)
            if d < 0 {  // wₖ = rᵏ·(A·cos kθ + B·sin kθ)
                let r = momentum.squareRoot(), theta = acos(trace / (2 * r))
                let b = (first / r - start * cos(theta)) / sin(theta)
                return pow(r, k) * (start * cos(k * theta) + b * sin(k * theta))
            } else if d > 0 {  // wₖ = c₁·μ₁ᵏ + c₂·μ₂ᵏ
                let mu1 = (trace + d.squareRoot()) / 2, mu2 = (trace - d.squareRoot()) / 2
                let c1 = (first - mu2 * start) / (mu1 - mu2)
                return c1 * pow(mu1, k) + (start - c1) * pow(mu2, k)
            } else {  // a double root μ: wₖ = (c₁ + c₂·k)·μᵏ
                let mu = trace / 2
                return (start + (first / mu - start) * k) * pow(mu, k)
            }
        }
    }
}

/// SGD's path from `start` by the closed form wₖ = w₀·(1 − ηλ)ᵏ in each coordinate: `count` positions.
func predictedSGDPath(rate: Double, from start: Point, count: Int) -> [Point] {
    let fx = sgdFactor(rate: rate, curvature: ValleyCurvature.x)
    let fy = sgdFactor(rate: rate, curvature: ValleyCurvature.y)
    return (0..<count).map { k in Point(x: start.x * pow(fx, Double(k)), y: start.y * pow(fy, Double(k))) }
}

/// Momentum's path from `start` (v₀ = 0) by the roots of each coordinate's recurrence: `count` positions.
func predictedMomentumPath(rate: Double, momentum: Double, from start: Point, count: Int) -> [Point] {
    let x = MomentumRecurrence(rate: rate, momentum: momentum, curvature: ValleyCurvature.x).path(from: start.x, count: count)
    let y = MomentumRecurrence(rate: rate, momentum: momentum, curvature: ValleyCurvature.y).path(from: start.y, count: count)
    return zip(x, y).map { Point(x: $0, y: $1) }
}

/// How far a predicted path is from a walked one: the largest |predicted − walked| in
/// each coordinate, relative to that coordinate's largest |walked|, the larger of the two.
func pathError(_ predicted: [Point], _ walked: [Point]) -> Double {
    func error(_ p: [Double], _ w: [Double]) -> Double {
        let scale = w.map(abs).max() ?? 0
        let largest = zip(p, w).map { abs($0 - $1) }.max() ?? 0
        return scale > 0 ? largest / scale : largest
    }
    return max(error(predicted.map(\.x), walked.map(\.x)), error(predicted.map(\.y), walked.map(\.y)))
}

/// The valley's theory, and the walks it is checked against.
struct ValleyTheory {
    /// The learning rates of the sweep.
    var rates: [Double]
    /// The optimizers walked at every rate, in order (SGD, Momentum, AdaGrad, Adam).
    var names: [String]
    /// Per rate, each optimizer's walk.
    var walks: [[[Point]]]
    /// Per rate, SGD's and Momentum's paths predicted by their closed forms.
    var predictedSGD: [[Point]]
    var predictedMomentum: [[Point]]
    /// Momentum's α in the sweep (the book's 0.9).
    var momentum: Double
    /// SGD at its best worst-case rate and Momentum tuned for κ, each with its label.
    var tunedNames: [String]
    var tunedWalks: [[Point]]
}

/// The valley's four optimizers, all at learning rate `rate` (and the book's other defaults).
func sweepOptimizers(at rate: Double) -> [any Optimizer] {
    [SGD(learningRate: rate), Momentum(learningRate: rate), AdaGrad(learningRate: rate), Adam(learningRate: rate)]
}

/// The valley's theory and the walks that check it: the four optimizers walked by `walk`
/// at every rate of the sweep, SGD and Momentum (α = 0.9) predicted by their closed forms,
/// and SGD and Momentum tuned for κ walked too.
func valleyTheory(_ settings: Settings, walk: (any Optimizer, Point, Int) -> [Point]) -> ValleyTheory {
    let start = settings.valleyStart, count = settings.valleySteps, alpha = 0.9
    let walks = settings.theoryRates.map { rate in sweepOptimizers(at: rate).map { walk($0, start, count) } }
    let kappa = ValleyCurvature.conditionNumber, rootKappa = kappa.squareRoot()
    let tuned: [any Optimizer] = [
        SGD(learningRate: 2 / (ValleyCurvature.x + ValleyCurvature.y)),  // both factors (κ − 1)/(κ + 1) in size
        Momentum(
            learningRate: 4 / pow(ValleyCurvature.x.squareRoot() + ValleyCurvature.y.squareRoot(), 2),
            momentum: pow((rootKappa - 1) / (rootKappa + 1), 2)),  // Polyak's heavy ball: (√κ − 1)/(√κ + 1)
    ]
    return ValleyTheory(
        rates: settings.theoryRates, names: sweepOptimizers(at: 1).map(\.name), walks: walks,
        predictedSGD: settings.theoryRates.map { predictedSGDPath(rate: $0, from: start, count: count) },
        predictedMomentum: settings.theoryRates.map {
            predictedMomentumPath(rate: $0, momentum: alpha, from: start, count: count)
        },
        momentum: alpha, tunedNames: ["SGD at 2/(λx + λy)", "Momentum tuned for κ"],
        tunedWalks: tuned.map { walk($0, start, count) })
}
