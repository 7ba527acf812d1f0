// Chapter 1 — Optimizers: which way, and how far, to step downhill
// (the book: section 6.1, Figures 6-3 to 6-9)
//
// Question: training is walking downhill on the loss. Plain gradient descent
// (SGD) steps straight down the slope; why does that go badly on some
// surfaces, and what do Momentum, AdaGrad and Adam change?
//
// Run:   swift run -c release optimizers          (or: make optimizers)
//
// Shapes in comments: B batch (128 here), D input features (784 = 28×28),
// H hidden units (100), C classes (10).

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

// MARK: - 1. Settings
//
// Every knob, with its reason, is a field of one value, `Settings`, shown here.
// The flags (Options.swift; `--help` lists them) are parsed and checked once,
// and change a copy of it.
// [source: Settings.swift]

let options = Options.parseOrExit()
let settings = options.settings  // Settings(quick: --quick), with the flags applied
let writer = exitOnError { try FigureWriter(directory: options.common.outputDirectory(chapter: "optimizers")) }

// MARK: - 2. The idea: four ways to take a step
//
// Every optimizer turns a gradient g = ∂L/∂W into a change of W (η is the
// learning rate; all updates act element by element):
//
//   SGD        W ← W − η·g
//   Momentum   v ← α·v − η·g;   W ← W + v                      (α = 0.9)
//   AdaGrad    h ← h + g²;      W ← W − η·g / (√h + 1e-7)
//   Adam       m ← m + (1−β₁)(g − m);   v ← v + (1−β₂)(g² − v)
//              W ← W − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + 1e-7)   (β₁ = 0.9, β₂ = 0.999)
//
// SGD's trouble shows on f(x, y) = x²/20 + y²: a long shallow valley. The
// gradient (x/10, 2y) points mostly across the valley, not along it, so SGD
// steps from wall to wall while it creeps along [finding: optimizers.valley-sgd-zigzag].
// Momentum lets steps along the
// valley add up; AdaGrad shrinks the step in y, where gradients have been
// large; Adam does both.

/// The valley: f(x, y) = x²/20 + y².
func valley(_ x: Double, _ y: Double) -> Double { x * x / 20 + y * y }

/// Its gradient: (∂f/∂x, ∂f/∂y) = (x/10, 2y).
func valleyGradient(_ x: Double, _ y: Double) -> (Double, Double) { (x / 10, 2 * y) }

// The book's learning rates for this experiment, each tuned to show its optimizer at its best.
let valleyOptimizers: [any Optimizer] = [
    SGD(learningRate: 0.95), Momentum(learningRate: 0.1), AdaGrad(learningRate: 1.5), Adam(learningRate: 0.3),
]

/// The positions (x, y) before each of `steps` updates, from `start`.
func walk(_ optimizer: any Optimizer, from start: Point, steps: Int) -> [Point] {
    var optimizer = optimizer
    // The point (x, y) is a [1, 2] parameter, so the same optimizers that train networks move it.
    let point = Parameter(name: "xy", value: Matrix(rowVector: [start.x, start.y]))  // [1, 2]
    var path: [Point] = []
    for _ in 0..<steps {
        let (x, y) = (point.value[0, 0], point.value[0, 1])
        path.append(Point(x: x, y: y))
        let (dx, dy) = valleyGradient(x, y)
        point.gradient = Matrix(rowVector: [dx, dy])  // [1, 2]
        optimizer.update([point])
    }
    return path
}

// MARK: - 3. Experiment 1: thirty steps in the valley (Figure 6-8)

let paths = valleyOptimizers.map { walk($0, from: settings.valleyStart, steps: settings.valleySteps) }
for (optimizer, path) in zip(valleyOptimizers, paths) {
    let last = path[path.count - 1]
    print(String(format: "%-9@ last position (%7.3f, %7.3f)   f = %.4f", optimizer.name, last.x, last.y, valley(last.x, last.y)))
}
// And the same walk from just above the valley floor (y = 0.1), where it barely slopes across.
let floorStart = Point(x: settings.valleyStart.x, y: 0.1)
let floorPaths = valleyOptimizers.map { walk($0, from: floorStart, steps: settings.valleySteps) }

// MARK: - 4. Experiment 2: the optimizers on MNIST (Figure 6-9)

let (train, _) = exitOnError { try MNIST.load(directory: options.common.dataDirectory) }
print("MNIST: \(train.count) training images of \(train.features) pixels")

// The mini-batches are drawn once, with replacement as the book does, and
// every optimizer trains on the same ones.
var generator = SeededGenerator(seed: settings.seed)
let batches = (0..<max(settings.iterations, settings.raceIterations)).map { _ in
    generator.choice(train.count, count: settings.batchSize)
}

/// Trains one network with `optimizer` on the first `steps` of `batches` of
/// `train` and returns its loss after every update.
///
/// The book gives each network its own random start. The course gives all of
/// them the same one (stream 1 of the seed), so that the curves differ only by
/// the optimizer: a deliberate difference from the book.
func lossCurve(
    _ optimizer: any Optimizer, steps: Int, train: Dataset, batches: [[Int]], settings: Settings, step: () -> Void
) -> [Double] {
    var weightGenerator = SeededGenerator(seed: settings.seed, stream: 1)
    let network = MultiLayerNet(
        inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
        activation: .relu, weightInit: .he, generator: &weightGenerator)
    var optimizer = optimizer
    var losses: [Double] = []
    for indices in batches.prefix(steps) {
        let (x, t) = train.batch(indices)  // x: [B, D], t: B labels
        network.gradient(x, labels: t)  // fills ∂L/∂W for every W
        optimizer.update(network.parameters)  // one step
        losses.append(network.loss(x, labels: t))  // the book records the loss after the step
        step()
    }
    return losses
}

