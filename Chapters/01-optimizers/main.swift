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
// Every knob is a field of one value, with its reason; the flags (Options.swift) change a copy.
// [source: Settings.swift]

let options = Options.parseOrExit()
// `make seeds` ends with this chapter reading its runs at five seeds (Seeds.swift).
if let folder = options.common.collectSeedsFolder { collectSeeds(options.common, from: folder) }
let settings = options.settings  // Settings(quick: --quick), with the flags applied
let settingsChanged = settings != Settings(quick: options.common.quick)  // then files go to experiments/
let writer = exitOnError {
    try FigureWriter(directory: options.common.outputDirectory(chapter: "optimizers", settingsChanged: settingsChanged))
}

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
// [source: BookCore/Optimizers/SGD.swift#update]
// [source: BookCore/Optimizers/Momentum.swift#update]
// [source: BookCore/Optimizers/AdaGrad.swift#update]
// [source: BookCore/Optimizers/Adam.swift#update]
//
// Their differences show on f(x, y) = x²/20 + y², a long shallow valley whose
// curvature across (∂²f/∂y² = 2) is twenty times its curvature along the floor
// (∂²f/∂x² = 1/10), while one η must serve both directions.

/// The valley: f(x, y) = x²/20 + y².
func valley(_ x: Double, _ y: Double) -> Double { x * x / 20 + y * y }

/// Its gradient: (∂f/∂x, ∂f/∂y) = (x/10, 2y).
func valleyGradient(_ x: Double, _ y: Double) -> (Double, Double) { (x / 10, 2 * y) }

// The book's learning rates for this walk; they are not each optimizer's best on it
// [finding: optimizers.valley-book-rates].
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
if options.explore { exit(valleyExplorer(settings, valleyOptimizers, valley, valleyGradient).run()) }  // interactive (Live.swift)

// MARK: - 3. Experiment 1: thirty steps in the valley (Figure 6-8)

let paths = valleyOptimizers.map { walk($0, from: settings.valleyStart, steps: settings.valleySteps) }
print(valleySummary(names: valleyOptimizers.map(\.name), paths))  // each walk's last position and f there
// And the same walk from just above the valley floor (y = 0.1), where it barely slopes across.
let floorStart = Point(x: settings.valleyStart.x, y: 0.1)
let floorPaths = valleyOptimizers.map { walk($0, from: floorStart, steps: settings.valleySteps) }

// MARK: - 4. Why the paths look as they do: the valley, worked out
//
// f = ½·λx·x² + ½·λy·y², λx = 1/10 along the floor, λy = 2 across (κ = λy/λx = 20);
// every optimizer updates each coordinate on its own. With g = λ·w in a coordinate w:
//
//   SGD        w ← (1 − ηλ)·w: x shrinks by 1 − η/10 and y by 1 − 2η per step.
//              For η > ½ the y factor is negative and y changes sign every step;
//              for η > 1 it is larger than 1 in size and y grows. η = 2/(λx + λy)
//              = 0.952 makes both (κ − 1)/(κ + 1) = 0.905 in size, the best one η can do.
//   Momentum   (w, v) ← [[1 − ηλ, α], [−ηλ, α]]·(w, v), so wₖ₊₁ = (1 + α − ηλ)·wₖ
//              − α·wₖ₋₁. The two roots multiply to α: when they are complex
//              (underdamped) both have size √α = 0.949 whatever η is, and w turns
//              by θ = arccos((1 + α − ηλ)/(2√α)) per step. Tuned for κ (Polyak:
//              η = 4/(√λx + √λy)², α = ((√κ − 1)/(√κ + 1))²), both coordinates
//              shrink by (√κ − 1)/(√κ + 1) = 0.635 per step, in the long run.
//   AdaGrad    w ← (1 − η/√(Σᵢ≤ₖ wᵢ²))·w, ε aside: λ cancels out of the step.
//   Adam       the first step is η·sign(g) in each coordinate (m̂ = g, v̂ = g²);
//              after it the update is not linear in w, so we measure it.
//
// Each closed form is checked against walks at every η of the sweep
// [finding: optimizers.valley-sgd-factors] [finding: optimizers.valley-momentum-roots].
// [source: Experiments.swift]
let theory = valleyTheory(settings, walk: walk)

// MARK: - 5. Experiment 2: the optimizers on MNIST (Figure 6-9)

let (train, _) = exitOnError { try options.common.loadMNIST() }
print("MNIST: \(train.count) training images of \(train.features) pixels")

// The mini-batches are drawn once, with replacement as the book does, and
// every optimizer trains on the same ones.
var generator = SeededGenerator(seed: settings.seed)
let batches = (0..<max(settings.iterations, settings.raceIterations)).map { _ in generator.choice(train.count, count: settings.batchSize) }

// Each network trains in the book's loop: gradient, update, loss after the step.
// [source: Training.swift]
let mnistOptimizers = settings.comparison.map { $0.make() }  // --optimizers: which, each at the book's default rate
let comparisonIterations = settings.iterations
let live = LiveFigure.start(options.common.plot, .mnistLosses(mnistOptimizers))  // --plot live: drawn as they train (Live.swift)
let comparison = await trainSideBySide("training", count: mnistOptimizers.count, stepsEach: comparisonIterations) { k, step in
    withLossesDrawn(on: live, curve: k, after: step) {
        lossCurve(mnistOptimizers[k], steps: comparisonIterations, train: train, batches: batches, settings: settings, step: $0)
    }
}
live?.finish(runSeconds: comparison.seconds)
let losses = comparison.results
// Any loss that is not finite, said so (it is never counted); what the book prints, every
// optimizer's loss every 100 iterations; and the speed line (Training.swift).
print(comparisonReport(settings, names: mnistOptimizers.map(\.name), losses, seconds: comparison.seconds, train: train))

