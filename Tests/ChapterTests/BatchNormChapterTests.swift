// BatchNormChapterTests.swift — the batch-norm chapter, run with --quick.

import Foundation
import Testing

@Suite("Chapter batch-norm")
struct BatchNormChapterTests {
    @Test("--quick prints the book's lines for 4 of the 16 scales and writes the data and both scripts",
          .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run("batch-norm", ["--quick", "--plot", "none", "--output", output])
        #expect(run.status == 0, "\(run.errors)")
        // The book's header per scale (its number among all 16) and one line per epoch.
        for scale in [1, 5, 11, 16] {
            #expect(run.output.contains("============== \(scale)/16 =============="))
        }
        let epochLines = run.output.split(separator: "\n").filter { $0.hasPrefix("epoch:") }
        #expect(epochLines.count == 4 * 4)
        #expect(epochLines.first?.hasPrefix("epoch:0 | ") == true)
        #expect(epochLines.allSatisfy { $0.contains(" | ") && $0.contains(" - ") })
        for file in ["batch-norm-scales.dat", "batch-norm-scales.gp", "batch-norm-single.gp"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // One row per epoch: the epoch, then (plain, BN) accuracy for each of the 4 scales.
        let rows = ChapterRunner.dataRows("\(output)/batch-norm-scales.dat")
        #expect(rows.count == 4)
        #expect(rows.map { $0.first } == [0, 1, 2, 3])
        #expect(rows.allSatisfy { $0.count == 9 && $0.dropFirst().allSatisfy { $0 >= 0 && $0 <= 1 } })
        // The grid: a panel per scale titled W:<scale>, BN solid, the plain network dashed, y from 0 to 1.
        let script = ChapterRunner.contents("\(output)/batch-norm-scales.gp")
        #expect(script.contains("multiplot layout 2,2"))
        for title in ["'W:1'", "'W:0.08577'", "'W:0.002154'", "'W:0.0001'"] {
            #expect(script.contains("set title \(title)"), "no panel \(title)")
        }
        #expect(script.contains("set yrange [0:1]"))
        #expect(script.contains("dt 2"))
        #expect(script.contains("'Batch Normalization'"))
        #expect(ChapterRunner.contents("\(output)/batch-norm-single.gp").contains("0.08577"))
    }

    @Test("The same seed gives byte-identical data, whichever scale finishes first; another seed other data",
          .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func reproducible() throws {
        try ChapterRunner.expectReproducible("batch-norm", ["--quick", "--epochs", "2"], files: ["batch-norm-scales.dat"])
    }

    @Test("Bad input: --epochs 0 gives a message, not a trace")
    func badInput() throws {
        let run = try ChapterRunner.run("batch-norm", ["--epochs", "0", "--plot", "none"])
        #expect(run.status != 0)
        #expect(run.errors.contains("--epochs must be at least 1"))
    }
}
