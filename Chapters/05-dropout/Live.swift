// Live.swift — the dropout chapter's live figure (`--plot live`): each run's
// training and test accuracy, drawn epoch by epoch as it trains.

import ChapterKit

extension LiveFigure.Layout {
    /// Training and test accuracy per epoch: run k draws curves 2k and 2k + 1.
    static func accuracies(_ setups: [RunSetup]) -> LiveFigure.Layout {
        LiveFigure.Layout(
            title: "dropout: accuracy per epoch (inverted dropout and the larger step on fewer images)", xLabel: "epoch",
            yLabel: "accuracy", curves: setups.flatMap { ["train, \($0.label)", "test, \($0.label)"] })
    }
}

extension RunSetup {
    /// This run, drawing on `curves` if it measures every epoch (the exercises' runs measure only at the end).
    func drawn(on curves: LiveCurves?) -> RunSetup {
        var setup = self
        if testLimit != 0 { setup.live = curves }
        return setup
    }
}
