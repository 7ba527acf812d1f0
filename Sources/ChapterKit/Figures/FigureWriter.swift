// FigureWriter.swift — writing data and scripts to a folder, and rendering them.

import BookCore
import Foundation

/// Writes a chapter's figures under one folder and renders them with gnuplot.
///
/// A figure is a data file (`.dat`) plus a gnuplot script (`.gp`). The script
/// can be rerun by hand to restyle a figure without training again. If
/// gnuplot is not installed, the files are still written and the chapter says
/// how to render them later.
///
/// Nothing is written in place: every file goes to a temporary name in the
/// folder and is renamed over its final name once whole (and, for pictures,
/// checked), so a failed or interrupted run leaves the previous files as they
/// were, and a symlink at a final name is replaced, never written through.
public struct FigureWriter: Sendable {
    /// The folder, e.g. `figures/optimizers`.
    public let directory: String

    /// A writer for `directory`.
    ///
    /// Chapters make their writer before training, so this checks at once that
    /// the folder can be written — but creates nothing: the folder appears at
    /// the first write, so a run that fails before it has data leaves no trace.
    ///
    /// - Throws: `DataError` if the folder, or the nearest part of its path
    ///   that exists, is not a writable folder.
    public init(directory: String) throws {
        self.directory = directory
        try FigureWriter.checkWritable(directory)
    }