let mnistOptimizers = settings.comparison.map { $0.make() }  // --optimizers: which, each at the book's default rate
let iterations = settings.iterations
let comparison = await trainSideBySide("training", count: mnistOptimizers.count, stepsEach: iterations) { k, step in
    lossCurve(mnistOptimizers[k], steps: iterations, train: train, batches: batches, settings: settings, step: step)
}
let losses = comparison.results

// What the book prints: every optimizer's loss every 100 iterations.
for i in stride(from: 0, to: iterations, by: settings.printEvery) {
    print(
        "===========iteration:\(i)===========" + mnistOptimizers.indices.map { "\n\(mnistOptimizers[$0].name):\(losses[$0][i])" }.joined())
}
let flopsPerStep = MultiLayerNet.productFLOPs(
    inputSize: train.features, hiddenSizes: settings.hiddenSizes,
    outputSize: train.classes, batchSize: settings.batchSize)
print(
    String(format: "Trained %d networks × %d iterations in %.1f s: ", mnistOptimizers.count, iterations, comparison.seconds)
        + productSpeed(flops: flopsPerStep * Double(iterations * mnistOptimizers.count), seconds: comparison.seconds))

// MARK: - 5. Going further: a fair race
//
// Each optimizer above ran at the book's default learning rate, which favours
// some more than others. Here every optimizer of the course runs at each of
// the race's learning rates, on the same batches and the same start, and we
// keep the mean loss of its last 50 iterations. Two questions: which is best
// at its own best η, and which is forgiving of a bad one?

let raceOptimizers = OptimizerName.allCases
let raceRates = settings.raceRates, raceIterations = settings.raceIterations
let racePairs = raceIterations == 0 ? [] : raceOptimizers.flatMap { name in raceRates.map { (name, $0) } }
let race = await trainSideBySide("race", count: racePairs.count, stepsEach: raceIterations) { k, step in
    let optimizer = racePairs[k].0.make(learningRate: racePairs[k].1)
    let curve = lossCurve(optimizer, steps: raceIterations, train: train, batches: batches, settings: settings, step: step)
    let tail = curve.suffix(min(settings.raceTail, curve.count))
    return tail.reduce(0, +) / Double(tail.count)
}

// MARK: - 6. Figures

let raceLosses: [[Double]] =
    race.results.isEmpty
    ? [] : raceOptimizers.indices.map { i in Array(race.results[i * raceRates.count..<(i + 1) * raceRates.count]) }
let valleyNames: [String] = valleyOptimizers.map(\.name)
let results = Results(
    valleyNames: valleyNames, valley: paths, floor: floorPaths,
    comparisonNames: mnistOptimizers.map(\.name), comparison: losses,
    raceNames: raceOptimizers.map { $0.make().name }, race: raceLosses)
let tables = makeTables(settings, results)
exitOnError { for table in tables.all { try writer.write(table) } }
exitOnError { try options.common.show(makeFigures(tables, settings), with: writer) }

// MARK: - 7. What we saw
//
// In the valley the lesson is the shape of each path, not who ends nearest.
// SGD crosses the valley floor at every step [finding: optimizers.valley-sgd-zigzag],
// yet ends nearer the minimum than Momentum and Adam, which are still swinging;
// AdaGrad, which damps y at once and glides along x, ends nearest of all
// [finding: optimizers.valley-closest]. Momentum rolls past the minimum like a
// ball in a bowl [finding: optimizers.valley-momentum-overshoots].
//
// On MNIST, SGD learns slowest by far [finding: optimizers.mnist-sgd-slowest];
// with the book's defaults AdaGrad ends lowest [finding: optimizers.mnist-lowest].
// The race shows how much of that is the learning rate: every optimizer has a
// good η of its own, and the best of all is an adaptive one
// [finding: optimizers.race-winner]; AdaGrad trains well over the widest span
// of η, SGD over one of the narrowest [finding: optimizers.race-forgiving].

let findings = optimizersFindings(tables)
printFindings(findings)
exitOnError { try writer.write(findings) }

// MARK: - 8. Exercises
//
// 1. Add RMSprop and Nesterov to the MNIST comparison:
//    `optimizers --optimizers sgd,momentum,adagrad,adam,rmsprop,nesterov`.
//    Where do they land?
//
//    Worked answer (try first): the race already ran both at their default
//    η = 0.01 on the same batches. RMSprop ends near Adam at Adam's default,
//    far below SGD; Nesterov, which looks one step ahead, ends a little
//    below Momentum [finding: optimizers.exercise-rmsprop-nesterov].
//
// 2. Give SGD a learning rate of 0.1. Does it catch up? What happens at 1.0?
//
//    Worked answer (try first): the race has SGD at both. At η = 0.1 SGD
//    catches up: it ends below Momentum at Momentum's default. At 1.0 its
//    loss ends near ln 10 ≈ 2.3, the loss of a network that guesses
//    [finding: optimizers.exercise-sgd-rates]; our guess (a hypothesis) is
//    that steps this large never settle.
//
// 3. Start the valley walk just above the valley floor:
//    `optimizers --valley-start -7,0.1`. Which optimizers change most, and why?
//
//    Worked answer (try first): the chapter walks from (−7, 0.1) too
//    (valley-floor.png). Every x moves exactly as before: each optimizer
//    updates each coordinate on its own, and the x-gradient is unchanged.
//    What changes is y. AdaGrad's first step has size η = 1.5 whatever the
//    slope, so it throws y from 0.1 far across the valley
//    [finding: optimizers.exercise-valley-floor].
