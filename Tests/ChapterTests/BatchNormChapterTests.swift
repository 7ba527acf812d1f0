// BatchNormChapterTests.swift — the batch-norm chapter, run with --quick.

import Foundation
import Testing

/// The rows of a data file, `NaN` (a diverged network's accuracy) read as NaN.
private func dataRowsWithNaN(_ path: String) -> [[Double]] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
        line.split(separator: " ").compactMap { $0 == "NaN" ? Double.nan : Double($0) }
    }.filter { !$0.isEmpty }
}

@Suite("Chapter batch-norm")
struct BatchNormChapterTests {
    @Test(
        "--quick prints the book's lines for 4 of the 16 scales and writes every data file",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let (run, _, output) = try ChapterRunner.quickRun("batch-norm")
        #expect(run.status == 0, "\(run.errors)")
        // The book's header per scale (its number among all 16) and one line per epoch.
        for scale in [1, 5, 11, 16] {
            #expect(run.output.contains("============== \(scale)/16 =============="))
        }
        let epochLines = run.output.split(separator: "\n").filter { $0.hasPrefix("epoch:") }
        #expect(epochLines.count == 4 * 4)
        #expect(epochLines.first?.hasPrefix("epoch:0 | ") == true)
        #expect(epochLines.allSatisfy { $0.contains(" | ") && $0.contains(" - ") })
        for file in [
            "batch-norm-scales.dat", "scale-invariance.dat", "batch-size.dat", "learning-rate.dat", "findings.txt",
            "batch-norm-scales.gp", "batch-norm-single.gp", "scale-invariance.gp", "batch-size.gp", "learning-rate.gp",
            "epsilon.dat", "epsilon.gp",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // One row per epoch: the epoch, then (plain, BN) accuracy for each of the 4 scales.
        let rows = dataRowsWithNaN("\(output)/batch-norm-scales.dat")
        #expect(rows.count == 4)
        #expect(rows.map { $0.first } == [0, 1, 2, 3])
        // An accuracy is in [0, 1], or NaN once its network has diverged (σ = 1's plain network does):
        // NaN from some epoch on, never back.
        #expect(rows.allSatisfy { $0.count == 9 && $0.dropFirst().allSatisfy { $0.isNaN || ($0 >= 0 && $0 <= 1) } })
        for column in 1..<9 {
            let values = rows.map { $0[column] }
            let afterFirstNaN = values.drop { !$0.isNaN }
            #expect(afterFirstNaN.allSatisfy { $0.isNaN }, "column \(column) comes back from NaN: \(values)")
        }
        #expect(rows[0].dropFirst().allSatisfy { !$0.isNaN }, "after one update no network has diverged yet")
        #expect(run.output.contains("the plain network's loss was not finite at iteration"))
        // Scale invariance: c, two losses, two gradient norms, the 1/c reference. The BN loss does not move with c,
        // and its gradient follows 1/c.
        let invariance = ChapterRunner.dataRows("\(output)/scale-invariance.dat")
        #expect(invariance.map { $0[0] } == [0.1, 0.3, 1, 3, 10])
        #expect(invariance.allSatisfy { $0.count == 6 && abs($0[2] - invariance[0][2]) < 1e-3 })
        #expect(invariance.allSatisfy { abs($0[4] / $0[5] - 1) < 0.01 })
        // Batch sizes 4 and 100 with --quick: the same 2000 images each, two accuracies in [0, 1].
        let batches = ChapterRunner.dataRows("\(output)/batch-size.dat")
        #expect(batches.map { $0[0] } == [4, 100])
        #expect(batches.allSatisfy { $0.count == 5 && $0[0] * $0[1] == 2000 && $0[2...4].allSatisfy { $0 >= 0 && $0 <= 1 } })
        // x̂'s RMS per layer: at most 1 (it is √(v/(v + ε)) per unit), and below 0.1 in the last layer at σ = 1e-4.
        let epsilon = ChapterRunner.dataRows("\(output)/epsilon.dat")
        #expect(epsilon.map { $0[0] } == [1, 0.08576958986, 0.00215443469, 0.0001])
        #expect(epsilon.allSatisfy { $0.count == 19 && $0[6...15].allSatisfy { $0 > 0 && $0 <= 1 } })
        #expect(try #require(epsilon.last)[10] < 0.1)
        // Learning rates 0.01, 0.1, 0.5: per epoch (plain, BN, |W1|) each.
        let rates = dataRowsWithNaN("\(output)/learning-rate.dat")
        #expect(rates.count == 4)
        #expect(rates.allSatisfy { $0.count == 10 && $0[9] > 0 })
    }

    @Test(
        "The same seed gives byte-identical data, whichever scale finishes first; another seed other data",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func reproducible() throws {
        try ChapterRunner.expectReproducible(
            "batch-norm", ["--quick", "--epochs", "2"],
            files: ["batch-norm-scales.dat", "scale-invariance.dat", "batch-size.dat", "learning-rate.dat"])
    }

    @Test("Bad input: --epochs 0, --batch-size 1 and --learning-rate 0 give a message, not a trace")
    func badInput() throws {
        let run = try ChapterRunner.run("batch-norm", ["--epochs", "0", "--plot", "none"])
        #expect(run.status != 0)
        #expect(run.errors.contains("--epochs must be at least 1"))
        let batch = try ChapterRunner.run("batch-norm", ["--batch-size", "1", "--plot", "none"])
        #expect(batch.status != 0)
        #expect(batch.errors.contains("--batch-size must be at least 2"))
        let rate = try ChapterRunner.run("batch-norm", ["--learning-rate", "0", "--plot", "none"])
        #expect(rate.status != 0)
        #expect(rate.errors.contains("--learning-rate must be a positive number"))
    }
}
