// FigureWriter.swift — writing data and scripts to a folder, and rendering them.

import BookCore
import Foundation

/// Writes a chapter's figures under one folder and renders them with gnuplot.
///
/// A figure is a data file (`.dat`) plus a gnuplot script (`.gp`). The script
/// can be rerun by hand to restyle a figure without training again. If
/// gnuplot is not installed, the files are still written and the chapter says
/// how to render them later.
public struct FigureWriter: Sendable {
    /// The folder, e.g. `figures/optimizers`.
    public let directory: String

    /// A writer for `directory`, which is created if needed.
    ///
    /// - Throws: `DataError` if the folder cannot be created.
    public init(directory: String) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DataError(path: directory, problem: "cannot create the figures folder (\(error.localizedDescription))",
                            remedy: "Choose another folder with --output.")
        }
    }

    /// The path of a file in the folder.
    public func path(_ fileName: String) -> String {
        (directory as NSString).appendingPathComponent(fileName)
    }

    /// Writes `table` as its `fileName` (atomically: a reader never sees half a file).
    @discardableResult
    public func write(_ table: DataTable) throws -> String {
        try writeText(table.text, as: table.fileName)
    }

    /// Writes a figure's gnuplot script as `<name>.gp`.
    @discardableResult
    public func write(_ figure: Figure) throws -> String {
        try writeText(figure.gnuplotScript, as: figure.name + ".gp")
    }

    /// Writes text to a file in the folder, atomically.
    @discardableResult
    public func writeText(_ text: String, as fileName: String) throws -> String {
        let target = path(fileName)
        do {
            try text.write(toFile: target, atomically: true, encoding: .utf8)
        } catch {
            throw DataError(path: target, problem: "cannot write the file (\(error.localizedDescription))",
                            remedy: "Check that the folder is writable, or choose another with --output.")
        }
        return target
    }

    /// The gnuplot executable on the `PATH`, if there is one.
    public static var gnuplotPath: String? {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin"
        for folder in searchPath.split(separator: ":") {
            let candidate = "\(folder)/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// How to get gnuplot, for messages.
    public static let installHint =
        "Install gnuplot (Debian/Ubuntu: sudo apt-get install gnuplot-nox; macOS: brew install gnuplot), then run `make figures`."

    /// Renders figures: PNG and SVG files, or drawings in the terminal.
    ///
    /// - Parameters:
    ///   - figures: The figures whose scripts were written.
    ///   - inTerminal: Draw on standard output with gnuplot's text terminal instead of writing files.
    /// - Returns: `false` if gnuplot is missing or failed (a message says what to do).
    @discardableResult
    public func render(_ figures: [Figure], inTerminal: Bool = false) -> Bool {
        guard let gnuplot = FigureWriter.gnuplotPath else {
            printError("note: gnuplot is not installed, so the figures were not drawn. The data and scripts are in \(directory).\n  \(FigureWriter.installHint)")
            return false
        }
        var allRendered = true
        for figure in figures {
            let script = path(figure.name + ".gp")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: gnuplot)
            process.arguments = inTerminal ? ["-c", script, "terminal"] : [script]
            do {
                try process.run()
                process.waitUntilExit()
            } catch {
                printError("warning: could not run gnuplot on \(script): \(error.localizedDescription)")
                allRendered = false
                continue
            }
            if process.terminationStatus != 0 {
                printError("warning: gnuplot failed on \(script) (exit \(process.terminationStatus)); the data files are intact.")
                allRendered = false
            }
        }
        return allRendered
    }
}
