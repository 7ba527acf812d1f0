// BLASKernelChapterTests.swift — the BLAS kernel a chapter runs with: the
// user's OPENBLAS_CORETYPE wins, a fallback kernel is replaced by a restart,
// and the data files come out the same whichever kernel multiplied.

import BookCore
import Foundation
import Testing

@Suite("BLAS kernel of a chapter")
struct BLASKernelChapterTests {
    // No race: these compare the comparison's losses; with the race a Prescott run took 6.0 s of CPU, without it 0.8 s.
    static let arguments = ["--quick", "--iterations", "15", "--race-iterations", "0", "--plot", "none"]

    /// Whether the test runs on OpenBLAS with a kernel better than SSE, so a
    /// pretended Prescott is a fallback worth a restart.
    static var restartApplies: Bool {
        #if canImport(Accelerate)
        return false
        #else
        return ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil
            && BLAS.VectorLevel(kernel: BLAS.kernelName) > .sse
        #endif
    }

    #if !canImport(Accelerate)
    @Test(
        "OPENBLAS_CORETYPE set by the user wins: no restart, the speed line names it, the data are the same bits",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func usersChoiceWins() throws {
        var files: [String] = []
        for kernel in ["Prescott", "Haswell"] {
            let output = try ChapterRunner.temporaryDirectory("\(#function)\(kernel)")
            let run = try ChapterRunner.run(
                "optimizers", Self.arguments + ["--output", output],
                environment: ["OPENBLAS_CORETYPE": kernel])
            #expect(run.status == 0, "\(run.errors)")
            #expect(!run.errors.contains("BLAS:"), "restarted although the user chose \(kernel)")
            #expect(run.output.contains("GFLOP/s (OpenBLAS"))
            #expect(run.output.contains("kernel \(kernel))"))
            files.append(ChapterRunner.contents("\(output)/mnist-loss.dat"))
        }
        let output = try ChapterRunner.temporaryDirectory("\(#function)Default")
        let run = try ChapterRunner.run("optimizers", Self.arguments + ["--output", output])
        #expect(run.status == 0, "\(run.errors)")
        files.append(ChapterRunner.contents("\(output)/mnist-loss.dat"))
        #expect(!files[0].isEmpty)
        #expect(files[0] == files[1], "mnist-loss.dat differs between Prescott and Haswell")
        #expect(files[0] == files[2], "mnist-loss.dat differs between Prescott and the default kernel")
    }
    #endif

    @Test(
        "A fallback kernel is replaced before the first product: one restart, one line on stderr",
        .enabled(
            if: ChapterRunner.mnistAvailable && restartApplies,
            "needs MNIST, OpenBLAS with a kernel better than SSE, and OPENBLAS_CORETYPE unset"))
    func fallbackReplaced() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run(
            "optimizers", Self.arguments + ["--output", output],
            environment: ["BOOK_BLAS_PRETEND_KERNEL": "Prescott"])
        #expect(run.status == 0, "\(run.errors)")
        let notices = run.errors.split(separator: "\n").filter { $0.hasPrefix("BLAS: ") }
        #expect(notices.count == 1, "\(run.errors)")
        #expect(notices.first?.contains("chose Prescott for this CPU; running ") == true)
        // The kernel of the restart runs the products, and the speed line names it.
        let kernel =
            notices.first.flatMap { $0.components(separatedBy: "running ").last?.split(separator: " ").first }
            .map(String.init) ?? "?"
        #expect(kernel != "Prescott")
        #expect(run.output.contains("kernel \(kernel))"), "\(run.output)")
        // The output is printed once: the first start printed nothing before restarting.
        #expect(run.output.components(separatedBy: "===========iteration:0===========").count == 2)
    }
}
