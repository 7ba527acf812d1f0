// Live.swift — the weight-init chapter's live figure (`--plot live`): each
// MNIST network's loss, drawn as it trains.

import BookCore
import ChapterKit

extension LiveFigure.Layout {
    /// Each network's loss after every update, by its start and optimizer: network k draws curve k.
    static func mnistLosses(_ runs: [(WeightInit, any Optimizer)]) -> LiveFigure.Layout {
        LiveFigure.Layout(
            title: "weight-init: loss on MNIST after every update", xLabel: "iteration", yLabel: "loss",
            curves: runs.map { "\($0.0), \($0.1.name)" })
    }
}
