// ProductFLOPs+Transition.swift — the old spellings of the counts, kept while
// the chapters move to `ProductFLOPs`; removed once none uses them.

import BookCore

extension MultiLayerNet {
    /// `ProductFLOPs.trainingStep(of: layers, …)`.
    public func productFLOPs(batchSize: Int, lossAfterUpdate: Bool = true) -> Double {
        ProductFLOPs.trainingStep(of: layers, batchSize: batchSize, lossAfterUpdate: lossAfterUpdate)
    }

    /// `ProductFLOPs.trainingStep(widths: [inputSize] + hiddenSizes + [outputSize], …)`.
    public static func productFLOPs(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int, batchSize: Int, lossAfterUpdate: Bool = true
    ) -> Double {
        ProductFLOPs.trainingStep(
            widths: [inputSize] + hiddenSizes + [outputSize], batchSize: batchSize, lossAfterUpdate: lossAfterUpdate)
    }

    /// `ProductFLOPs.forward(of: layers, images:)`.
    public func forwardFLOPs(images: Int) -> Double { ProductFLOPs.forward(of: layers, images: images) }
}

extension Trainer {
    /// `ProductFLOPs.training(self)`.
    public var productFLOPs: Double { ProductFLOPs.training(self) }
}
