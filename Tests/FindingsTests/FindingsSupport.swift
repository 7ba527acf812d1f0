// FindingsSupport.swift — reading the committed data, and the checks every
// chapter's findings go through.

import ChapterKit
import Foundation
import Testing

/// The repository's top folder (three levels above this file).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A table committed under `figures/<chapter>/`.
func committedTable(_ chapter: String, _ fileName: String) throws -> DataTable {
    let url = repositoryRoot.appendingPathComponent("figures/\(chapter)/\(fileName)")
    return try DataTable(fileName: fileName, text: String(contentsOf: url, encoding: .utf8))
}

/// Every finding holds; every finding the chapter's source and README cite
/// exists, and holds at enough seeds or is cited as seed-dependent; every
/// number they take from `seeds.txt` is what it holds; and the committed
/// `findings.txt` says what the data give.
func checkFindings(
    _ findings: [Finding], chapter: String, folder: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    for finding in findings {
        #expect(finding.holds, "\(finding)", sourceLocation: sourceLocation)
    }
    let ids = Set(findings.map(\.id))
    #expect(ids.count == findings.count, "a finding id is used twice", sourceLocation: sourceLocation)
    #expect(findings.count >= 3, "at least three findings per chapter", sourceLocation: sourceLocation)
    let chapterFolder = repositoryRoot.appendingPathComponent("Chapters/\(folder)")
    let files = try FileManager.default.contentsOfDirectory(atPath: chapterFolder.path)
        .filter { $0.hasSuffix(".swift") || $0.hasSuffix(".md") }
    let seeds = try committedSeeds(chapter)
    let citation = /\[finding: ([a-z0-9.\-]+)(, seed-dependent)?\]/
    for file in files {
        let text = try String(contentsOf: chapterFolder.appendingPathComponent(file), encoding: .utf8)
        for match in text.matches(of: citation) {
            let id = String(match.1)
            #expect(ids.contains(id), "\(file) cites \(id), which the chapter does not compute", sourceLocation: sourceLocation)
            guard let record = seeds.records.first(where: { $0.id == id }) else { continue }
            #expect(
                record.heldCount >= seedsRequired || match.2 != nil,
                "\(file) cites \(id) plainly, but it holds at only \(record.heldCount) of \(seeds.seeds.count) seeds (seeds.txt): cite it as [finding: \(id), seed-dependent] and say in the sentence that it depends on the seed, or claim less",
                sourceLocation: sourceLocation)
        }
        checkSeedCitations(in: text, file: file, seeds: seeds, sourceLocation: sourceLocation)
    }
    checkSeeds(seeds, against: findings, chapter: chapter, sourceLocation: sourceLocation)
    checkSeedsTable(seeds, chapter: chapter, sourceLocation: sourceLocation)
    let committed = try String(
        contentsOf: repositoryRoot.appendingPathComponent("figures/\(chapter)/findings.txt"),
        encoding: .utf8)
    #expect(
        committed == findingsText(findings), "figures/\(chapter)/findings.txt is stale: run make \(chapter)",
        sourceLocation: sourceLocation)
}

/// The committed `figures/<chapter>/seeds.txt`.
func committedSeeds(_ chapter: String) throws -> SeedsFile {
    let url = repositoryRoot.appendingPathComponent("figures/\(chapter)/seeds.txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("figures/\(chapter)/seeds.txt is missing: run make seeds")
        return SeedsFile(seeds: studySeeds, records: [])
    }
    return try SeedsFile(text: text)
}

/// `seeds.txt` is current: the five seeds, every finding named once with the
/// numbers it states, and at the committed seed the same verdict and the same
/// numbers as the committed data give.
func checkSeeds(_ seeds: SeedsFile, against findings: [Finding], chapter: String, sourceLocation: SourceLocation) {
    let stale = "figures/\(chapter)/seeds.txt is stale: run make seeds"
    #expect(seeds.seeds == studySeeds, "\(stale) (its seeds are \(seeds.seeds))", sourceLocation: sourceLocation)
    #expect(seeds.records.map(\.id) == findings.map(\.id), "\(stale) (it names other findings)", sourceLocation: sourceLocation)
    let committed = seeds.seeds.firstIndex(of: ChapterOptions.defaultSeed) ?? 0
    for finding in findings {
        #expect(!finding.values.isEmpty, "\(finding.id) names none of the numbers it states", sourceLocation: sourceLocation)
        guard let record = seeds.records.first(where: { $0.id == finding.id }) else { continue }
        #expect(
            record.holds.indices.contains(committed) && record.holds[committed] == finding.holds,
            "\(stale) (\(finding.id)'s verdict at seed \(ChapterOptions.defaultSeed))", sourceLocation: sourceLocation)
        #expect(
            record.values.map(\.name) == finding.values.map(\.name), "\(stale) (\(finding.id)'s numbers)",
            sourceLocation: sourceLocation)
        for (named, recorded) in zip(finding.values, record.values) {
            #expect(
                recorded.values.indices.contains(committed) && recorded.values[committed] == seedValueText(named.value),
                "\(stale) (\(finding.id): \(named.name) is \(seedValueText(named.value)) in the committed data)",
                sourceLocation: sourceLocation)
        }
    }
}

