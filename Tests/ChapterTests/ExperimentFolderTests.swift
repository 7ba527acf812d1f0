// ExperimentFolderTests.swift — a run with changed settings never writes over
// the committed figures: it goes to experiments/<chapter>, and says so.

import Foundation
import Testing

@Suite("Experiments write elsewhere", .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
struct ExperimentFolderTests {
    @Test(
        "--quick without --output writes experiments/<chapter>, and figures/ is never made",
        arguments: ["optimizers", "weight-init", "batch-norm", "weight-decay", "dropout", "hyperparameter-search"])
    func quickRunGoesToExperiments(chapter: String) throws {
        let (run, folder, _) = try ChapterRunner.quickRun(chapter)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("experiments/\(chapter)"), "the run does not say where its files went")
        let findings = "\(folder)/experiments/\(chapter)/findings.txt"
        #expect(FileManager.default.fileExists(atPath: findings), "no \(findings)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/figures"), "an experiment wrote into figures/")
    }
}
