// live-demo — drives the live figure and the valley explorer without a
// chapter, for the tests in Tests/ChapterKitTests/Live (and by hand):
//
//   live-demo train --plot live --output /tmp/demo    four made-up loss curves, drawn
//                                                       as they are "trained", then written
//   live-demo explore                                  the valley of chapter 1, interactive
//   live-demo interrupted-start                        SIGTERM while a child is being started
//   live-demo interrupted-start-elsewhere              the same, sent from another thread
//
// `train` writes curves.dat whatever the live view does, and prints one line
// per curve; its exit status is 0 unless the output cannot be written.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live-demo", abstract: "The live figure and the valley explorer, without a chapter.")

    @Argument(help: "train, explore, interrupted-start or interrupted-start-elsewhere.")
    var task: String

    @OptionGroup var common: ChapterOptions

    @Option(help: "Training steps.")
    var steps = 200

    @Option(help: "Milliseconds each step takes.")
    var stepMilliseconds = 5

    @Flag(help: "Keep training (up to a minute) until the live view has stopped by itself (for the fault tests).")
    var untilStopped = false

    @Option(help: "Seconds gnuplot may leave a frame unread before the live view stops.")
    var stallSeconds = 10.0

    @Flag(help: "Let SIGPIPE kill the process, as it would a program that does not ignore it.")
    var defaultSigpipe = false

    @Option(help: "The explorer's start, x,y.")
    var start = "-7,2"
}

let demo = Demo.parseOrExit()
if demo.defaultSigpipe { signal(SIGPIPE, SIG_DFL) }

/// The valley of chapter 1, f(x, y) = x²/20 + y², and its gradient.
let valley: @Sendable (Double, Double) -> Double = { x, y in x * x / 20 + y * y }
let valleyGradient: @Sendable (Double, Double) -> (Double, Double) = { x, y in (x / 10, 2 * y) }

switch demo.task {
case "explore":
    let start = demo.start.split(separator: ",").compactMap { Double($0) }
    guard start.count == 2 else {
        printError("error: --start takes x,y, like -7,2")
        exit(64)
    }
    let explorer = ValleyExplorer(
        function: valley, gradient: valleyGradient,
        optimizers: [SGD(learningRate: 0.95), Momentum(learningRate: 0.1), AdaGrad(learningRate: 1.5), Adam(learningRate: 0.3)],
        start: (start[0], start[1]), formula: "f(x, y) = x²/20 + y²")
    exit(explorer.run())
case "train":
    let names = ["SGD", "Momentum", "AdaGrad", "Adam"]
    let live = LiveFigure.start(
        demo.common.plot, LiveFigure.Layout(title: "made-up losses", xLabel: "step", yLabel: "loss", curves: names),
        stallSeconds: demo.stallSeconds)
    var losses = Array(repeating: [Double](), count: names.count)
    var step = 0
    let began = Date()
    // Each curve falls at its own rate: loss = 2.3·exp(−rate·step) + 0.05.
    while step < demo.steps || (demo.untilStopped && live?.isRunning == true && Date().timeIntervalSince(began) < 60) {
        for curve in names.indices {
            let loss = 2.3 * exp(-Double(curve + 1) * 0.01 * Double(step)) + 0.05
            if step < demo.steps { losses[curve].append(loss) }
            live?.append(curve, x: Double(step), y: loss)
        }
        usleep(useconds_t(demo.stepMilliseconds * 1000))
        step += 1
    }
    live?.finish()
    let table = DataTable(
        "curves.dat", "made-up losses, one column per curve",
        columns: [("step", (0..<demo.steps).map(Double.init))] + zip(names, losses).map { ($0, $1) })
    let writer = exitOnError { try FigureWriter(directory: demo.common.output ?? "live-demo-output") }
    exitOnError { _ = try writer.write(table) }
    for (name, curve) in zip(names, losses) { print(String(format: "%@: last loss %.6f", name, curve[curve.count - 1])) }
    if let live {
        let (sent, dropped) = live.frameCounts
        printError(
            String(
                format: "live: %d frames sent, %d dropped, %.3f ms each", sent, dropped,
                1000 * live.secondsSpent / Double(max(sent + dropped, 1))))
    }
case "interrupted-start", "interrupted-start-elsewhere":
    // For the fault tests: a SIGTERM to the process while a child (sleep 30)
    // is being started, before its number is recorded; the child must die
    // with the process. The thread that sends the signal nearly always takes
    // it: here the thread starting the child, or (-elsewhere) the main thread
    // while another thread starts it.
    let elsewhere = demo.task == "interrupted-start-elsewhere"
    let inTheGap = DispatchSemaphore(value: 0)
    let startAndInterrupt: @Sendable () -> Void = {
        _ = try? startingChild {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sleep")
            process.arguments = ["30"]
            process.standardOutput = FileHandle.nullDevice  // holds no pipe of the test's open
            process.standardError = FileHandle.nullDevice
            try process.run()
            let child = process.processIdentifier
            // The child's blocked signals, as a hex mask (SIGHUP is bit 0).
            let status = (try? String(contentsOfFile: "/proc/\(child)/status", encoding: .utf8)) ?? ""
            let blocked = status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }?.dropFirst(7) ?? "?"
            print("child \(child) blocked \(blocked.trimmingCharacters(in: .whitespaces))")
            fflush(nil)
            if elsewhere { inTheGap.signal() } else { kill(getpid(), SIGTERM) }
            usleep(50_000)
            return child
        }
        print("survived the signal")
        exit(0)
    }
    if elsewhere {
        Thread { startAndInterrupt() }.start()
        inTheGap.wait()
        kill(getpid(), SIGTERM)
        while true { pause() }
    } else {
        startAndInterrupt()
    }
default:
    printError("error: the task is train, explore, interrupted-start or interrupted-start-elsewhere, not \(demo.task)")
    exit(64)
}
