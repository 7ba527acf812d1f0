// LiveSurface.swift — where a live figure draws: a window, or the terminal.

import Foundation

/// Where a live view draws.
public enum LiveSurface: Sendable, Equatable {
    /// gnuplot's text terminal on standard error, this many columns and lines,
    /// redrawn in place.
    case text(columns: Int, lines: Int)
    /// A window, with this gnuplot terminal (`qt`, `x11` or `wxt`).
    case window(terminal: String)

    /// A window where `$DISPLAY` is set and `gnuplot` has a windowed terminal;
    /// else text, sized to the terminal on standard error.
    public static func choose(gnuplot: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> LiveSurface
    {
        if let display = environment["DISPLAY"], !display.isEmpty,
            let terminal = windowedTerminal(of: gnuplot)
        {
            return .window(terminal: terminal)
        }
        let size = terminalSize(environment: environment)
        return .text(columns: size.columns, lines: size.lines)
    }

    /// The first of `qt`, `x11`, `wxt` that this gnuplot was built with, if any
    /// (from `print GPVAL_TERMINALS`, which gnuplot writes to its standard error).
    public static func windowedTerminal(of gnuplot: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = ["-e", "print GPVAL_TERMINALS"]
        let output = Pipe()
        process.standardError = output
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let names = Set(String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init))
        return ["qt", "x11", "wxt"].first { names.contains($0) }
    }

    /// The size of the terminal on standard error (else standard output), from
    /// TIOCGWINSZ; else `$COLUMNS` and `$LINES`; else 80 × 24.
    public static func terminalSize(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (columns: Int, lines: Int)
    {
        if let size = windowSize() { return size }
        let columns = environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let lines = environment["LINES"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        return (columns ?? 80, lines ?? 24)
    }

    /// The size of the terminal on standard error (else standard output) from
    /// TIOCGWINSZ, if either is a terminal.
    public static func windowSize() -> (columns: Int, lines: Int)? {
        for descriptor in [STDERR_FILENO, STDOUT_FILENO] {
            var size = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
                return (Int(size.ws_col), Int(size.ws_row))
            }
        }
        return nil
    }
}
