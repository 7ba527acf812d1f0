// Seeds.swift — every finding at five seeds: what `make seeds` collects from
// a chapter's runs, and the `seeds.txt` it writes beside the figures.
//
// A finding that holds at one seed may be the draw. `make seeds` runs every
// chapter at its full budget at each of `studySeeds` (scripts/seeds.sh), then
// runs the chapter once more with `--collect-seeds`: it reads the five runs'
// tables back, computes its findings from each, and writes for every finding
// at how many seeds it holds and every number it states at every seed. The
// findings tests read the file: a cited finding must hold at `seedsRequired`
// of the five, or be cited as seed-dependent.

import Foundation

/// The seeds of `make seeds`: the committed figures' own (1) and four others.
public let studySeeds: [UInt64] = [1, 2, 3, 4, 5]

/// At how many of the five seeds a finding must hold for the prose to cite it
/// plainly, as `[finding: id]`; below that it is cited
/// `[finding: id, seed-dependent]` and its sentence says so.
public let seedsRequired = 4

/// One finding across seeds: whether it held at each, and each number it states.
public struct SeedRecord: Sendable, Equatable {
    /// The finding's id.
    public var id: String
    /// Whether it held, per seed.
    public var holds: [Bool]
    /// Its named numbers, each with its value per seed.
    public var values: [SeedValues]

    /// At how many seeds it held.
    public var heldCount: Int { holds.filter { $0 }.count }

    /// A record.
    public init(id: String, holds: [Bool], values: [SeedValues]) {
        self.id = id
        self.holds = holds
        self.values = values
    }
}

/// One named number of a finding, at each seed.
public struct SeedValues: Sendable, Equatable {
    /// The number's name within its finding.
    public var name: String
    /// Its value per seed, as `seeds.txt` writes it (`%.6g`, `nan`).
    public var values: [String]

    /// A named number across seeds.
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

/// A number as `seeds.txt` writes it: six significant digits, `nan` for no number.
public func seedValueText(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return String(format: "%.6g", value)
}

/// The findings of one run per seed, gathered by finding. Ids and value
/// names come from the first seed's list (the code is the same at every seed);
/// a finding or a value another seed lacks counts as failed, or `nan`.
public func seedRecords(_ findingsPerSeed: [[Finding]]) -> [SeedRecord] {
    guard let first = findingsPerSeed.first else { return [] }
    return first.map { finding in
        let perSeed = findingsPerSeed.map { findings in findings.first { $0.id == finding.id } }
        let values = finding.values.map { named in
            SeedValues(
                name: named.name,
                values: perSeed.map { found in
                    seedValueText(found?.values.first { $0.name == named.name }?.value ?? .nan)
                })
        }
        return SeedRecord(id: finding.id, holds: perSeed.map { $0?.holds ?? false }, values: values)
    }
}

/// The smallest, the median and the largest of `texts`' numbers (NaN left out), as text.
func spread(_ texts: [String]) -> [String] {
    let numbers = texts.compactMap { Double($0) }.filter { !$0.isNaN }.sorted()
    guard !numbers.isEmpty else { return ["nan", "nan", "nan"] }
    let count = numbers.count
    let median = count % 2 == 1 ? numbers[count / 2] : (numbers[count / 2 - 1] + numbers[count / 2]) / 2
    return [numbers[0], median, numbers[count - 1]].map(seedValueText)
}

/// The text of `seeds.txt`: a header, then per finding one line (its id, at
/// how many seeds it holds, `holds` or `fails` per seed), then one line per
/// number it states (`id: name`, the value per seed, min, median, max), all
/// separated by tabs.
public func seedsText(chapter: String, seeds: [UInt64], records: [SeedRecord]) -> String {
    let seedColumns = seeds.map { "seed \($0)" }
    var lines = [
        "# \(chapter): every finding at seeds \(seeds.map(String.init).joined(separator: ", ")), each run at the chapter's full budget (make seeds); seed \(seeds[0]) is the committed figures'.",
        "# A finding's line: its id, at how many seeds it holds, then holds or fails per seed. Below it, each number its statement states: the value per seed, then min, median, max.",
        (["finding", "held"] + seedColumns + ["min", "median", "max"]).joined(separator: "\t"),
    ]
    for record in records {
        lines.append(
            ([record.id, "\(record.heldCount) of \(seeds.count)"] + record.holds.map { $0 ? "holds" : "fails" }).joined(separator: "\t"))
        for named in record.values {
            lines.append((["\(record.id): \(named.name)", ""] + named.values + spread(named.values)).joined(separator: "\t"))
        }
    }
    return lines.joined(separator: "\n") + "\n"
}

/// `seeds.txt` read back: its seeds and its records.
public struct SeedsFile: Sendable, Equatable {
    /// The seeds, in column order.
    public var seeds: [UInt64]
    /// One record per finding, in the file's order.
    public var records: [SeedRecord]

    /// A file's contents.
    public init(seeds: [UInt64], records: [SeedRecord]) {
        self.seeds = seeds
        self.records = records
    }

    /// Reads the text `seedsText` wrote.
    ///
    /// - Throws: `DataTableError` naming the line that is not what `seedsText` writes.
    public init(text: String, fileName: String = "seeds.txt") throws {
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        guard let header = lines.first?.components(separatedBy: "\t"), header.count >= 6, header[0] == "finding" else {
            throw DataTableError(fileName: fileName, problem: "the column line (finding, held, seed …) is missing")
        }
        seeds = header.dropFirst(2).dropLast(3).compactMap { UInt64($0.replacingOccurrences(of: "seed ", with: "")) }
        records = []
        for (number, line) in lines.dropFirst().enumerated() {
            let fields = line.components(separatedBy: "\t")
            guard fields.count >= 2, fields.count == seeds.count + (fields[1].isEmpty ? 5 : 2) else {
                throw DataTableError(fileName: fileName, problem: "line \(number + 4) does not have one field per column")
            }
            if fields[1].isEmpty {
                let prefix = (records.last?.id ?? "") + ": "
                guard let last = records.indices.last, fields[0].hasPrefix(prefix) else {
                    throw DataTableError(fileName: fileName, problem: "line \(number + 4) is a value of no finding above it")
                }
                records[last].values.append(
                    SeedValues(name: String(fields[0].dropFirst(prefix.count)), values: Array(fields[2..<(2 + seeds.count)])))
            } else {
                records.append(SeedRecord(id: fields[0], holds: fields.dropFirst(2).map { $0 == "holds" }, values: []))
            }
        }
    }
}
