// HyperparameterSearchChapterTests.swift — the hyperparameter-search chapter, run with --quick.

import Foundation
import Testing

@Suite("Chapter hyperparameter-search")
struct HyperparameterSearchChapterTests {
    /// The rows of trials.csv, without the header, split at the commas.
    static func csvRows(_ folder: String) -> [[String]] {
        ChapterRunner.contents("\(folder)/trials.csv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test(
        "--quick prints every trial and the ranking, and writes the CSV, the data and both scripts",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let (run, _, output) = try ChapterRunner.quickRun("hyperparameter-search")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("400 to train on, 100 held out for validation"))
        // The book's lines: one per trial, then the ranking.
        let lines = run.output.split(separator: "\n").map(String.init)
        let trialLines = lines.filter { $0.hasPrefix("val acc:") }
        #expect(trialLines.count == 4)
        #expect(trialLines.allSatisfy { $0.contains(" | lr:") && $0.contains(", weight decay:") })
        let rankLines = lines.filter { $0.hasPrefix("Best-") }
        #expect(rankLines.map { String($0.prefix(7)) } == ["Best-1(", "Best-2(", "Best-3(", "Best-4("])
        #expect(lines.contains("=========== Hyper-Parameter Optimization Result ==========="))

        // The CSV: a header and one row per trial, in trial order, with the seed and stream.
        let header = ChapterRunner.contents("\(output)/trials.csv").split(separator: "\n").first
        #expect(header == "trial,seed,stream,learning_rate,weight_decay,final_validation_accuracy,final_training_accuracy,diverged,rank")
        let rows = Self.csvRows(output)
        #expect(rows.count == 4)
        #expect(rows.map { $0[0] } == ["1", "2", "3", "4"])
        #expect(rows.allSatisfy { $0.count == 9 && $0[1] == "1" && $0[2] == $0[0] && $0[7] == "false" })
        // Drawn from the book's narrowed ranges: lr in [1e-3, 1e-2), weight decay in [1e-8, 1e-6).
        let learningRates = rows.compactMap { Double($0[3]) }, weightDecays = rows.compactMap { Double($0[4]) }
        #expect(learningRates.count == 4 && learningRates.allSatisfy { $0 >= 1e-3 && $0 < 1e-2 })
        #expect(weightDecays.count == 4 && weightDecays.allSatisfy { $0 >= 1e-8 && $0 < 1e-6 })
        // Accuracies in [0, 1]; the ranks a permutation, rank 1 the best validation accuracy.
        let accuracies = rows.compactMap { Double($0[5]) }
        #expect(accuracies.count == 4 && accuracies.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(Set(rows.map { $0[8] }) == ["1", "2", "3", "4"])
        let best = try #require(rows.first { $0[8] == "1" })
        #expect(Double(best[5]) == accuracies.max())
        // The printed line of each trial matches its CSV row.
        for (line, row) in zip(trialLines, rows) {
            #expect(line.hasPrefix("val acc:\(row[5]) | lr:\(row[3]), weight decay:\(row[4])"))
        }

        for file in [
            "trials.csv", "trials.dat", "trial-curves.dat", "grid.dat", "grid-vs-random.dat", "reruns.dat",
            "final-test.dat", "without-weight-decay.dat", "findings.txt", "best-trials.gp", "trials-scatter.gp", "grid-vs-random.gp",
            "reruns.gp",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // The curves: epochs 0 … 3, then validation and training accuracy of each of the 4 trials.
        let curves = ChapterRunner.dataRows("\(output)/trial-curves.dat")
        #expect(curves.map { $0.first } == [0, 1, 2, 3])
        #expect(curves.allSatisfy { $0.count == 1 + 2 * 4 && $0.dropFirst().allSatisfy { $0 >= 0 && $0 <= 1 } })
        // trials.dat: the CSV's numbers, one row per trial.
        let table = ChapterRunner.dataRows("\(output)/trials.dat")
        #expect(table.count == 4 && table.map { $0[0] } == [1, 2, 3, 4])
        #expect(zip(table, rows).allSatisfy { row, csv in row[3] == Double(csv[5]) && row[6] == Double(csv[8]) })
        // The --quick grid is 2 × 2: the centres of the quarters of the log box, each pair once.
        let grid = ChapterRunner.dataRows("\(output)/grid.dat")
        #expect(grid.count == 4 && Set(grid.map { $0[0] }).count == 2 && Set(grid.map { $0[1] }).count == 2)
        #expect(grid.allSatisfy { $0[0] > 1e-3 && $0[0] < 1e-2 && $0[1] > 1e-8 && $0[1] < 1e-6 && $0[2] >= 0 && $0[2] <= 1 })
        // Grid against random: search 0 (the grid, 2 learning rates), search 1 (trials 1-4, 4 learning rates).
        let versus = ChapterRunner.dataRows("\(output)/grid-vs-random.dat")
        #expect(versus.map { $0[0] } == [0, 1] && versus.map { $0[2] } == [2, 4])
        #expect(versus[1][1] == accuracies.max())
        // Reruns: the 4 best, in rank order, the search's accuracy first.
        let reruns = ChapterRunner.dataRows("\(output)/reruns.dat")
        #expect(reruns.map { $0[0] } == [1, 2, 3, 4] && reruns.allSatisfy { $0.count == 7 })
        #expect(reruns[0][4] == accuracies.max())
        // The winner on the test set: its setting, one accuracy in [0, 1].
        let final = ChapterRunner.dataRows("\(output)/final-test.dat")
        #expect(final.count == 1 && abs(final[0][0] / Double(best[3])! - 1) < 1e-8 && final[0][3] >= 0 && final[0][3] <= 1)
        #expect(run.output.contains("What we saw:") && run.output.contains("[hyperparameter-search.final-test]"))
    }

    @Test(
        "The same seed gives an identical CSV whatever the number of concurrent trials; fewer trials are a prefix; another seed differs",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func reproducible() throws {
        let first = try ChapterRunner.temporaryDirectory(), second = try ChapterRunner.temporaryDirectory()
        let fewer = try ChapterRunner.temporaryDirectory(), other = try ChapterRunner.temporaryDirectory()
        for (folder, arguments) in [
            (first, ["--seed", "7", "--trials", "3"]),
            (second, ["--seed", "7", "--trials", "3", "--jobs", "1"]),
            (fewer, ["--seed", "7", "--trials", "2"]),
            (other, ["--seed", "8", "--trials", "3"]),
        ] {
            let run = try ChapterRunner.run(
                "hyperparameter-search",
                arguments + ["--epochs", "2", "--plot", "none", "--output", folder])
            #expect(run.status == 0, "\(run.errors)")
        }
        let csv = ChapterRunner.contents("\(first)/trials.csv")
        #expect(!csv.isEmpty)
        #expect(csv == ChapterRunner.contents("\(second)/trials.csv"))
        #expect(ChapterRunner.contents("\(first)/trial-curves.dat") == ChapterRunner.contents("\(second)/trial-curves.dat"))
        #expect(csv != ChapterRunner.contents("\(other)/trials.csv"))
        // Trial k draws from stream k alone, so --trials 2 gives the first two trials
        // of --trials 3 (all but the rank, which depends on who else ran).
        let withoutRank = { (rows: [[String]]) in rows.map { $0.dropLast() } }
        #expect(withoutRank(Self.csvRows(fewer)) == Array(withoutRank(Self.csvRows(first)).prefix(2)))
    }

    @Test(
        "A diverging trial is recorded as diverged with accuracy 0, not a crash",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func diverged() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run(
            "hyperparameter-search",
            [
                "--trials", "2", "--epochs", "3", "--lr-range", "3,3",
                "--plot", "none", "--output", output,
            ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("2 diverged"))
        let rows = Self.csvRows(output)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0[3] == "1000.0" && $0[5] == "0.0" && $0[7] == "true" })
        // The scatter and the grid figure mark them; the curves stop where training stopped.
        #expect(ChapterRunner.contents("\(output)/trials-scatter.gp").contains("title 'diverged'"))
        #expect(ChapterRunner.contents("\(output)/grid-vs-random.gp").contains("title 'diverged (counted as 0)'"))
        // 16 grid points, 2 best × 2 seeds, the winner without weight decay, the winner on all images.
        #expect(run.output.contains("Going further: 22 more trials"))
        // Every grid point diverged too: marked in grid.dat; the reruns and the winner's test score are NaN.
        #expect(ChapterRunner.dataRows("\(output)/grid.dat").allSatisfy { $0[4] == 1 && $0[2] == 0 })
        #expect(ChapterRunner.dataRows("\(output)/reruns.dat").allSatisfy { $0[5].isNaN && $0[6].isNaN })
        #expect(ChapterRunner.dataRows("\(output)/final-test.dat").first?[3].isNaN == true)
        let curves = ChapterRunner.dataRows("\(output)/trial-curves.dat")
        #expect(curves.last?.dropFirst().allSatisfy(\.isNaN) == true)
    }

    @Test(
        "Bad ranges and counts give a clear message and a non-zero exit",
        arguments: [
            (["--lr-range", "-2,-6"], "--lr-range takes two powers of ten as low,high"),
            (["--lr-range", "0.01"], "got '0.01'"),
            (["--weight-decay-range", "a,b"], "--weight-decay-range takes two powers of ten as low,high"),
            (["--lr-range=-40,-2"], "between -30 and 30"),
            (["--trials", "0"], "--trials must be at least 1"),
            (["--jobs", "0"], "--jobs must be at least 1"),
        ])
    func badInput(_ arguments: [String], _ message: String) throws {
        let run = try ChapterRunner.run("hyperparameter-search", arguments + ["--plot", "none"])
        #expect(run.status != 0)
        #expect(run.errors.contains(message), "\(run.errors)")
        #expect(!run.errors.contains("Fatal error"))
    }

    @Test(
        "A range may start with a minus sign after a space: --lr-range -3,-2 --weight-decay-range -7,-6",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func negativeRangeAfterSpace() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run(
            "hyperparameter-search",
            [
                "--trials", "1", "--epochs", "1",
                "--lr-range", "-3,-2", "--weight-decay-range", "-7,-6",
                "--plot", "none", "--output", output,
            ])
        #expect(run.status == 0, "\(run.errors)")
        let weightDecay = try #require(Self.csvRows(output).first.flatMap { Double($0[4]) })
        #expect(weightDecay >= 1e-7 && weightDecay < 1e-6)
    }
}
