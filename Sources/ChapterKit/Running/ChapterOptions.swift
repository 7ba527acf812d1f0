// ChapterOptions.swift — the flags every chapter shares.

import ArgumentParser
import BookCore
import Foundation

/// How a chapter shows its figures after writing them.
public enum PlotMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Write PNG and SVG files beside the data (the default).
    case files
    /// Also draw every figure in the terminal with gnuplot's text terminal (handy over SSH).
    case terminal
    /// Write data and scripts only; render nothing.
    case none
    /// Also redraw the headline curves while they are computed (a window, or
    /// the terminal), then write the files as `files` does.
    case live
}

/// The flags every chapter takes: `--seed`, `--data-dir`, `--output`, `--quick`, `--plot`, `--collect-seeds`.
///
/// A chapter includes them with `@OptionGroup var common: ChapterOptions` and
/// adds its own.
public struct ChapterOptions: ParsableArguments, Sendable {
    /// Seed of every random draw (weights, batches, dropout masks).
    @Option(help: "Seed of every random draw; the same seed gives the same numbers and files.")
    public var seed: UInt64 = ChapterOptions.defaultSeed

    /// The seed of the committed figures.
    public static let defaultSeed: UInt64 = 1

    /// The folder with the four MNIST files.
    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp(
            "Folder with the four MNIST files (default: $MNIST_DIR, else a cache folder, downloading on first use).",
            valueName: "folder"))
    public var dataDirectory: String?

    /// Where figures are written (each chapter has its default).
    @Option(
        help: ArgumentHelp(
            "Folder for the figure data, scripts and images (default: figures/<chapter>; experiments/<chapter> when a setting differs from the chapter's).",
            valueName: "folder"))
    public var output: String?

    /// A tiny budget, for tests: same code path, seconds instead of minutes.
    @Flag(help: "Run a tiny budget (for tests): same code path, a fraction of the work.")
    public var quick = false

    /// How figures are shown.
    @Option(help: "files (PNG and SVG), terminal (also drawn in the terminal), none, or live (files, and curves drawn as computed).")
    public var plot: PlotMode = .files

    /// `make seeds`' last step: the folder holding the chapter's runs at the
    /// five seeds (`seed-1/` …), from which it writes `seeds.txt` and the
    /// seed-band figure, training nothing (see `collectSeeds`).
    @Option(
        name: .customLong("collect-seeds"),
        help: ArgumentHelp(
            "make seeds' last step: read the runs at seeds 1-5 from <folder>/seed-N, write seeds.txt and the seed-band figure, train nothing.",
            valueName: "folder"))
    public var collectSeedsFolder: String?

    /// Empty options, filled in by the parser.
    public init() {}

    /// Runs while the flags are parsed, before any product: makes sure BLAS
    /// uses the best kernel this CPU supports (``BLAS/useBestKernel()``), on
    /// one thread per product (the chapters run independent networks side by
    /// side instead; see `trainSideBySide`), so that its idle threads do not
    /// compete with the loading of the data.
    public func validate() throws {
        BLAS.useBestKernel()
        BLAS.setThreads(1)
    }

    /// Where a run's files go, so that an experiment never overwrites the
    /// committed figures: `--output` if given; else `figures/<chapter>` for
    /// the chapter's own run; else `experiments/<chapter>` (which git
    /// ignores), saying so in one line.
    ///
    /// - Parameters:
    ///   - chapter: The chapter's name, e.g. `"optimizers"`.
    ///   - settingsChanged: Whether any of the chapter's own settings differs
    ///     from its defaults; another `--seed` or `--quick` counts as changed too.
    public func outputDirectory(chapter: String, settingsChanged: Bool) -> String {
        if let output { return output }
        let committed = "figures/\(chapter)"
        guard settingsChanged || seed != Self.defaultSeed || quick else { return committed }
        let folder = "experiments/\(chapter)"
        print("Settings differ from the chapter's own: files go to \(folder) (\(committed) keeps the committed figures).")
        return folder
    }

    /// Writes the figures' scripts, then renders them as `--plot` asks; with
    /// no figures, does and prints nothing.
    ///
    /// - Throws: `DataError` if a script cannot be written or a figure fails
    ///   to render (its previous PNG and SVG are kept); a missing gnuplot is
    ///   only a note.
    public func show(_ figures: [Figure], with writer: FigureWriter) throws {
        guard !figures.isEmpty else { return }
        for figure in figures { try writer.write(figure) }
        switch plot {
        case .none:
            print("Figures: data and scripts in \(writer.directory) (not rendered: --plot none).")
        case .files, .terminal, .live:
            if try writer.render(figures) {
                print("Figures: \(figures.map { "\(writer.directory)/\($0.name).png" }.joined(separator: ", "))")
            }
            if plot == .terminal { _ = try? writer.render(figures, inTerminal: true) }
        }
    }
}

/// The largest count a chapter flag accepts unless it says otherwise:
/// 100 000 iterations, epochs or trials — fifty times the book's largest
/// budget, hours of training, and far from where counts would overflow or
/// fill the memory.
public let defaultCountLimit = 100_000

/// Checks a count given on the command line.
///
/// - Throws: `ValidationError` naming the flag when `value` is below `minimum`
///   or above `maximum`.
public func validatePositive(
    _ value: Int, flag: String, minimum: Int = 1,
    maximum: Int = defaultCountLimit
) throws {
    guard value >= minimum else {
        throw ValidationError("\(flag) must be at least \(minimum), got \(value).")
    }
    guard value <= maximum else {
        throw ValidationError("\(flag) must be at most \(maximum), got \(value); the book's budgets are far smaller.")
    }
}
