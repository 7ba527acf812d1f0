// Live.swift — the weight-decay chapter's live figure (`--plot live`): the
// book's runs' training and test accuracy, drawn epoch by epoch as they train.

import ChapterKit

extension LiveFigure.Layout {
    /// Training and test accuracy per epoch for each λ: run k draws curves 2k and 2k + 1.
    static func accuracies(_ lambdas: [Double]) -> LiveFigure.Layout {
        LiveFigure.Layout(
            title: "weight-decay: accuracy per epoch", xLabel: "epoch", yLabel: "accuracy",
            curves: lambdas.flatMap { ["train, \(lambdaLabel($0))", "test, \(lambdaLabel($0))"] })
    }
}
