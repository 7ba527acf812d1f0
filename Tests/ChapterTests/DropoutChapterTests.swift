// DropoutChapterTests.swift — the dropout chapter, run with --quick.

import Foundation
import Testing

@Suite("Chapter dropout")
struct DropoutChapterTests {
    @Test(
        "--quick prints the Trainer's epoch lines and final block for both runs, and writes the data and the script",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let (run, _, output) = try ChapterRunner.quickRun("dropout")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("=== dropout r = 0.2 ==="))
        #expect(run.output.contains("=== no dropout ==="))
        // The Trainer's lines: epochs counted from 1, 11 per run, no loss lines without --verbose.
        let lines = run.output.split(separator: "\n")
        let epochLines = lines.filter { $0.hasPrefix("=== epoch:") }
        #expect(epochLines.count == 2 * 11)
        #expect(epochLines.first?.hasPrefix("=== epoch:1, train acc:") == true)
        #expect(epochLines.last?.hasPrefix("=== epoch:11, train acc:") == true)
        #expect(epochLines.allSatisfy { $0.contains(", test acc:") && $0.hasSuffix(" ===") })
        #expect(lines.filter { $0 == "=============== Final Test Accuracy ===============" }.count == 2)
        #expect(!run.output.contains("train loss:"))
        for file in [
            "dropout.dat", "inverted-dropout.dat", "equal-training-accuracy.dat", "exercises.dat", "scale.dat",
            "findings.txt", "dropout.gp", "inverted-dropout.gp", "equal-training-accuracy.gp", "scale.gp",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // Per measurement, numbered from 0 as the book's plot: epoch, (train, test) × 2, gap × 2.
        let rows = ChapterRunner.dataRows("\(output)/dropout.dat")
        #expect(rows.count == 11)
        #expect(rows.map { $0.first } == (0...10).map(Double.init))
        #expect(rows.allSatisfy { $0.count == 7 && $0[1...4].allSatisfy { $0 >= 0 && $0 <= 1 } })
        #expect(rows.allSatisfy { abs($0[5] - ($0[1] - $0[2])) < 1e-9 && abs($0[6] - ($0[3] - $0[4])) < 1e-9 })
        // Inverted dropout, and the larger step's training accuracy: the same epochs, accuracies in [0, 1].
        let inverted = ChapterRunner.dataRows("\(output)/inverted-dropout.dat")
        #expect(
            inverted.count == 11
                && inverted.allSatisfy { row in row.count == 5 && [1, 2, 4].allSatisfy { row[$0] >= 0 && row[$0] <= 1 } })
        // Equal training accuracy: one row per level 0.5 … 1.0; epochs whole numbers in range or NaN.
        let equal = ChapterRunner.dataRows("\(output)/equal-training-accuracy.dat")
        #expect(equal.map { $0[0] } == [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0])
        #expect(
            equal.allSatisfy { row in
                row.count == 9
                    && [1, 3, 5, 7].allSatisfy { row[$0].isNaN || (row[$0] >= 0 && row[$0] <= 10 && row[$0] == row[$0].rounded()) }
            })
        // One row per run: 7 runs, the book's two first, none diverged; the larger step is η / 0.8⁶.
        let exercises = ChapterRunner.dataRows("\(output)/exercises.dat")
        #expect(exercises.count == 7 && exercises.allSatisfy { $0.count == 16 && $0[9].isNaN })
        #expect(exercises.map { $0[1] } == [0.2, 0, 0.2, 0.5, 0, 0.2, 0.2] && exercises.map { $0[3] } == [0, 0, 1, 0, 0, 0, 0])
        #expect(abs(exercises[6][8] / (0.01 / pow(0.8, 6)) - 1) < 1e-9 && exercises[0..<6].allSatisfy { $0[8] == 0.01 })
        #expect(exercises[1][4] == exercises[1][7], "without dropout, masks on and off are the same network")
        #expect(exercises[1][10] == exercises[1][11], "without dropout, both modes give the same scores")
        // The signal at the start, layer by layer (7 affine layers): the first layer sees no mask; in
        // test mode (biases 0) the book's dropout scales each layer by 0.8 (r = 0.5: by 0.5) and inverted
        // dropout is the plain network.
        let scale = ChapterRunner.dataRows("\(output)/scale.dat")
        #expect(scale.count == 7 && scale.allSatisfy { $0.count == 9 })
        #expect(scale[0][1...].allSatisfy { $0 == scale[0][1] })
        for (k, row) in scale.enumerated() {
            #expect(abs(row[4] / (row[1] * pow(0.8, Double(k))) - 1) < 1e-9 && abs(row[8] / (row[1] * pow(0.5, Double(k))) - 1) < 1e-9)
            #expect(row[6] == row[1] && row[2] == row[1])
        }
        #expect(run.output.contains("What we saw:") && run.output.contains("[dropout.gap-at-end]"))
    }

    @Test(
        "--collect-seeds reads five runs back: seeds.txt gives every finding at each seed, seeds.dat the band of dropout.dat's curves",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func collectSeeds() throws {
        let run = try ChapterRunner.temporaryDirectory()
        let trained = try ChapterRunner.run("dropout", ["--quick", "--epochs", "3", "--plot", "none", "--output", run])
        #expect(trained.status == 0, "\(trained.errors)")
        // The same run standing in for all five seeds, then seed 3 missing.
        let runs = try ChapterRunner.temporaryDirectory(), output = try ChapterRunner.temporaryDirectory()
        for seed in 1...5 { try FileManager.default.createSymbolicLink(atPath: "\(runs)/seed-\(seed)", withDestinationPath: run) }
        let collected = try ChapterRunner.run("dropout", ["--collect-seeds", runs, "--plot", "none", "--output", output])
        #expect(collected.status == 0, "\(collected.errors)")
        let findings = ChapterRunner.contents("\(run)/findings.txt").split(separator: "\n").map { $0.split(separator: "\t")[0] }
        let records = ChapterRunner.contents("\(output)/seeds.txt").split(separator: "\n").filter {
            $0.contains("\tholds") || $0.contains("\tfails")
        }
        #expect(records.map { $0.split(separator: "\t")[0] } == findings && records.allSatisfy { $0.split(separator: "\t").count == 7 })
        // Per curve (train, test × no dropout, dropout): min, median, max, then each seed, all the same run here.
        let band = ChapterRunner.dataRows("\(output)/seeds.dat"), accuracy = ChapterRunner.dataRows("\(run)/dropout.dat")
        #expect(band.count == 3 && band.allSatisfy { $0.count == 1 + 4 * 8 })
        for (row, source) in zip(band, accuracy) {
            for (curve, column) in [3, 4, 1, 2].enumerated() {
                #expect(row[(1 + 8 * curve)..<(9 + 8 * curve)].allSatisfy { $0 == source[column] })
            }
        }
        try FileManager.default.removeItem(atPath: "\(runs)/seed-3")
        let missing = try ChapterRunner.run("dropout", ["--collect-seeds", runs, "--plot", "none", "--output", output])
        #expect(missing.status != 0 && missing.errors.contains("seed 3"))
    }

    @Test(
        "--verbose adds the book's train loss line for every iteration (3 per epoch)",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func verbose() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run(
            "dropout",
            [
                "--quick", "--epochs", "2", "--verbose", "--plot", "none",
                "--output", output,
            ])
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("train loss:") }.count == 2 * 6)
        // The first loss line comes before the first epoch line: measured after the first update.
        let firstLoss = try #require(lines.firstIndex { $0.hasPrefix("train loss:") })
        let firstEpoch = try #require(lines.firstIndex { $0.hasPrefix("=== epoch:1,") })
        #expect(firstLoss < firstEpoch)
    }

    @Test(
        "The same seed gives byte-identical data files; another seed other data",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func reproducible() throws {
        try ChapterRunner.expectReproducible(
            "dropout", ["--quick", "--epochs", "4"], files: ["dropout.dat", "inverted-dropout.dat", "exercises.dat"])
    }

    @Test(
        "A run with a changed setting and no --output writes under experiments/dropout, not figures/dropout",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func changedSettingsWriteElsewhere() throws {
        let folder = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run(
            "dropout", ["--quick", "--epochs", "2", "--dropout-ratio", "0.5", "--plot", "none"], currentDirectory: folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/experiments/dropout/exercises.dat"))
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/figures"))
        #expect(run.output.contains("files go to experiments/dropout"))
    }

    @Test("Bad input: --dropout-ratio 1, --weight-decay -1 and --epochs 0 give a message, not a trace")
    func badInput() throws {
        let ratio = try ChapterRunner.run("dropout", ["--dropout-ratio", "1", "--plot", "none"])
        #expect(ratio.status != 0)
        #expect(ratio.errors.contains("--dropout-ratio must lie strictly between 0 and 1"))
        #expect(!ratio.errors.contains("Fatal error"))

        let decay = try ChapterRunner.run("dropout", ["--weight-decay=-1", "--plot", "none"])
        #expect(decay.status != 0)
        #expect(decay.errors.contains("--weight-decay must be 0 or more"))

        let epochs = try ChapterRunner.run("dropout", ["--epochs", "0", "--plot", "none"])
        #expect(epochs.status != 0)
        #expect(epochs.errors.contains("--epochs must be at least 1"))
    }
}
