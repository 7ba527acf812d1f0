// WeightDecayChapterTests.swift — the weight-decay chapter, run with --quick.

import Foundation
import Testing

@Suite("Chapter weight-decay")
struct WeightDecayChapterTests {
    @Test(
        "--quick prints the book's epoch lines for λ = 0 and λ = 0.1 and writes every data file",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let (run, _, output) = try ChapterRunner.quickRun("weight-decay")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("=== weight decay λ = 0 ==="))
        #expect(run.output.contains("=== weight decay λ = 0.1 ==="))
        // The book's format, epochs counted from 0: 11 measurements per run.
        let epochLines = run.output.split(separator: "\n").filter { $0.hasPrefix("epoch:") }
        #expect(epochLines.count == 2 * 11)
        #expect(epochLines.first?.hasPrefix("epoch:0, train acc:") == true)
        #expect(epochLines.last?.hasPrefix("epoch:10, train acc:") == true)
        #expect(epochLines.allSatisfy { $0.contains(", train acc:") && $0.contains(", test acc:") })
        for file in ["weight-decay.dat", "weight-decay.gp"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // Per epoch: epoch, (train, test) × 2, gap × 2, ΣW² × 2.
        let rows = ChapterRunner.dataRows("\(output)/weight-decay.dat")
        #expect(rows.count == 11)
        #expect(rows.map { $0.first } == (0...10).map(Double.init))
        #expect(rows.allSatisfy { $0.count == 9 && $0[1...4].allSatisfy { $0 >= 0 && $0 <= 1 } })
        #expect(rows.allSatisfy { abs($0[5] - ($0[1] - $0[2])) < 1e-9 && abs($0[6] - ($0[3] - $0[4])) < 1e-9 })
        // Both runs start from the same weights; the decayed one ends with smaller ones.
        let last = try #require(rows.last)
        #expect(last[8] < last[7], "ΣW²: \(last[8]) with λ = 0.1, \(last[7]) without")
        #expect(last[8] < rows[0][8])
        // The sweep: six λ, each after the last of the 31 updates; λ = 0 and 0.1 repeat the runs above.
        let sweep = ChapterRunner.dataRows("\(output)/lambda-sweep.dat")
        #expect(sweep.map { $0[0] } == [0, 0.01, 0.03, 0.1, 0.3, 1])
        #expect(sweep.allSatisfy { $0.count == 6 && abs($0[4] - ($0[2] - $0[3])) < 1e-9 })
        #expect(sweep[0][3] == last[2] && sweep[3][3] == last[4], "the sweep's λ = 0 and 0.1 end where the runs end")
        #expect(sweep[5][5] < sweep[0][5])
        // One step with λ = 0.1 is (1 − η·λ)·W − η·∂L/∂W to rounding.
        let rule = ChapterRunner.dataRows("\(output)/update-rule.dat")
        #expect(rule.count == 1 && rule[0].count == 5 && rule[0][2] == 0.999 && rule[0][3] < 1e-12 * rule[0][4])
        for file in ["lambda-sweep.dat", "findings.txt", "weight-norm.gp", "lambda-sweep.gp", "update-rule.dat"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
    }

    @Test(
        "The same seed gives byte-identical data files; another seed other data",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func reproducible() throws {
        try ChapterRunner.expectReproducible(
            "weight-decay", ["--quick", "--epochs", "4"], files: ["weight-decay.dat", "lambda-sweep.dat"])
    }

    @Test("Bad input: --epochs 0 and --weight-decay 0 give a message, not a trace")
    func badInput() throws {
        let epochs = try ChapterRunner.run("weight-decay", ["--epochs", "0", "--plot", "none"])
        #expect(epochs.status != 0)
        #expect(epochs.errors.contains("--epochs must be at least 1"))

        let lambda = try ChapterRunner.run("weight-decay", ["--weight-decay", "0", "--plot", "none"])
        #expect(lambda.status != 0)
        #expect(lambda.errors.contains("--weight-decay must be a positive number"))
        #expect(!lambda.errors.contains("Fatal error"))
    }
}