// MARK: - 6. Going further: a fair race
//
// Each optimizer above ran at the book's default learning rate. Here every
// optimizer of the course runs at each of the race's rates, on the same batches
// and the same start, and we keep the mean loss of its last 50 iterations: which
// is best at its own best η, and which is forgiving of a bad one?

let raceOptimizers = OptimizerName.allCases
let raceRates = settings.raceRates, raceIterations = settings.raceIterations
let racePairs = raceIterations == 0 ? [] : raceOptimizers.flatMap { name in raceRates.map { (name, $0) } }
let race = await trainSideBySide("race", count: racePairs.count, stepsEach: raceIterations) { k, step in
    let optimizer = racePairs[k].0.make(learningRate: racePairs[k].1)
    let curve = lossCurve(optimizer, steps: raceIterations, train: train, batches: batches, settings: settings) { _ in step() }
    let tail = curve.suffix(min(settings.raceTail, curve.count))
    return tail.reduce(0, +) / Double(tail.count)  // not finite if any loss of the tail is: the network diverged
}
let raceLosses = byOptimizer(race.results, rates: raceRates.count)  // [optimizer][rate]; empty: no race
print(raceSummary(settings, names: raceOptimizers.map { $0.make().name }, raceLosses))

// MARK: - 7. Figures

let results = Results(
    valleyNames: valleyOptimizers.map(\.name), valley: paths, floor: floorPaths,
    comparisonNames: mnistOptimizers.map(\.name), comparison: losses,
    raceNames: raceOptimizers.map { $0.make().name }, race: raceLosses,
    valleyRates: valleyOptimizers.map(\.learningRate), theory: theory)
let tables = makeTables(settings, results)
exitOnError { for table in tables.all { try writer.write(table) } }
exitOnError { try options.common.show(makeFigures(tables, settings), with: writer) }

// MARK: - 8. What we saw
//
// In the valley the lesson is the shape of each path, not who ends nearest.
// SGD crosses the valley floor at every step [finding: optimizers.valley-sgd-zigzag]:
// its η = 0.95 sits by 2/(λx + λy), the best rate in the long run, yet 0.9 ends
// lower after these updates [finding: optimizers.valley-sgd-rate]. It ends nearer
// the minimum than Momentum and Adam, still swinging; AdaGrad, whose first factor
// in y is 0.25 [finding: optimizers.valley-adagrad-factor], ends nearest of all
// [finding: optimizers.valley-closest]. Momentum rolls past the minimum like a
// ball in a bowl [finding: optimizers.valley-momentum-overshoots]; tuned for κ it
// would be far ahead [finding: optimizers.valley-tuned-momentum]. Adam's steps are
// at most η in each coordinate, whatever the slope [finding: optimizers.valley-adam-steps].
//
// On MNIST, SGD learns slowest by far [finding: optimizers.mnist-sgd-slowest]; with the
// book's defaults AdaGrad and Adam end lowest, so close that the seed decides which is
// lower (seeds.txt) [finding: optimizers.mnist-lowest]. The race shows how much of that is
// the learning rate: every optimizer has a good η of its own, and SGD's best is not the
// best of all [finding: optimizers.race-winner]; AdaGrad trains well over the widest span
// of η, SGD over a narrower one than the book's other three [finding: optimizers.race-forgiving].
// Diverged networks (loss not a number) are reported, marked in race.png and counted by
// no comparison [finding: optimizers.race-diverged].

let findings = optimizersFindings(tables)
printFindings(findings)
exitOnError { try writer.write(findings) }

// MARK: - 9. Exercises
//
// 1. Add RMSprop and Nesterov to the MNIST comparison:
//    `optimizers --optimizers sgd,momentum,adagrad,adam,rmsprop,nesterov`.
//    Where do they land?
//
//    Worked answer (try first): the chapter's race answers the command's first
//    200 iterations: a race network at an optimizer's default η is the
//    command's network, stopped there [finding: optimizers.race-is-comparison-start].
//    Over iterations 150–199, RMSprop (η = 0.01) is near Adam at Adam's default,
//    far below SGD; Nesterov a little below Momentum
//    [finding: optimizers.exercise-rmsprop-nesterov]. Iterations 200–1999 only
//    the command runs (it writes under experiments/).
//
// 2. Give SGD a learning rate of 0.1. Does it catch up? What happens at 1.0?
//
//    Worked answer (try first): the race ran SGD at both, for its 200 iterations. At
//    η = 0.1 SGD catches up: it ends below Momentum at Momentum's default. At 1.0 it
//    fails: its loss ends above 1.5 (a uniform guess scores ln 10 ≈ 2.3), or, at
//    some seeds, diverges [finding: optimizers.exercise-sgd-rates].
//
// 3. Start the valley walk just above the valley floor:
//    `optimizers --valley-start -7,0.1`. Which optimizers change most, and why?
//
//    Worked answer (try first): the chapter walks from (−7, 0.1) too, as the
//    command does (valley-floor.png). Every x moves exactly as before: each
//    coordinate is updated on its own, and x's gradient is unchanged. AdaGrad's
//    first y factor is 1 − 1.5/0.1 = −14, so it throws y far across the valley
//    [finding: optimizers.exercise-valley-floor].
