// SeedCollection.swift — `make seeds`' last step for one chapter: its runs at
// the five seeds read back, every finding computed at each, `seeds.txt` and
// the seed-band figure written.

import BookCore
import Foundation

extension DataTable {
    /// The table `fileName` in `folder`, as a chapter wrote it.
    ///
    /// - Throws: `DataError` if the file cannot be read, `DataTableError` if
    ///   it is not a table.
    public init(reading fileName: String, in folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DataError(
                path: path, problem: "cannot read this data file",
                remedy: "Run the chapter (or make seeds) so that it writes its data there.")
        }
        try self.init(fileName: fileName, text: text)
    }
}

extension ChapterOptions {
    /// Reads the chapter's runs at `studySeeds` from `folder/seed-<n>/`
    /// (scripts/seeds.sh trains them), computes the findings at each seed,
    /// writes `seeds.txt` and the band figure into `figures/<chapter>` (or
    /// `--output`), prints which findings hold at fewer than `seedsRequired`
    /// seeds, and exits: 0 when written, 1 on a missing or unreadable run.
    ///
    /// - Parameters:
    ///   - folder: The folder `--collect-seeds` names.
    ///   - chapter: The chapter's name, e.g. `"weight-decay"`.
    ///   - load: The chapter's tables from one run's folder.
    ///   - findings: The chapter's findings from its tables.
    ///   - band: The seed-band figure's tables and figures, from every seed's
    ///     tables (in `studySeeds` order); none for a chapter without one.
    public func collectSeeds<Tables>(
        from folder: String, chapter: String,
        load: (_ folder: String) throws -> Tables,
        findings: (Tables) -> [Finding],
        band: (_ runs: [Tables], _ seeds: [UInt64]) -> (tables: [DataTable], figures: [Figure])
    ) -> Never {
        let runs = exitOnError {
            try studySeeds.map { seed in
                let run = (folder as NSString).appendingPathComponent("seed-\(seed)")
                guard FileManager.default.fileExists(atPath: run) else {
                    throw DataError(
                        path: run, problem: "the run at seed \(seed) is not there",
                        remedy: "make seeds trains the chapter at every seed first (scripts/seeds.sh).")
                }
                return try load(run)
            }
        }
        let records = seedRecords(runs.map(findings))
        let weak = records.filter { $0.heldCount < seedsRequired }
        print(
            "Seeds \(studySeeds.map(String.init).joined(separator: ", ")): \(records.filter { $0.heldCount == studySeeds.count }.count) of \(records.count) findings hold at every seed, \(weak.count) at fewer than \(seedsRequired)"
                + (weak.isEmpty ? "." : ":"))
        for record in weak { print("  \(record.id): \(record.heldCount) of \(studySeeds.count)") }
        let writer = exitOnError { try FigureWriter(directory: output ?? "figures/\(chapter)") }
        let (tables, figures) = band(runs, studySeeds)
        exitOnError {
            let path = try writer.writeText(seedsText(chapter: chapter, seeds: studySeeds, records: records), as: "seeds.txt")
            print("Wrote \(path)")
            for table in tables { try writer.write(table) }
            try show(figures, with: writer)
        }
        Foundation.exit(0)
    }
}

/// A seed-band table: for each curve, its value at every seed and the
/// smallest, median and largest of them at each x (NaN seeds left out), so a
/// figure can draw the band with the median, or every seed as a thin line.
///
/// Columns: `x`, then per curve `<name> min`, `<name> median`,
/// `<name> max`, `<name> seed <n>` for each seed.
///
/// - Parameters:
///   - curves: Per curve, its name and its values per seed (each as long as `x`).
public func seedBandTable(
    _ fileName: String, _ description: String, x: (name: String, values: [Double]),
    curves: [(name: String, perSeed: [[Double]])], seeds: [UInt64] = studySeeds
) -> DataTable {
    var columns: [(String, [Double])] = [x]
    for curve in curves {
        precondition(
            curve.perSeed.count == seeds.count,
            "seedBandTable \(fileName): \(curve.name) has \(curve.perSeed.count) seeds' values for \(seeds.count) seeds")
        for values in curve.perSeed {
            precondition(
                values.count == x.values.count,
                "seedBandTable \(fileName): \(curve.name) has \(values.count) values for \(x.values.count) x values")
        }
        let stats = x.values.indices.map { i -> [Double] in
            let finite = curve.perSeed.map { $0[i] }.filter { !$0.isNaN }.sorted()
            guard !finite.isEmpty else { return [.nan, .nan, .nan] }
            let n = finite.count
            return [finite[0], n % 2 == 1 ? finite[n / 2] : (finite[n / 2 - 1] + finite[n / 2]) / 2, finite[n - 1]]
        }
        columns.append(("\(curve.name) min", stats.map { $0[0] }))
        columns.append(("\(curve.name) median", stats.map { $0[1] }))
        columns.append(("\(curve.name) max", stats.map { $0[2] }))
        for (seed, values) in zip(seeds, curve.perSeed) { columns.append(("\(curve.name) seed \(seed)", values)) }
    }
    return DataTable(fileName, description, columns: columns)
}

/// The two series that draw one curve of a seed-band table: its band from
/// the lowest seed to the highest (`<curve> min` to `<curve> max`), then
/// its median as a line in the same colour.
///
/// - Parameters:
///   - bandTitle: The band's legend entry ("" for none).
///   - medianTitle: The median's legend entry.
public func seedBandSeries(
    _ table: DataTable, x: String, curve: String, bandTitle: String, medianTitle: String, color: String?,
    style: Series.Style = .lines, dashed: Bool = false
) -> [Series] {
    [
        Series(table, x: x, low: "\(curve) min", high: "\(curve) max", title: bandTitle, color: color),
        Series(table, x: x, y: "\(curve) median", title: medianTitle, style: style, dashed: dashed, color: color),
    ]
}

/// Training and test accuracy per epoch at every seed, for one run of
/// `seedBandTable`'s `train <run>` and `test <run>` curves: each as its band
/// and its median, the key at the bottom right.
public func accuracyBandPanel(_ table: DataTable, run: String, title: String, epochs: Double, seedCount: Int) -> Panel {
    let sets = [("train", "#1f77b4"), ("test", "#ff7f0e")]
    var panel = Panel(
        title: title, xLabel: "epochs", yLabel: "accuracy", xRange: 0...epochs, yRange: 0...1,
        series: sets.flatMap { (set: String, color: String) -> [Series] in
            seedBandSeries(
                table, x: "epoch", curve: "\(set) \(run)", bandTitle: "\(set): \(seedCount) seeds, lowest to highest",
                medianTitle: "\(set): median", color: color)
        })
    panel.legend = .at("bottom right")
    return panel
}
