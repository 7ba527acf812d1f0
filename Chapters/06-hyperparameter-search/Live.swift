// Live.swift — the hyperparameter search's live figure (`--plot live`): each
// trial appears in the η–λ plane as it finishes, by its validation accuracy.

import ChapterKit

extension LiveFigure.Layout {
    /// The finished trials at (η, λ), one curve per band of final validation accuracy.
    static let trialPlane = LiveFigure.Layout(
        title: "hyperparameter-search: the trials so far, by final validation accuracy", xLabel: "learning rate η",
        yLabel: "weight decay λ", logX: true, logY: true, curves: ["val acc ≥ 0.6", "0.3 to 0.6", "below 0.3", "diverged"],
        style: .points)
}

extension LiveFigure {
    /// Draws a finished trial in its band of ``LiveFigure/Layout/trialPlane``.
    func plot(_ trial: Trial) {
        let accuracy = trial.finalValidationAccuracy
        let band = trial.diverged ? 3 : accuracy >= 0.6 ? 0 : accuracy >= 0.3 ? 1 : 2
        append(band, x: trial.learningRate, y: trial.weightDecay)
    }
}