    /// Checks that `directory` exists and is writable, or could be created:
    /// the nearest existing part of its path must be a folder this process can
    /// create files in (tried with a temporary file, removed at once).
    static func checkWritable(_ directory: String) throws {
        let remedy = "Choose another folder with --output."
        var existing = directory.isEmpty ? "." : directory
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder) {
            let parent = (existing as NSString).deletingLastPathComponent
            existing = parent.isEmpty ? "." : parent
        }
        guard isFolder.boolValue else {
            let what = existing == directory ? "it is a file, not a folder" : "\(existing) is a file, not a folder"
            throw DataError(path: directory, problem: "cannot write the figures there: \(what)", remedy: remedy)
        }
        do {
            let (probe, descriptor) = try TemporaryFiles.create(beside: (existing as NSString).appendingPathComponent("write-test"))
            close(descriptor)
            TemporaryFiles.remove(probe)
        } catch {
            throw DataError(
                path: directory,
                problem: "cannot write the figures there: \(existing) does not let this user create files (read-only, or no permission)",
                remedy: remedy)
        }
    }

    /// Creates the folder (and its parents) if it is not there yet.
    func createDirectory() throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DataError(
                path: directory, problem: "cannot create the figures folder",
                remedy: "Check that its parent is a writable folder, or choose another with --output.")
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

    /// Writes text to a file in the folder, atomically: through a temporary
    /// file renamed over the name, which replaces a symlink there rather than
    /// following it. On a full disk the previous file stays.
    ///
    /// - Throws: `DataError` naming the file, what went wrong and what to do.
    @discardableResult
    public func writeText(_ text: String, as fileName: String) throws -> String {
        try createDirectory()
        let target = path(fileName)
        try writeFileAtomically(Array(text.utf8), to: target, otherFolder: "choose another with --output")
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
        "Install gnuplot (Debian/Ubuntu: sudo apt-get install gnuplot-nox; macOS: brew install gnuplot), then run `make render` to draw every figure from its data without training again."

    /// Renders figures: PNG and SVG files, or drawings in the terminal.
    ///
    /// Each figure's script writes its PNG and SVG to temporary names in the
    /// folder (passed as `gnuplot -c <name>.gp files <png> <svg>`); only when
    /// gnuplot exited cleanly and both files are whole pictures — a PNG from
    /// its signature to its `IEND` chunk, an SVG from `<?xml` or `<svg` to
    /// `</svg>` — are they renamed over `<name>.png` and `<name>.svg`. A figure
    /// that fails keeps its previous pictures; the others are still drawn.
    ///
    /// - Parameters:
    ///   - figures: The figures whose scripts were written.
    ///   - inTerminal: Draw on standard output with gnuplot's text terminal instead of writing files.
    ///   - gnuplot: The gnuplot to run (default: the one on the `PATH`).
    /// - Returns: `false` if gnuplot is missing (a note says what to do), `true` when every figure was drawn.
    /// - Throws: `DataError` listing the figures that failed to render.
    @discardableResult
    public func render(
        _ figures: [Figure], inTerminal: Bool = false,
        gnuplot: String? = FigureWriter.gnuplotPath
    ) throws -> Bool {
        guard let gnuplot else {
            printError(
                "note: gnuplot is not installed, so the figures were not drawn. The data and scripts are in \(directory).\n  \(FigureWriter.installHint)"
            )
            return false
        }
        var failures: [String] = []
        for figure in figures {
            let script = path(figure.name + ".gp")
            if inTerminal {
                if let problem = run(gnuplot, ["-c", script, "terminal"]) {
                    printError("warning: gnuplot could not draw \(script) in the terminal (\(problem)).")
                }
                continue
            }
            if let problem = renderFiles(figure, gnuplot: gnuplot) {
                failures.append("\(figure.name): \(problem)")
            }
        }
        guard failures.isEmpty else {
            throw DataError(
                path: directory,
                problem:
                    "gnuplot failed to draw \(failures.count) figure\(failures.count == 1 ? "" : "s"), whose previous PNG and SVG are kept:\n    "
                    + failures.joined(separator: "\n    "),
                remedy:
                    "Fix the cause (a full disk, say), then run `make render` (or gnuplot on each .gp file) to draw them from the data without training again."
            )
        }
        return true
    }

    /// Renders one figure to temporary files, checks them, and renames them into place.
    ///
    /// - Returns: `nil` on success, else what went wrong.
    func renderFiles(_ figure: Figure, gnuplot: String) -> String? {
        let finals = [path(figure.name + ".png"), path(figure.name + ".svg")]
        var temporaries: [String] = []
        defer { temporaries.forEach(TemporaryFiles.remove) }
        do {
            for final in finals {
                let (temporary, descriptor) = try TemporaryFiles.create(beside: final)
                close(descriptor)
                temporaries.append(temporary)
            }
        } catch let error as DataError {
            return error.problem
        } catch {
            return "\(error)"
        }
        // The script changes into its own folder, so the names are passed without it.
        let names = temporaries.map { ($0 as NSString).lastPathComponent }
        if let problem = run(gnuplot, ["-c", path(figure.name + ".gp"), "files"] + names) {
            return problem
        }
        if let problem = FigureWriter.checkPNG(temporaries[0]) { return problem }
        if let problem = FigureWriter.checkSVG(temporaries[1]) { return problem }
        for (temporary, final) in zip(temporaries, finals) {
            do {
                try TemporaryFiles.commit(temporary, to: final)
            } catch let error as DataError {
                return error.problem
            } catch {
                return "\(error)"
            }
        }
        temporaries = []
        return nil
    }

    /// Runs gnuplot and waits for it.
    ///
    /// - Returns: `nil` if it exited with status 0, else what happened.
    func run(_ gnuplot: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = arguments
        do {
            _ = try startingChild {
                try process.run()
                return process.processIdentifier
            }
        } catch {
            return "could not start \(gnuplot): \(error.localizedDescription)"
        }
        process.waitUntilExit()
        runningChild = 0
        if process.terminationReason == .uncaughtSignal {
            return "gnuplot was killed by signal \(process.terminationStatus)"
        }
        if process.terminationStatus != 0 {
            return "gnuplot exited with status \(process.terminationStatus)"
        }
        return nil
    }

    /// `nil` if the file is a whole PNG: the 8-byte signature, then chunks up to `IEND`.
    static func checkPNG(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            return "gnuplot wrote no PNG (is the disk full?)"
        }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let end: [UInt8] = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]  // "IEND" and its CRC
        guard data.starts(with: signature) else { return "gnuplot's PNG does not start like a PNG" }
        guard data.count >= 20 && Array(data.suffix(8)) == end else {
            return "gnuplot's PNG is cut short (\(data.count) bytes; is the disk full?)"
        }
        return nil
    }

    /// `nil` if the file is a whole SVG: text from `<?xml` or `<svg` to `</svg>`.
    static func checkSVG(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            return "gnuplot wrote no SVG (is the disk full?)"
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("<?xml") || text.hasPrefix("<svg") else { return "gnuplot's SVG does not start like an SVG" }
        guard text.hasSuffix("</svg>") else {
            return "gnuplot's SVG is cut short (\(data.count) bytes; is the disk full?)"
        }
        return nil
    }
}
