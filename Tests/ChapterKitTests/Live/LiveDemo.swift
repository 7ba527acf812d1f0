// LiveDemo.swift — runs the live-demo binary (Tests/Support/live-demo) the way
// a person would, for the live tests: with fake gnuplots, in tmux, under Xvfb.

import Foundation
import Testing

/// The outcome of one run of live-demo.
struct DemoRun {
    /// The exit status, or the signal that ended it.
    let status: Int32
    /// Whether a signal ended it (SIGPIPE, say) instead of an exit.
    let killedBySignal: Bool
    /// Standard output.
    let output: String
    /// Standard error.
    let errors: String

    /// The lines of standard error that speak of the live view.
    var liveViewLines: [String] { errors.split(separator: "\n").map(String.init).filter { $0.contains("live view") } }
}

enum LiveDemo {
    /// The built live-demo (beside the test bundle, in `.build/debug`).
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("live-demo").path
    }

    /// Runs live-demo with `arguments` and `environment` (replacing these
    /// variables of the test's own; `nil` removes one), feeding it `input`.
    static func run(
        _ arguments: [String], environment: [String: String?] = [:], input: String = "", closeErrorsEarly: Bool = false
    ) throws -> DemoRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let inputPipe = Pipe(), outputPipe = Pipe(), errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        inputPipe.fileHandleForWriting.write(Data(input.utf8))
        try inputPipe.fileHandleForWriting.close()
        let errorData = Locked(Data())
        let done = Locked(false)
        let reader = Thread {
            // A closed reader: the demo's standard error (and gnuplot's text chart) goes nowhere.
            if closeErrorsEarly {
                try? errorPipe.fileHandleForReading.close()
            } else {
                errorData.set(errorPipe.fileHandleForReading.readDataToEndOfFile())
            }
            done.set(true)
        }
        reader.start()
        let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !done.value { usleep(1000) }
        return DemoRun(
            status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
            output: String(decoding: outputData, as: UTF8.self), errors: String(decoding: errorData.value, as: UTF8.self))
    }

    /// A folder holding an executable `gnuplot` with this shell script as its body.
    static func fakeGnuplot(_ script: String, _ name: String = #function) throws -> String {
        let folder = try makeTemporaryDirectory(name)
        let path = join(folder, "gnuplot")
        try ("#!/bin/sh\n" + script + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return folder
    }

    /// The first of `names` that is on the `PATH`, as a full path.
    static func tool(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool to its end and returns its status and standard output.
    @discardableResult
    static func shell(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], closingOtherDescriptors: Bool = false
    ) -> (Int32, String) {
        let process = Process()
        if closingOtherDescriptors {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", closingDescriptors, "bash", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A bash script that closes every descriptor above 2, then runs its arguments: for a
    /// program that outlives the call (a tmux server, Xvfb), which must not hold the pipes
    /// of tests running beside it open (their readers would wait for it to end).
    static let closingDescriptors =
        #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null; exec "$@""#

    /// Starts `arguments` with its standard output on `output` (and its standard
    /// error on /dev/null); returns its process id.
    static func spawn(_ arguments: [String], output: Int32) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        let result = posix_spawn(&pid, arguments[0], &actions, nil, &cArguments, environ)
        return result == 0 ? pid : 0
    }

    /// Waits up to `timeout` seconds for `condition`, checking every 50 ms.
    static func wait(_ timeout: Double, for condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}

/// A value shared between threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}
