// ProductFLOPsTests.swift — the count behind the speed line, worked by hand.

import BookCore
import ChapterKit
import Testing

@Suite("ProductFLOPs")
struct ProductFLOPsTests {
    /// 30 images of 6 pixels, 3 classes; the label is the brightest of the first three pixels.
    private func dataset(count: Int, seed: UInt64) -> Dataset {
        var g = SeededGenerator(seed: seed)
        var pixels: [UInt8] = [], labels: [UInt8] = []
        for _ in 0..<count {
            let image = (0..<6).map { _ in UInt8(g.index(below: 256)) }
            pixels += image
            labels.append(UInt8(image[0..<3].indices.max { image[$0] < image[$1] }!))
        }
        return Dataset(pixels: pixels, labels: labels, features: 6, classes: 3)
    }

    @Test("one step of a 6-20-20-3 network: two forward passes, dW everywhere, dx but in the first layer")
    func trainingStep() {
        var g = SeededGenerator(seed: 12)
        let network = MultiLayerNet(inputSize: 6, hiddenSizes: [20, 20], outputSize: 3, generator: &g)
        // On 10 images: 3·(2·10·6·20) for the first layer, 4·(2·10·(20·20 + 20·3)) for the others.
        let step = 3.0 * 2400 + 4 * 9200
        #expect(ProductFLOPs.trainingStep(of: network.layers, batchSize: 10) == step)
        #expect(ProductFLOPs.trainingStep(widths: [6, 20, 20, 3], batchSize: 10) == step)
        // Without the loss pass after the update, one forward product fewer per layer.
        #expect(ProductFLOPs.trainingStep(widths: [6, 20, 20, 3], batchSize: 10, lossAfterUpdate: false) == 2 * 2400 + 3 * 9200)
        // Per image forward: 2·(6·20 + 20·20 + 20·3) = 1160 FLOPs.
        #expect(ProductFLOPs.forward(of: network.layers, images: 7) == 7 * 1160)
    }

    @Test("a Trainer's count: every update's products (loss pass included) and a forward pass per measured image")
    func training() {
        let data = dataset(count: 30, seed: 11)
        var g = SeededGenerator(seed: 12)
        let network = MultiLayerNet(inputSize: 6, hiddenSizes: [20, 20], outputSize: 3, generator: &g)
        let trainer = Trainer(
            network: network, trainSet: data, testSet: data.prefix(20), epochs: 2, batchSize: 10,
            evaluationSampleLimit: 15, verbose: false,
            generator: SeededGenerator(seed: 13))
        trainer.train()
        // 6 updates; epochs after updates 1 and 4 measure 15 + 15 images each; the final test all 20.
        #expect(trainer.currentIteration == 6)
        #expect(trainer.imagesMeasured == 80)  // 2·(15 + 15) + 20
        let step: Double = 3 * 2400 + 4 * 9200
        let measured: Double = 80 * 1160
        #expect(ProductFLOPs.training(trainer) == 6 * step + measured)
    }

    @Test("a network built from its layers is counted by its affine layers alone")
    func fromLayers() {
        let first = Affine(weight: Matrix(rows: 4, columns: 5), bias: Matrix(rows: 1, columns: 5), index: 1, computesInputGradient: false)
        let second = Affine(weight: Matrix(rows: 5, columns: 2), bias: Matrix(rows: 1, columns: 2), index: 2)
        let network = MultiLayerNet(layers: [first, ReLU(), second])
        // The first layer on 3 images: 3 products of 2·3·4·5; the second: 4 of 2·3·5·2.
        let expected: Double = 3 * 120 + 4 * 60
        #expect(ProductFLOPs.trainingStep(of: network.layers, batchSize: 3) == expected)
    }

    @Test("a 784-100-10 network on 128 images: forward, backward and the loss pass")
    func mnistShapes() {
        var g = SeededGenerator(seed: 1)
        let net = MultiLayerNet(inputSize: 784, hiddenSizes: [100], outputSize: 10, generator: &g)
        let first = 2.0 * 128 * 784 * 100, second = 2.0 * 128 * 100 * 10
        // First layer: 2 forward + 1 backward (no dx); second: 2 forward + 2 backward.
        #expect(ProductFLOPs.trainingStep(of: net.layers, batchSize: 128) == 3 * first + 4 * second)
        #expect(ProductFLOPs.trainingStep(of: net.layers, batchSize: 128, lossAfterUpdate: false) == 2 * first + 3 * second)
    }

    @Test("the count from widths agrees with a built network's count")
    func widthsAgree() {
        var g = SeededGenerator(seed: 1)
        let net = MultiLayerNet(inputSize: 784, hiddenSizes: [100, 50, 100], outputSize: 10, generator: &g)
        for lossAfterUpdate in [true, false] {
            #expect(
                ProductFLOPs.trainingStep(widths: [784, 100, 50, 100, 10], batchSize: 100, lossAfterUpdate: lossAfterUpdate)
                    == ProductFLOPs.trainingStep(of: net.layers, batchSize: 100, lossAfterUpdate: lossAfterUpdate))
        }
    }
}
