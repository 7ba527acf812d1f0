// SeedCollectionTests.swift — `make seeds`' last step, run as the script runs
// it: a chapter reads five runs back and writes seeds.txt and its band
// figure, or says which run is missing and writes nothing.

import ChapterKit
import Foundation
import Testing

@Suite("Seed collection")
struct SeedCollectionTests {
    @Test(
        "weight-decay --collect-seeds writes seeds.txt naming every finding and the band, the same bytes twice",
        .enabled(if: ChapterRunner.mnistAvailable))
    func collects() throws {
        let runs = try ChapterRunner.temporaryDirectory()
        let (run, _, quick) = try ChapterRunner.quickRun("weight-decay")
        try #require(run.status == 0, "\(run.errors)")
        for seed in studySeeds {
            try FileManager.default.createSymbolicLink(atPath: runs + "/seed-\(seed)", withDestinationPath: quick)
        }
        let outputs = try (0..<2).map { _ in try ChapterRunner.temporaryDirectory("collected") }
        for output in outputs {
            let collected = try ChapterRunner.run("weight-decay", ["--collect-seeds", runs, "--output", output, "--plot", "none"])
            #expect(collected.status == 0, "\(collected.errors)")
            #expect(collected.output.contains("findings hold at every seed"))
        }
        let text = ChapterRunner.contents(outputs[0] + "/seeds.txt")
        let file = try SeedsFile(text: text)
        let findings = ChapterRunner.contents(runs + "/seed-1/findings.txt").split(separator: "\n").map {
            String($0.split(separator: "\t")[0])
        }
        #expect(file.seeds == studySeeds && file.records.map(\.id) == findings)
        #expect(file.records.allSatisfy { !$0.values.isEmpty })
        #expect(text == ChapterRunner.contents(outputs[1] + "/seeds.txt"))
        #expect(!ChapterRunner.contents(outputs[0] + "/seeds.dat").isEmpty && !ChapterRunner.contents(outputs[0] + "/seeds.gp").isEmpty)
    }

    @Test("A missing run is named, the exit status is 1, and nothing is written")
    func missingRun() throws {
        let runs = try ChapterRunner.temporaryDirectory()
        let output = try ChapterRunner.temporaryDirectory("collected") + "/out"
        let collected = try ChapterRunner.run("weight-decay", ["--collect-seeds", runs, "--output", output, "--plot", "none"])
        #expect(collected.status == 1)
        #expect(collected.errors.contains("seed-1") && collected.errors.contains("make seeds"), "\(collected.errors)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("A run without one of its data files is named, and nothing is written")
    func incompleteRun() throws {
        let runs = try ChapterRunner.temporaryDirectory()
        for seed in studySeeds {
            try FileManager.default.createDirectory(atPath: runs + "/seed-\(seed)", withIntermediateDirectories: true)
        }
        let output = try ChapterRunner.temporaryDirectory("collected") + "/out"
        let collected = try ChapterRunner.run("weight-decay", ["--collect-seeds", runs, "--output", output, "--plot", "none"])
        #expect(collected.status == 1)
        #expect(collected.errors.contains("weight-decay.dat"), "\(collected.errors)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
