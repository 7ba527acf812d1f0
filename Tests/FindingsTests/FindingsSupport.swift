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
/// exists; and the committed `findings.txt` says what the data give.
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
    }
    checkSeeds(seeds, against: findings, chapter: chapter, sourceLocation: sourceLocation)
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
