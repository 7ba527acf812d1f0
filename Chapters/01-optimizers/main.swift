// Chapter 1 — Optimizers: which way, and how far, to step downhill
//
// Question: training is walking downhill on the loss. Plain gradient descent
// (SGD) steps straight down the slope; why does that go badly on some
// surfaces, and what do Momentum, AdaGrad and Adam change?
//
// Run:   swift run -c release optimizers          (or: make optimizers)
// Tests: run it with --quick and check the files it writes.
//
// Shapes in comments: B batch (128 here), D input features (784 = 28×28),
// H hidden units (100), C classes (10).

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

// MARK: - 1. Settings

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Chapter 1: how Momentum, AdaGrad and Adam step better than plain SGD.",
        discussion: "Runs SGD, Momentum, AdaGrad and Adam for 30 steps on the valley f(x, y) = x²/20 + y², then trains one MNIST network with each on the same mini-batches, and draws both.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Training iterations of the MNIST experiment (the book: 2000; --quick: 60).")
    var iterations: Int?

    func validate() throws {
        if let iterations { try validatePositive(iterations, flag: "--iterations") }
    }
}

let options = Options.parseOrExit()
let quick = options.common.quick

// The book's MNIST budget: 2000 mini-batches of 128 images.
let iterations = options.iterations ?? (quick ? 60 : 2000)
let batchSize = 128
// Four hidden layers of 100 units, ReLU, He initialisation: deep enough that
// the optimizer matters, small enough to train in seconds.
let hiddenSizes = [100, 100, 100, 100]
// The book prints each optimizer's loss every 100 iterations.
let printEvery = quick ? 20 : 100

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
// zig-zags from wall to wall and creeps towards the minimum at (0, 0).
// Momentum lets steps along the valley add up while the zig-zags cancel;
// AdaGrad shrinks the step in y, where gradients have been large; Adam does both.

/// The valley: f(x, y) = x²/20 + y².
func valley(_ x: Double, _ y: Double) -> Double { x * x / 20 + y * y }

/// Its gradient: (∂f/∂x, ∂f/∂y) = (x/10, 2y).
func valleyGradient(_ x: Double, _ y: Double) -> (Double, Double) { (x / 10, 2 * y) }

// The book's learning rates for this experiment, each tuned to show its optimizer at its best.
let valleyOptimizers: [any Optimizer] = [
    SGD(learningRate: 0.95),
    Momentum(learningRate: 0.1),
    AdaGrad(learningRate: 1.5),
    Adam(learningRate: 0.3),
]
let valleyStart = (x: -7.0, y: 2.0)   // the book's starting point
let valleySteps = 30                  // the book's 30 updates

// MARK: - 3. Experiment 1: thirty steps in the valley

var valleyPaths = DataTable("optimizers: 30 positions (before each update) on f(x,y) = x^2/20 + y^2",
                            columns: ["step"] + valleyOptimizers.flatMap { ["\($0.name) x", "\($0.name) y"] })
var paths: [[(Double, Double)]] = []
for var optimizer in valleyOptimizers {
    // The point (x, y) is a [1, 2] parameter, so the same optimizers that train networks move it.
    let point = Parameter(name: "xy", value: Matrix(rowVector: [valleyStart.x, valleyStart.y]))   // [1, 2]
    var path: [(Double, Double)] = []
    for _ in 0 ..< valleySteps {
        let (x, y) = (point.value[0, 0], point.value[0, 1])
        path.append((x, y))
        let (dx, dy) = valleyGradient(x, y)
        point.gradient = Matrix(rowVector: [dx, dy])                                              // [1, 2]
        optimizer.update([point])
    }
    paths.append(path)
    let last = path[path.count - 1]
    print(String(format: "%-9@ last position (%7.3f, %7.3f)   f = %.4f", optimizer.name, last.0, last.1, valley(last.0, last.1)))
}
for step in 0 ..< valleySteps {
    valleyPaths.append([Double(step)] + paths.flatMap { [$0[step].0, $0[step].1] })
}

// The surface for the contour lines: x in [−10, 10], y in [−5, 5]. The book
// samples every 0.01 and blanks heights above 7; the course samples every 0.1
// (plenty for smooth ellipses) and draws only the levels up to 7 instead.
var surface = DataTable("optimizers: f(x,y) = x^2/20 + y^2 on a grid (blocks of constant x)",
                        columns: ["x", "y", "f"], blockLength: 101)
for i in 0 ... 200 {
    for j in 0 ... 100 {
        let x = -10 + 0.1 * Double(i), y = -5 + 0.1 * Double(j)
        surface.append([x, y, valley(x, y)])
    }
}

// MARK: - 4. Experiment 2: the four optimizers on MNIST

let (train, _) = exitOnError { try MNIST.load(directory: options.common.dataDirectory) }
print("MNIST: \(train.count) training images of \(train.features) pixels")

// The mini-batches are drawn once, with replacement as the book's
// np.random.choice does, and every optimizer trains on the same ones.
var generator = SeededGenerator(seed: options.common.seed)
let batches = (0 ..< iterations).map { _ in generator.choice(train.count, count: batchSize) }

// The book gives each network its own random start. The course gives all four
// the same one (stream 1 of the seed), so that the curves differ only by the
// optimizer — a deliberate difference from the book.
let mnistOptimizers: [any Optimizer] = [SGD(), Momentum(), AdaGrad(), Adam()]   // the book's defaults

