// OptimizersChapterTests.swift — the optimizers chapter, run with --quick.

import Foundation
import Testing

@Suite("Chapter optimizers")
struct OptimizersChapterTests {
    @Test("--quick writes both figures' data and scripts, and prints the book's blocks",
          .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run("optimizers", ["--quick", "--plot", "none", "--output", output])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("===========iteration:0==========="))
        for name in ["SGD", "Momentum", "AdaGrad", "Adam"] {
            #expect(run.output.contains("\(name):"))
        }
        for file in ["valley-paths.dat", "valley-surface.dat", "mnist-loss.dat", "valley-paths.gp", "mnist-loss.gp"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // 30 positions per optimizer, starting at (−7, 2) for all four.
        let path = ChapterRunner.dataRows("\(output)/valley-paths.dat")
        #expect(path.count == 30)
        #expect(path.first == [0, -7, 2, -7, 2, -7, 2, -7, 2])
        // One row per iteration: iteration, 4 raw and 4 smoothed losses, all finite.
        let losses = ChapterRunner.dataRows("\(output)/mnist-loss.dat")
        #expect(losses.count == 60)
        #expect(losses.allSatisfy { $0.count == 9 && $0.allSatisfy(\.isFinite) })
    }

    @Test("The same seed gives byte-identical data files; another seed other data",
          .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func reproducible() throws {
        try ChapterRunner.expectReproducible("optimizers", ["--quick", "--iterations", "15"], files: ["mnist-loss.dat"])
    }

    @Test("Bad input: a negative --iterations and a missing data folder give a message, not a trace")
    func badInput() throws {
        let negative = try ChapterRunner.run("optimizers", ["--iterations=-5", "--plot", "none"])
        #expect(negative.status != 0)
        #expect(negative.errors.contains("--iterations must be at least 1"))

        let output = try ChapterRunner.temporaryDirectory()
        let missing = try ChapterRunner.run("optimizers", ["--quick", "--plot", "none", "--output", output,
                                                           "--data-dir", "/nonexistent/mnist"])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("/nonexistent/mnist: the MNIST folder does not exist"))
        #expect(!missing.errors.contains("Fatal error"))
    }
}
