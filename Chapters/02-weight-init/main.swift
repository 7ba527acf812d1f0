// Chapter 2 — Weight initialisation: why the starting weights decide whether a network learns
// (the book: section 6.2, Figures 6-10 to 6-15)
//
// Question: before the first step of training every weight needs a value. How
// large should it be, and why does the answer depend on the width of the layer
// and on the activation?
//
// Run:   swift run -c release weight-init          (or: make weight-init)
//        … --histograms-only                        the random-layer experiments alone, no MNIST needed
//
// Shapes in comments: N random inputs (1000), n units per random layer (100),
// B batch (128), D input features (784 = 28×28), H hidden units (100), C classes (10).

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
let seed = settings.seed
let settingsChanged = settings != Settings(quick: options.common.quick)  // then files go to experiments/
let writer = exitOnError {
    try FigureWriter(directory: options.common.outputDirectory(chapter: "weight-init", settingsChanged: settingsChanged))
}

// MARK: - 2. The idea: keep the size of the signal the same in every layer
//
// A unit sums n inputs aᵢ, each times a weight wᵢ drawn from N(0, σ²):
//
//   z = Σᵢ aᵢ·wᵢ            Var(z) = n · σ² · E[a²]
//
// so forward each layer multiplies the root mean square of the signal by √n·σ,
// then by what the activation does to it. Backward, ∂L/∂a = (∂L/∂z)·Wᵀ is a
// sum of n terms too: each layer multiplies the gradient by √n·σ and by the
// RMS of the slope f′(z) [finding: weight-init.backward-factor]. Choose σ so
// that √n·σ = 1 and the weights alone neither grow nor shrink either pass:
//
//   Xavier (Glorot & Bengio 2010)   σ = √(1/n)   for sigmoid and tanh
//   He (He et al. 2015)             σ = √(2/n)   for ReLU, which zeroes half its
//                                                inputs and so halves E[a²]
//
// n is the number of units feeding the layer (784 for the first MNIST layer).
// The paper's Xavier uses 2/(n_in + n_out); the book uses n_in alone. All
// weights equal (zero, say) fails differently, the book's 6.2.1: every unit of
// a layer computes the same thing and gets the same update, for ever.
//
// The activations and their slopes, written with the output y = f(z) (defined
// in Experiments.swift as `HistogramActivation.sigmoid`, `.hyperbolicTangent`, `.relu`):
//   sigmoid  y = 1/(1 + e^(−z))   f′ = y(1 − y), at most ¼ (at z = 0)
//   tanh     y = 2·sigmoid(2z) − 1, centred on 0   f′ = 1 − y², at most 1
//   ReLU     y = max(0, z)        f′ = 1 if z > 0, else 0
// [source: BookCore/Layers/Sigmoid.swift]
// [source: BookCore/Layers/ReLU.swift]

// MARK: - 3. Data
//
// The same random inputs for every configuration (stream 2 of the seed) and the
// same standard normals under every scale (stream 3), so the histograms differ
// only by σ and the activation (the book draws fresh ones each run).
var inputGenerator = SeededGenerator(seed: seed, stream: 2)
let inputs = Matrix.randomNormal(settings.sampleCount, settings.width, using: &inputGenerator)  // [N, n]

// MARK: - 4. Experiment 1: each layer's outputs (the book: 6.2.1–6.2.3, Figures 6-10, 6-11, 6-13, 6-14)
//
// Sigmoid with σ = 1, σ = 0.01 and Xavier; tanh with Xavier (the book's text);
// ReLU with σ = 0.01, Xavier and He. About half of ReLU's outputs are exactly
// 0 (the book's script, whose range starts at 0, would count them in its first
// bar): the course counts only the positive outputs and titles each panel with
// the share of zeros. At σ = 0.01 the deeper layers then fit in one bar, so it
// also counts log₁₀ of ReLU's outputs (activations-relu-log.png).
let configurations = [
    Configuration(.sigmoid, .standardDeviation(1)), Configuration(.sigmoid, .standardDeviation(0.01)),
    Configuration(.sigmoid, .xavier), Configuration(.hyperbolicTangent, .xavier),
    Configuration(.relu, .standardDeviation(0.01)), Configuration(.relu, .xavier), Configuration(.relu, .he),
]
// Each experiment's work for one configuration or network: the random layers, one MNIST net, the backward pass (section 6).
// [source: Experiments.swift]
let layerWidths = settings.layerWidths
let layerResults = configurations.map { configuration in
    LayerResult(
        configuration, randomLayerOutputs(configuration, inputs, widths: layerWidths, seed: seed, stream: 3),
        bins: settings.binCount)
}
printLayerResults(layerResults, settings)  // each layer's spread, and its share of flat outputs