/// The README's "How much does the seed matter?" table counts the chapter's
/// findings, those that hold at every seed and those at four, as `seeds.txt` does.
func checkSeedsTable(_ seeds: SeedsFile, chapter: String, sourceLocation: SourceLocation) {
    let readme = (try? String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    guard let row = readme.split(separator: "\n").first(where: { $0.hasPrefix("| \(chapter) | ") && $0.contains("seeds.txt") }) else {
        Issue.record("README.md's seeds table has no row for \(chapter)", sourceLocation: sourceLocation)
        return
    }
    let cells = row.split(separator: "|").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    let counts = [
        seeds.records.count, seeds.records.filter { $0.heldCount == seeds.seeds.count }.count,
        seeds.records.filter { $0.heldCount == seeds.seeds.count - 1 }.count,
    ]
    #expect(
        Array(cells.dropFirst().prefix(3)) == counts.map(Optional.some),
        "README.md's seeds table row for \(chapter) should count \(counts) (findings, at 5 of 5, at 4 of 5), as seeds.txt does",
        sourceLocation: sourceLocation)
}

/// Every number the prose takes from `seeds.txt` says what the file holds. A
/// citation follows the number it holds, with at most a few words between.
/// `[seeds: id: name]`: a range `a–b` or `a to b` is the smallest and the
/// largest of the five seeds' values of `name` in finding `id`, a single
/// number every seed's value. `[seed 3: id: name]`: the number is seed 3's.
/// Each agrees to the digits it is written with (0.16 holds 0.158666; 2 holds
/// 1.8). A line break with the comment marker and indentation after it
/// counts as one space.
func checkSeedCitations(in text: String, file: String, seeds: SeedsFile, sourceLocation: SourceLocation) {
    let prose = text.replacing(/\n[ \t]*\/\/\/?[ \t]*/, with: " ").replacing("\n", with: " ")
    let citation =
        /([+\-−]?\d+(?:\.\d+)?)(?:(?:–| to )([+\-−]?\d+(?:\.\d+)?))?(?: ?%)?(?: [a-z]+){0,4} \[(?:seeds|seed (\d+)): ([a-z0-9.\-]+): ([^\]]+)\]/
    /// The number as written, and half a unit of its last digit.
    func written(_ text: Substring) -> (value: Double, tolerance: Double) {
        let plain = text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "+", with: "")
        let decimals = plain.split(separator: ".").dropFirst().first?.count ?? 0
        return (Double(plain)!, 0.5 * pow(10, -Double(decimals)) * (1 + 1e-6))
    }
    let matches = prose.matches(of: citation)
    #expect(
        matches.count == prose.matches(of: /\[(?:seeds|seed \d+):/).count,
        "\(file) has a [seeds: …] citation that follows no number", sourceLocation: sourceLocation)
    for match in matches {
        let (id, name) = (String(match.4), String(match.5))
        let seed = match.3.flatMap { UInt64($0) }
        let cited = "\(file) cites [\(seed.map { "seed \($0)" } ?? "seeds"): \(id): \(name)]"
        guard let record = seeds.records.first(where: { $0.id == id }) else {
            Issue.record("\(cited), but seeds.txt has no finding \(id)", sourceLocation: sourceLocation)
            continue
        }
        guard let named = record.values.first(where: { $0.name == name }) else {
            Issue.record(
                "\(cited), but \(id) states no number \(name) (it states: \(record.values.map(\.name).joined(separator: ", ")))",
                sourceLocation: sourceLocation)
            continue
        }
        var texts = named.values
        if let seed {
            guard let column = seeds.seeds.firstIndex(of: seed) else {
                Issue.record("\(cited), but seeds.txt has no seed \(seed)", sourceLocation: sourceLocation)
                continue
            }
            texts = [texts[column]]
        }
        let values = texts.compactMap(Double.init).filter { !$0.isNaN }
        guard let low = values.min(), let high = values.max() else {
            Issue.record("\(cited), but it is nan there", sourceLocation: sourceLocation)
            continue
        }
        let first = written(match.1)
        let last = match.2.map(written) ?? first
        #expect(
            abs(first.value - low) <= first.tolerance && abs(last.value - high) <= last.tolerance,
            "\(cited) as \(match.2.map { "\(match.1) to \($0)" } ?? String(match.1)), but seeds.txt gives \(low == high ? seedValueText(low) : "\(seedValueText(low)) to \(seedValueText(high))")",
            sourceLocation: sourceLocation)
    }
}
