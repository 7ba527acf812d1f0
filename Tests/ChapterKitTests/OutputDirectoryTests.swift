// OutputDirectoryTests.swift — an experiment never writes over the committed figures.

import ChapterKit
import Testing

@Suite("ChapterOptions.outputDirectory")
struct OutputDirectoryTests {
    @Test("the chapter's own run writes figures/<chapter>")
    func ownRun() throws {
        let options = try ChapterOptions.parse([])
        #expect(options.outputDirectory(chapter: "optimizers", settingsChanged: false) == "figures/optimizers")
        // The data folder and the plot mode are not experiment settings.
        let elsewhere = try ChapterOptions.parse(["--data-dir", "/tmp", "--plot", "none", "--seed", "1"])
        #expect(elsewhere.outputDirectory(chapter: "optimizers", settingsChanged: false) == "figures/optimizers")
    }

    @Test(
        "a changed setting, another seed or --quick writes experiments/<chapter>",
        arguments: [
            ([], true), (["--seed", "7"], false), (["--quick"], false), (["--seed", "2", "--quick"], true),
        ])
    func experiment(arguments: [String], settingsChanged: Bool) throws {
        let options = try ChapterOptions.parse(arguments)
        #expect(options.outputDirectory(chapter: "dropout", settingsChanged: settingsChanged) == "experiments/dropout")
    }

    @Test("--output wins, whatever changed")
    func explicitOutput() throws {
        let options = try ChapterOptions.parse(["--output", "mine", "--seed", "3"])
        #expect(options.outputDirectory(chapter: "dropout", settingsChanged: true) == "mine")
        #expect(options.outputDirectory(chapter: "dropout", settingsChanged: false) == "mine")
    }
}
