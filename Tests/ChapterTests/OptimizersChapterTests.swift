// OptimizersChapterTests.swift — the optimizers chapter, run with --quick.

import ChapterKit
import Foundation
import Testing

@testable import optimizers

@Suite("Chapter optimizers")
struct OptimizersChapterTests {
    @Test(
        "--quick writes both figures' data and scripts, and prints the book's blocks",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let (run, _, output) = try ChapterRunner.quickRun("optimizers")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("===========iteration:0==========="))
        for name in ["SGD", "Momentum", "AdaGrad", "Adam"] {
            #expect(run.output.contains("\(name):"))
        }
        for file in [
            "valley-paths.dat", "valley-floor.dat", "valley-surface.dat", "mnist-loss.dat", "race.dat",
            "race-diverged.dat", "valley-rates.dat", "valley-theory.dat", "valley-tuned.dat",
            "findings.txt", "valley-paths.gp", "mnist-loss.gp", "race.gp", "valley-theory.gp",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // 30 positions per optimizer, starting at (−7, 2) for all four.
        let path = ChapterRunner.dataRows("\(output)/valley-paths.dat")
        #expect(path.count == 30)
        #expect(path.first == [0, -7, 2, -7, 2, -7, 2, -7, 2])
        // One row per iteration: iteration, a raw and a smoothed loss per optimizer of the comparison, all finite.
        let settings = Settings(quick: true)
        let losses = ChapterRunner.dataRows("\(output)/mnist-loss.dat")
        #expect(losses.count == settings.iterations)
        #expect(losses.allSatisfy { $0.count == 1 + 2 * settings.comparison.count && $0.allSatisfy(\.isFinite) })
        // From just above the floor: the same x as from the start, y starting at 0.1.
        let floor = ChapterRunner.dataRows("\(output)/valley-floor.dat")
        #expect(floor.count == 30 && floor.first == [0, -7, 0.1, -7, 0.1, -7, 0.1, -7, 0.1])
        #expect(zip(floor, path).allSatisfy { f, p in [1, 3, 5, 7].allSatisfy { f[$0] == p[$0] } })
        // The race: a row per learning rate from 0.001 to 1, a column per optimizer of the course, every loss positive (or NaN).
        let race = ChapterRunner.dataRows("\(output)/race.dat")
        #expect(race.count == settings.raceRates.count && race.allSatisfy { $0.count == 1 + OptimizerName.allCases.count })
        #expect(abs(race[0][0] - 0.001) < 1e-12 && abs(race[race.count - 1][0] - 1) < 1e-12)
        #expect(race.allSatisfy { $0.dropFirst().allSatisfy { $0.isNaN || $0 > 0 } })
        // The valley's theory: a row per rate of the sweep; the closed forms match the walks.
        let theory = ChapterRunner.dataRows("\(output)/valley-theory.dat")
        #expect(theory.count == settings.theoryRates.count)
        #expect(theory.allSatisfy { $0[9] < 1e-9 && $0[14] < 1e-9 && $0[7] == $0[8] && $0[12] == $0[13] })
        // Every finding is printed and written.
        #expect(run.output.contains("What we saw:") && run.output.contains("[optimizers.race-winner]"))
    }

    @Test(
        "The same seed gives byte-identical data files; another seed other data",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func reproducible() throws {
        // The comparison alone (no race, 2.8 s of CPU less a run): mnist-loss.dat is the file it checks.
        try ChapterRunner.expectReproducible(
            "optimizers", ["--quick", "--iterations", "15", "--race-iterations", "0"], files: ["mnist-loss.dat"])
    }

    @Test(
        "--optimizers and --valley-start choose the comparison and the walk, --race-iterations 0 skips the race; a bad one is named",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func exerciseFlags() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run(
            "optimizers",
            [
                "--quick", "--plot", "none", "--output", output,
                "--optimizers", "sgd,rmsprop,nesterov", "--valley-start", "-5,1", "--race-iterations", "0",
            ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.errors.contains("Fatal error"))
        #expect(!run.output.contains("The race:") && !FileManager.default.fileExists(atPath: "\(output)/race.gp"))
        #expect(run.output.contains("RMSprop:") && run.output.contains("Nesterov:") && !run.output.contains("Adam:"))
        // A raw and a smoothed column for each of the three.
        #expect(ChapterRunner.dataRows("\(output)/mnist-loss.dat").first?.count == 1 + 2 * 3)
        #expect(ChapterRunner.dataRows("\(output)/valley-paths.dat").first == [0, -5, 1, -5, 1, -5, 1, -5, 1])
        let bad = try ChapterRunner.run("optimizers", ["--plot", "none", "--optimizers", "sgd,lion"])
        #expect(bad.status != 0 && bad.errors.contains("'lion' is not an optimizer"))
    }

    @Test("Bad input: a negative --iterations and a missing data folder give a message, not a trace")
    func badInput() throws {
        let negative = try ChapterRunner.run("optimizers", ["--iterations=-5", "--plot", "none"])
        #expect(negative.status != 0)
        #expect(negative.errors.contains("--iterations must be at least 1"))

        let output = try ChapterRunner.temporaryDirectory()
        let missing = try ChapterRunner.run(
            "optimizers",
            [
                "--quick", "--plot", "none", "--output", output,
                "--data-dir", "/nonexistent/mnist",
            ])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("/nonexistent/mnist: the MNIST folder does not exist"))
        #expect(!missing.errors.contains("Fatal error"))
    }
}
