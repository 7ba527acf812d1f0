// DropoutChapterTests.swift — the dropout chapter, run with --quick.

import Foundation
import Testing

@Suite("Chapter dropout")
struct DropoutChapterTests {
    @Test(
        "--quick prints the Trainer's epoch lines and final block for both runs, and writes the data and the script",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run("dropout", ["--quick", "--plot", "none", "--output", output])
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
            "dropout.dat", "inverted-dropout.dat", "equal-training-accuracy.dat", "exercises.dat",
            "findings.txt", "dropout.gp", "inverted-dropout.gp", "equal-training-accuracy.gp",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // Per measurement, numbered from 0 as the book's plot: epoch, (train, test) × 2, gap × 2.
        let rows = ChapterRunner.dataRows("\(output)/dropout.dat")
        #expect(rows.count == 11)
        #expect(rows.map { $0.first } == (0...10).map(Double.init))
        #expect(rows.allSatisfy { $0.count == 7 && $0[1...4].allSatisfy { $0 >= 0 && $0 <= 1 } })
        #expect(rows.allSatisfy { abs($0[5] - ($0[1] - $0[2])) < 1e-9 && abs($0[6] - ($0[3] - $0[4])) < 1e-9 })
        // Inverted dropout: the same epochs, accuracies in [0, 1]; it starts from the same weights.
        let inverted = ChapterRunner.dataRows("\(output)/inverted-dropout.dat")
        #expect(inverted.count == 11 && inverted.allSatisfy { $0.count == 4 && $0[1...2].allSatisfy { $0 >= 0 && $0 <= 1 } })
        // Equal training accuracy: one row per level 0.5 … 1.0; epochs whole numbers in range or NaN.
        let equal = ChapterRunner.dataRows("\(output)/equal-training-accuracy.dat")
        #expect(equal.map { $0[0] } == [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0])
        #expect(
            equal.allSatisfy { row in
                [1, 3, 5].allSatisfy { row[$0].isNaN || (row[$0] >= 0 && row[$0] <= 10 && row[$0] == row[$0].rounded()) }
            })
        // One row per run: 6 runs, the book's two first; masks on never beats test mode by much on the plain run.
        let exercises = ChapterRunner.dataRows("\(output)/exercises.dat")
        #expect(exercises.count == 6 && exercises.allSatisfy { $0.count == 8 })
        #expect(exercises.map { $0[1] } == [0.2, 0, 0.2, 0.5, 0, 0.2] && exercises.map { $0[3] } == [0, 0, 1, 0, 0, 0])
        #expect(exercises[1][4] == exercises[1][7], "without dropout, masks on and off are the same network")
        #expect(run.output.contains("What we saw:") && run.output.contains("[dropout.gap-at-end]"))
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