// MARK: - 5. Experiment 2: three starting scales on MNIST (the book: 6.2.4, Figure 6-15)
//
// The same 784-100-100-100-100-10 ReLU net started with σ = 0.01, Xavier and He,
// trained on the same mini-batches (drawn with replacement, as the book's
// np.random.choice), all from stream 1's standard normals, scaled by their own σ.
// A fourth net, for exercise 3, starts from σ = 0.01 and trains with Adam.
let weightInits: [WeightInit] = [.standardDeviation(0.01), .xavier, .he]
let mnistOptimizer = settings.optimizer.make()  // SGD: η = 0.01; the others at the book's defaults
var mnist: MNISTResults? = nil
if !settings.histogramsOnly {
    let (train, _) = exitOnError { try options.common.loadMNIST() }
    print("\nExperiment 2: MNIST, \(train.count) training images of \(train.features) pixels, \(mnistOptimizer.name)")
    var generator = SeededGenerator(seed: seed)
    let batches = (0..<settings.iterations).map { _ in generator.choice(train.count, count: settings.batchSize) }
    let runs: [(WeightInit, any Optimizer)] = weightInits.map { ($0, mnistOptimizer) } + [(.standardDeviation(0.01), Adam())]
    let live = LiveFigure.start(options.common.plot, .mnistLosses(runs))  // --plot live: drawn as they train (Live.swift)
    let trained = await trainSideBySide("training", count: runs.count, stepsEach: settings.iterations) { k, step in
        withLossesDrawn(on: live, curve: k, after: step) {
            trainNetwork(runs[k].0, runs[k].1, train: train, batches: batches, settings: settings, step: $0)
        }
    }
    live?.finish(runSeconds: trained.seconds)
    // What the book prints, every network's loss every 100 iterations; a loss that is not finite is said so, never counted.
    printMNISTLosses(
        trained.results, weightInits: weightInits, settings: settings, train: train, runCount: runs.count, seconds: trained.seconds)
    mnist = MNISTResults(
        weightInits: weightInits, optimizerName: mnistOptimizer.name,
        losses: Array(trained.results.prefix(weightInits.count)), adam: trained.results[weightInits.count])
}

// MARK: - 6. Going further: the backward pass, and wider layers
//
// Learning needs the backward pass too. Push a gradient back through the same layers
// (the same weights, redrawn from stream 3) and measure its size at each layer. The
// loss is L = Σ G⊙a₅, a fixed random read-out (G: [N, n] standard normals, stream 4),
// so every configuration starts from ∂L/∂a₅ = G. One layer back (shapes [N, n] unless said):
//   ∂L/∂zₖ = ∂L/∂aₖ ⊙ f′(zₖ)      ∂L/∂Wₖ = aₖ₋₁ᵀ·∂L/∂zₖ  [n, n]      ∂L/∂aₖ₋₁ = ∂L/∂zₖ·Wₖᵀ
// [source: BookCore/Layers/Affine.swift#backward]
var upstreamGenerator = SeededGenerator(seed: seed, stream: 4)
let upstream = Matrix.randomNormal(settings.sampleCount, settings.width, using: &upstreamGenerator)  // [N, n]  G
let backward = await concurrentMap(configurations.count) { k in
    backwardSizes(configurations[k], inputs: inputs, upstream: upstream, widths: layerWidths, seed: seed, stream: 3)
}
printBackwardSizes(layerResults, backward)  // RMS of ∂L/∂W, layers 1 to 5

// Wider layers: the forward pass again at n = 1000 (stream 5), for exercise 2.
let wideWidths = Array(repeating: settings.wideWidth, count: settings.layerCount)
let wideInputs = Matrix.randomNormal(settings.sampleCount, settings.wideWidth, using: &inputGenerator)  // [N, 1000]
let wideSpreads = await concurrentMap(configurations.count) { k in
    randomLayerOutputs(configurations[k], wideInputs, widths: wideWidths, seed: seed, stream: 5)
        .map(standardDeviation)  // 5 spreads
}

// The tables, then the figures drawn from them (Figures.swift).
let results = Results(layers: layerResults, backward: backward, wideSpreads: wideSpreads, mnist: mnist)
let tables = makeTables(settings, results)
exitOnError {
    for table in tables.all { try writer.write(table) }
    try options.common.show(makeFigures(tables, settings, results), with: writer)
}

