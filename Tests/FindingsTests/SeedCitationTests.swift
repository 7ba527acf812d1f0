// SeedCitationTests.swift — the check that holds the prose's seed ranges to
// seeds.txt catches a wrong number, a wrong name and a citation after no number.

import ChapterKit
import Testing

@Suite("Seed citations")
struct SeedCitationTests {
    /// One finding with one number at five seeds: 0.158666 to 0.282371.
    let seeds = SeedsFile(
        seeds: [1, 2, 3, 4, 5],
        records: [
            SeedRecord(
                id: "demo.he", holds: [true, true, true, true, true],
                values: [SeedValues(name: "He end", values: ["0.282371", "0.158666", "0.210581", "0.240416", "nan"])])
        ])

    @Test("A range written to its digits, across lines of a comment (indented or not), and one seed's value pass")
    func agreeing() {
        checkSeedCitations(
            in: "// He ends at 0.16–0.28\n// [seeds: demo.he: He end]; at seed 3, 0.211\n//    [seed 3: demo.he: He end]",
            file: "demo.swift", seeds: seeds, sourceLocation: #_sourceLocation)
        checkSeedCitations(
            in: "from 0.16 to 0.28 across seeds [seeds: demo.he: He end]", file: "demo.md", seeds: seeds,
            sourceLocation: #_sourceLocation)
    }

    @Test("A wrong bound, a single number for a spread, a wrong name and a citation after no number each fail")
    func disagreeing() {
        for prose in [
            "0.15–0.28 [seeds: demo.he: He end]", "0.2 [seeds: demo.he: He end]", "0.16–0.28 [seeds: demo.he: Xavier end]",
            "0.16–0.28 [seeds: demo.xavier: He end]", "see [seeds: demo.he: He end]", "0.24 [seed 3: demo.he: He end]",
            "0.21 [seed 9: demo.he: He end]",
        ] {
            withKnownIssue("\(prose) should fail") {
                checkSeedCitations(in: prose, file: "demo.md", seeds: seeds, sourceLocation: #_sourceLocation)
            }
        }
    }
}