// The four networks are independent: train them side by side, one per core,
// with BLAS on one thread each (faster for these small products, and the
// same bits every run).
BLAS.setThreads(1)
let progress = SharedProgress("training", total: iterations * mnistOptimizers.count)
let started = Date()
let losses: [[Double]] = await concurrentMap(mnistOptimizers.count) { k in
    var weightGenerator = SeededGenerator(seed: options.common.seed, stream: 1)
    let network = MultiLayerNet(inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
                                activation: .relu, weightInit: .he, generator: &weightGenerator)
    var optimizer = mnistOptimizers[k]
    var lossHistory: [Double] = []
    for indices in batches {
        let (x, t) = train.batch(indices)                    // x: [B, D], t: B labels
        network.gradient(x, labels: t)                      // fills ∂L/∂W for every W
        optimizer.update(network.parameters)                 // one step
        lossHistory.append(network.loss(x, labels: t))       // the book records the loss after the step
        progress.advance()
    }
    return lossHistory
}
let seconds = Date().timeIntervalSince(started)

// What the book prints: every optimizer's loss every 100 iterations.
for i in stride(from: 0, to: iterations, by: printEvery) {
    print("===========iteration:\(i)===========")
    for (k, optimizer) in mnistOptimizers.enumerated() {
        print("\(optimizer.name):\(losses[k][i])")
    }
}

// How close to the machine this ran: the FLOPs of the matrix products, per second.
let flopsPerStep = MultiLayerNet.productFLOPs(inputSize: train.features, hiddenSizes: hiddenSizes,
                                              outputSize: train.classes, batchSize: batchSize)
let totalFLOPs = flopsPerStep * Double(iterations * mnistOptimizers.count)
print(String(format: "Trained %d networks × %d iterations in %.1f s: ", mnistOptimizers.count, iterations, seconds)
      + productSpeed(flops: totalFLOPs, seconds: seconds))

// MARK: - 5. Figures

let smoothed = losses.map(smoothCurve)
var lossTable = DataTable("optimizers: MNIST training loss per iteration (raw, and smoothed as the book does)",
                          columns: ["iteration"] + mnistOptimizers.map { "\($0.name) raw" }
                                   + mnistOptimizers.map { "\($0.name) smoothed" })
for i in 0 ..< iterations {
    lossTable.append([Double(i)] + losses.map { $0[i] } + smoothed.map { $0[i] })
}

let valleyFigure = Figure(
    name: "valley-paths", title: "Thirty steps on f(x, y) = x²/20 + y² from (−7, 2)",
    panels: valleyOptimizers.enumerated().map { k, optimizer in
        var panel = Panel(title: optimizer.name, xLabel: "x", yLabel: "y",
                          xRange: -10 ... 10, yRange: -5 ... 5,
                          series: [
                              Series(file: "valley-paths.dat", x: 2 + 2 * k, y: 3 + 2 * k,
                                     title: optimizer.name, style: .path, color: "#d62728"),
                              Series(file: "valley-paths.dat", using: "(0):(0)", title: "minimum",
                                     style: .points, color: "black"),
                          ])
        panel.kind = .contour(file: "valley-surface.dat", levels: [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7])
        panel.legend = .hidden
        return panel
    },
    layout: (2, 2), size: (1000, 700))

var lossPanel = Panel(xLabel: "iterations", yLabel: "loss", xRange: 0 ... Double(iterations), yRange: 0 ... 1,
                      series: mnistOptimizers.enumerated().map { k, optimizer in
                          Series(file: "mnist-loss.dat", x: 1, y: 2 + mnistOptimizers.count + k,
                                 title: optimizer.name, style: .linesWithMarkers(every: printEvery))
                      })
lossPanel.title = "MNIST, 784-100-100-100-100-10 ReLU net: smoothed training loss"
let lossFigure = Figure(name: "mnist-loss", panel: lossPanel)

exitOnError {
    try writer.write(valleyPaths, as: "valley-paths.dat")
    try writer.write(surface, as: "valley-surface.dat")
    try writer.write(lossTable, as: "mnist-loss.dat")
    try options.common.show([valleyFigure, lossFigure], with: writer)
}

// MARK: - 6. What we saw
//
// In the valley, SGD zig-zags across and has not reached the minimum after 30
// steps; Momentum swings like a ball in a bowl; AdaGrad damps the y-direction
// at once and glides along x; Adam, with momentum and per-parameter steps,
// spirals in smoothly.
//
// On MNIST, SGD's loss stays clearly highest; Momentum, AdaGrad and Adam learn
// much faster (with these defaults AdaGrad is often the lowest).

let finalLosses = mnistOptimizers.indices.map { smoothed[$0][iterations - 1] }
let ranking = mnistOptimizers.indices.sorted { finalLosses[$0] < finalLosses[$1] }
print("Smoothed loss at the last iteration, lowest first: "
      + ranking.map { String(format: "%@ %.3f", mnistOptimizers[$0].name, finalLosses[$0]) }.joined(separator: ", "))

// Exercises:
// 1. Add RMSprop() and Nesterov() to `mnistOptimizers`. Where do they land?
// 2. Give SGD a learning rate of 0.1. Does it catch up? What happens at 1.0?
// 3. Start the valley experiment at (−7, 0.1). Which optimizers change most, and why?
