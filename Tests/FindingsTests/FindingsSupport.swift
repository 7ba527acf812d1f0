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
    let citation = /\[finding: ([a-z0-9.\-]+)\]/
    for file in files {
        let text = try String(contentsOf: chapterFolder.appendingPathComponent(file), encoding: .utf8)
        for match in text.matches(of: citation) {
            #expect(
                ids.contains(String(match.1)), "\(file) cites \(match.1), which the chapter does not compute",
                sourceLocation: sourceLocation)
        }
    }
    let committed = try String(
        contentsOf: repositoryRoot.appendingPathComponent("figures/\(chapter)/findings.txt"),
        encoding: .utf8)
    #expect(
        committed == findingsText(findings), "figures/\(chapter)/findings.txt is stale: run make \(chapter)",
        sourceLocation: sourceLocation)
}
