// Live.swift — the optimizers chapter's live views: the MNIST comparison's
// losses drawn as the networks train (`--plot live`), and the valley to poke
// at (`--explore`).

import BookCore
import ChapterKit

extension LiveFigure.Layout {
    /// Each optimizer's loss after every update: network k draws curve k.
    static func mnistLosses(_ optimizers: [any Optimizer]) -> LiveFigure.Layout {
        LiveFigure.Layout(
            title: "optimizers: loss on MNIST after every update", xLabel: "iteration", yLabel: "loss",
            curves: optimizers.map(\.name))
    }
}

/// The valley explorer of `--explore`: the valley's optimizers at their rates, from the settings' start.
///
/// `walk` records the position before each of its `valleySteps` updates, the
/// last update's result not among them; an explorer's path of `steps`
/// updates has `steps + 1` positions. So the explorer takes `valleySteps − 1`
/// updates: its paths are the walks' positions, and its ends their last positions.
func valleyExplorer(
    _ settings: Settings, _ optimizers: [any Optimizer], _ valley: @escaping @Sendable (Double, Double) -> Double,
    _ gradient: @escaping @Sendable (Double, Double) -> (Double, Double)
) -> ValleyExplorer {
    ValleyExplorer(
        function: valley, gradient: gradient, optimizers: optimizers, start: (settings.valleyStart.x, settings.valleyStart.y),
        steps: settings.valleySteps - 1, formula: "f(x, y) = x²/20 + y²")
}