// MARK: - 7. What we saw
//
// Sigmoid, σ = 1: most outputs sit near 0 or 1, where the slope is under a tenth
// of its peak [finding: weight-init.sigmoid-std-1-saturates]. The book expects the
// gradient to vanish there; in these five layers it does not
// [finding: weight-init.backward-sigmoid-std-1]: backward, each layer multiplies it
// by √n·σ times its RMS slope, and the flat slopes (about 0.1) meet √n·σ = 10
// [finding: weight-init.backward-factor]. σ = 0.01: every output bunches at 0.5
// [finding: weight-init.sigmoid-std-0.01-bunches], and the gradient vanishes, by
// √n·σ·¼ = 1/40 per layer [finding: weight-init.backward-sigmoid-std-0.01].
//
// Xavier keeps sigmoid's outputs spread [finding: weight-init.sigmoid-xavier-spread], but
// not across the inputs. Split each layer's spread into a part within each unit and a
// part between units [finding: weight-init.units-split]: the within part, which carries
// the input, shrinks about 4 times per layer while the between part stays, and by layer
// 5 most units give one value for every input [finding: weight-init.sigmoid-xavier-collapse].
// Sigmoid is centred on 0.5, so the next layer adds each unit a fixed offset ≈ 0.5·Σᵢwᵢ,
// while the input's part passes a slope of about ¼ [finding: weight-init.within-factor].
// tanh, centred on 0, adds no offset, and its within part, though it narrows
// [finding: weight-init.tanh-xavier-narrows], stays almost all of the spread
// [finding: weight-init.tanh-xavier-centred]: the book's reason for a zero-centred
// activation. Backward, Xavier's sigmoid gradient loses about 4 per layer, tanh's much
// less [finding: weight-init.backward-sigmoid-xavier].
//
// ReLU shrinks the signal more than tenfold per layer at σ = 0.01
// [finding: weight-init.relu-std-0.01-shrinks], by about √2 with Xavier
// [finding: weight-init.relu-xavier-root-two], not at all with He [finding: weight-init.relu-he-steady].
// On a log scale (activations-relu-log.png) each layer's outputs keep their width and
// slide left by those factors [finding: weight-init.relu-log-shift]; the gradient shrinks
// by the same factors [finding: weight-init.backward-relu]. The scale never chooses which
// units are zero [finding: weight-init.relu-zeros-same], and almost no unit starts dead
// [finding: weight-init.relu-dead-units]. ReLU is not centred on 0 either: with He its
// between-unit offsets overtake the within part by layer 5 [finding: weight-init.relu-he-offset].
//
// On MNIST σ = 0.01 never leaves ln 10, the loss of a uniform guess
// [finding: weight-init.mnist-std-0.01-stuck]; He and Xavier both learn, He
// ahead almost all the way [finding: weight-init.mnist-he-xavier], Xavier slow
// to start [finding: weight-init.mnist-xavier-late].

let findings = weightInitFindings(tables)
printFindings(findings)
exitOnError { try writer.write(findings) }

// MARK: - 8. Exercises
//
// 1. Give the random layers σ = 0.1, with sigmoid and with ReLU (in `configurations`, `.xavier` →
//    `.standardDeviation(0.1)`). Which failure mode does each show, if any?
//
//    Worked answer (try first): nothing to run: at n = 100, σ = 0.1 is Xavier's √(1/100), so the Xavier histograms
//    are the answer (activations-sigmoid-xavier.png, activations-relu-xavier.png). Sigmoid stays spread across units
//    while each unit collapses onto its offset; ReLU shrinks by √2 per layer, as E[ReLU(z)²] = E[z²]/2 and nothing
//    makes up for the half it zeroes [finding: weight-init.exercise-sigma-0.1].
//
// 2. Make the layers 1000 wide: `weight-init --histograms-only --width 1000`.
//    Which configurations change, and why does Xavier adapt?
//
//    Worked answer (try first): the default run answers it in exercise-width.png, from its own n = 1000 draws (streams
//    2 and 5; the command's come from streams 2 and 3: other digits, the same distributions). Xavier and He take σ
//    from n, so their spreads barely move; a fixed σ makes √n·σ √10 times larger, so ReLU at σ = 0.01 shrinks about
//    √10 times less per layer [finding: weight-init.exercise-width].
//
// 3. Train the MNIST net from σ = 0.01 with Adam: `weight-init --optimizer adam`.
//    Does a good optimizer rescue a bad start?
//
//    Worked answer (try first): the default run trains that net too and draws exercise-adam.png: yes, it ends about
//    where He with SGD does [finding: weight-init.exercise-adam]. That fourth net of the default run is the command's
//    σ = 0.01 net: the same start, the same batches, Adam at its default η = 0.001.
