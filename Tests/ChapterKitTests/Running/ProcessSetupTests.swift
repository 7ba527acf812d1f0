// ProcessSetupTests.swift — a fatal signal while a child process is being started.

import Foundation
import Testing

@Suite("Process set-up")
struct ProcessSetupTests {
    @Test(
        "SIGTERM while gnuplot is being started, on its thread or another: the child dies with the run, its signals not held (class 7)",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "reads the child's signal mask from /proc"),
        arguments: ["interrupted-start", "interrupted-start-elsewhere"])
    func interruptedStart(task: String) throws {
        // live-demo starts `sleep 30`, prints "child <pid> blocked <mask>", then
        // sends itself SIGTERM before the child's number is recorded. The first
        // task's signal is taken by the thread starting the child, the second's
        // by the main thread (checked by hand, with the handler writing which
        // way it went: 10 runs of each, every one as expected).
        let run = try LiveDemo.run([task])
        #expect(run.killedBySignal && run.status == SIGTERM, "status \(run.status): \(run.errors)")
        #expect(!run.output.contains("survived"))
        let line = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("child ") }, "\(run.output)")
        let fields = line.split(separator: " ")
        let child = try #require(fields.count == 4 ? pid_t(fields[1]) : nil, "\(line)")
        let blocked = try #require(UInt64(fields[3], radix: 16), "\(line)")
        let fatal: UInt64 = 1 << (SIGHUP - 1) | 1 << (SIGINT - 1) | 1 << (SIGTERM - 1)
        #expect(blocked & fatal == 0, "the child was started with SIGINT, SIGTERM or SIGHUP blocked: \(fields[3])")
        // The handler killed and reaped it before the process died: it is gone, not sleeping on.
        #expect(kill(child, 0) == -1 && errno == ESRCH, "sleep 30 (\(child)) outlived the run")
    }
}
