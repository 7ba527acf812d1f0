// DropoutChapterTests.swift — the dropout chapter, run with --quick.

import Foundation
import Testing

@Suite("Chapter dropout")
struct DropoutChapterTests {
    @Test("--quick prints the Trainer's epoch lines and final block for both runs, and writes the data and the script",
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
        for file in ["dropout.dat", "dropout.gp"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // Per measurement, numbered from 0 as the book's plot: epoch, (train, test) × 2, gap × 2.
        let rows = ChapterRunner.dataRows("\(output)/dropout.dat")
        #expect(rows.count == 11)
        #expect(rows.map { $0.first } == (0 ... 10).map(Double.init))
        #expect(rows.allSatisfy { $0.count == 7 && $0[1 ... 4].allSatisfy { $0 >= 0 && $0 <= 1 } })
        // One panel: four curves, without dropout dashed, y 0..1, a marker every 10 epochs.
        let script = ChapterRunner.contents("\(output)/dropout.gp")
        #expect(script.contains("set xrange [0:10]; set yrange [0:1]"))
        #expect(script.components(separatedBy: "pi 10").count - 1 == 4)
        #expect(script.components(separatedBy: "dt 2").count - 1 == 2)
    }

    @Test("--verbose adds the book's train loss line for every iteration (3 per epoch)",
          .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func verbose() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run("dropout", ["--quick", "--epochs", "2", "--verbose", "--plot", "none",
                                                    "--output", output])
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("train loss:") }.count == 2 * 6)
        // The first loss line comes before the first epoch line: measured after the first update.
        let firstLoss = try #require(lines.firstIndex { $0.hasPrefix("train loss:") })
        let firstEpoch = try #require(lines.firstIndex { $0.hasPrefix("=== epoch:1,") })
        #expect(firstLoss < firstEpoch)
    }

    @Test("The same seed gives byte-identical data files; another seed other data",
          .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func reproducible() throws {
        try ChapterRunner.expectReproducible("dropout", ["--quick", "--epochs", "4"], files: ["dropout.dat"])
    }

    @Test("Bad input: --dropout-ratio 1 and --epochs 0 give a message, not a trace")
    func badInput() throws {
        let ratio = try ChapterRunner.run("dropout", ["--dropout-ratio", "1", "--plot", "none"])
        #expect(ratio.status != 0)
        #expect(ratio.errors.contains("--dropout-ratio must lie strictly between 0 and 1"))
        #expect(!ratio.errors.contains("Fatal error"))

        let epochs = try ChapterRunner.run("dropout", ["--epochs", "0", "--plot", "none"])
        #expect(epochs.status != 0)
        #expect(epochs.errors.contains("--epochs must be at least 1"))
    }
}
