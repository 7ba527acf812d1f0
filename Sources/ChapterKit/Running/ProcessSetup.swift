// ProcessSetup.swift — what a chapter's process arranges before it parses its
// flags: streams that cannot kill it, Ctrl-C that cleans up, and negative
// numbers read as values.
//
// Chapters call `Options.parseOrExit()`; the version below (ChapterKit's, the
// more specific one for commands) does this set-up first, so every chapter
// gets it without a line of its own.

import ArgumentParser
import BookCore
import Foundation

extension ParsableCommand {
    /// Prepares the process (`prepareChapterProcess()`), then parses the
    /// command line as ArgumentParser's `parseOrExit` does — except that
    /// `--flag -5` is read as `--flag=-5`, so a negative count gets the
    /// flag's own message ("must be at least 1") instead of "Missing value".
    ///
    /// - Parameter arguments: The arguments, without the program name (default: the command line's).
    /// - Returns: The parsed command; on bad flags it prints the message and exits.
    public static func parseOrExit(_ arguments: [String]? = nil) -> Self {
        prepareChapterProcess()
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        do {
            return try parse(attachingNegativeNumbers(given))
        } catch {
            exit(withError: error)
        }
    }
}

/// `["--iterations", "-5"]` becomes `["--iterations=-5"]`: a long option
/// followed by a negative number takes it as its value. (ArgumentParser
/// otherwise reads `-5` as a short flag and reports the option's value
/// missing.) No chapter has a short option made of digits, so nothing else
/// changes; `--` ends the options as usual.
func attachingNegativeNumbers(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        if argument == "--" {
            result += arguments[index...]
            break
        }
        if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count,
            arguments[index + 1].hasPrefix("-"), Double(arguments[index + 1]) != nil
        {
            result.append(argument + "=" + arguments[index + 1])
            index += 2
        } else {
            result.append(argument)
            index += 1
        }
    }
    return result
}

/// The gnuplot child running now (0: none), for the signal handler to stop.
nonisolated(unsafe) var runningChild: pid_t = 0

/// Set while a child is being started (`startingChild(_:)`): its process
/// exists before its number is known, so the signal handler waits for it.
nonisolated(unsafe) var childStarting = false
/// The thread starting that child: a handler that interrupts this thread
/// cannot wait for it, and leaves the signal to it instead.
nonisolated(unsafe) var startingThread: pthread_t?
/// A fatal signal that interrupted `startingThread`, raised again by it once
/// the child's number is recorded (0: none).
nonisolated(unsafe) var deferredSignal: Int32 = 0

/// Starts a child process with `start`, which returns its process number,
/// and records that number, so that a fatal signal arriving at any moment
/// stops the child before the process dies of it (one child at a time: the
/// figure writer's gnuplot).
///
/// A signal between the child's start and that record would otherwise leave
/// it running, free to write a temporary file after the handler has removed
/// the others. So while the child starts, a handler on another thread waits
/// for the number (at most a second), and a handler on this thread leaves the
/// signal to it, to be raised again once the number is recorded. (Holding the
/// signals on this thread instead would hand them on held to the child:
/// Foundation's `Process` keeps the starting thread's signal mask.)
///
/// - Returns: The child's process number. If the process is already ending,
///   it starts nothing and waits for the end.
/// - Throws: What `start` throws (the child did not start).
public func startingChild(_ start: () throws -> pid_t) rethrows -> pid_t {
    startingThread = pthread_self()
    childStarting = true
    // The process is ending: a handler on another thread began before
    // `childStarting` was set (start nothing, let it end the process), or one
    // on this thread left its signal here.
    if TemporaryFiles.isTerminating {
        childStarting = false
        if deferredSignal != 0 { raise(deferredSignal) }
        while true { pause() }
    }
    defer {
        childStarting = false
        if deferredSignal != 0 { raise(deferredSignal) }
        // A handler on another thread is ending the process, and stopping this
        // child: wait for the end instead of going on as if the child had run.
        while TemporaryFiles.isTerminating { pause() }
    }
    runningChild = try start()
    return runningChild
}

/// Whether `prepareChapterProcess()` has run.
private let processPrepared: Void = {
    // 1. A closed standard stream would let the next open(2) take its number,
    //    and print() would then write into a data file: point it at /dev/null.
    for stream in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(stream, F_GETFD) == -1 && errno == EBADF {
        let null = open("/dev/null", stream == STDIN_FILENO ? O_RDONLY : O_WRONLY)
        if null >= 0 && null != stream {
            dup2(null, stream)
            close(null)
        }
    }
    // 2. A reader that goes away (`| head -1`) must not kill the run: writes
    //    then fail with EPIPE, which the console ignores, and the files are still written.
    signal(SIGPIPE, SIG_IGN)
    // 3. Ctrl-C, SIGTERM or a closed terminal: remove this run's temporary
    //    files, stop gnuplot, then die of the same signal (the shell sees 130, 143, …).
    //    A parent may hand them down blocked (a test runner does); unblock them.
    TemporaryFiles.prepare()
    var fatal = sigset_t()
    sigemptyset(&fatal)
    for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&fatal, number) }
    sigprocmask(SIG_UNBLOCK, &fatal, nil)
    for number in [SIGINT, SIGTERM, SIGHUP] {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = interruptionHandler
        #else
        action.__sigaction_u.__sa_handler = interruptionHandler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(number, &action, nil)
    }
}()

/// Cleans up after a fatal signal and re-raises it; only async-signal-safe calls.
///
/// The process is marked as ending first, so that no other thread makes a new
/// temporary file that would survive; then gnuplot is stopped, and waited
/// for, so that it cannot write into a temporary file after the clean-up has
/// removed it. A child being started is waited for first, so that its
/// number is known (at most a second: the thread starting it might wait for
/// a lock the interrupted thread holds, and the clean-up must still happen);
/// if this is the thread starting it, the signal is left to that thread.
private let interruptionHandler: @convention(c) (Int32) -> Void = { number in
    TemporaryFiles.beginTermination()
    if childStarting, let starter = startingThread, pthread_equal(starter, pthread_self()) != 0 {
        deferredSignal = number
        return
    }
    var millisecond = timespec(tv_sec: 0, tv_nsec: 1_000_000)
    var waited = 0
    while childStarting && waited < 1000 {
        nanosleep(&millisecond, nil)
        waited += 1
    }
    let child = runningChild
    if child > 0 {
        kill(child, SIGKILL)
        var status: Int32 = 0
        waitpid(child, &status, 0)
    }
    TemporaryFiles.removeAll()
    signal(number, SIG_DFL)
    raise(number)
}

/// Makes the process safe to run a chapter in (once; later calls do nothing):
/// closed standard streams are reopened on /dev/null, SIGPIPE is ignored (a
/// closed pipe on standard output or error then never kills the run), and
/// SIGINT, SIGTERM and SIGHUP remove this run's temporary files before the
/// process dies of them.
public func prepareChapterProcess() {
    processPrepared
}
