// Live.swift — the batch-norm chapter's live figure (`--plot live`): the grid
// of weight scales filling in, a point per network as each scale's pair finishes.

import ChapterKit

extension LiveFigure.Layout {
    /// Each scale's final training accuracy against σ, without and with batch normalization.
    static let scaleGrid = LiveFigure.Layout(
        title: "batch-norm: training accuracy after the last epoch, per weight scale", xLabel: "σ of the starting weights",
        yLabel: "training accuracy", logX: true, curves: ["plain", "batch norm"], style: .points)
}

extension LiveFigure {
    /// Draws the pair trained from weight scale `sigma` (a diverged network, NaN, is not drawn).
    func plot(_ curves: Curves, sigma: Double) {
        append(0, x: sigma, y: curves.plain.last ?? .nan)
        append(1, x: sigma, y: curves.batchNorm.last ?? .nan)
    }
}
