// SeedsTests.swift — seeds.txt gathers each finding by id across seeds,
// counts where it holds, keeps its named numbers, and reads back what it wrote.

import ChapterKit
import Foundation
import Testing

@Suite("Seeds")
struct SeedsTests {
    /// The same two findings at three seeds, the second failing at one.
    let perSeed = [0.5, 0.75, 0.25].map { level in
        [
            Finding("x.level", "The level is \(level).", holds: level > 0.3, values: ["level": level, "epoch": 7]),
            Finding("x.always", "Always.", holds: true, values: [("gap at lambda=0", level / 2)]),
        ]
    }

    @Test("Records gather by id, in the first seed's order, and count the seeds a finding holds at")
    func records() {
        let records = seedRecords(perSeed)
        #expect(records.map(\.id) == ["x.level", "x.always"])
        #expect(records[0].holds == [true, true, false] && records[0].heldCount == 2)
        #expect(records[1].heldCount == 3)
        #expect(
            records[0].values == [
                SeedValues(name: "level", values: ["0.5", "0.75", "0.25"]), SeedValues(name: "epoch", values: ["7", "7", "7"]),
            ])
    }

    @Test("A finding or a number missing at a seed counts as failed, or nan")
    func missing() {
        let records = seedRecords([perSeed[0], [perSeed[1][1]]])
        #expect(records[0].holds == [true, false])
        #expect(records[0].values[0].values == ["0.5", "nan"])
    }

    @Test("seeds.txt states min, median and max (NaN left out) and reads back to the same records")
    func roundTrip() throws {
        let records = seedRecords(perSeed)
        let text = seedsText(chapter: "x", seeds: [1, 2, 3], records: records)
        #expect(text.contains("x.level\t2 of 3\tholds\tholds\tfails\n"))
        #expect(text.contains("x.level: level\t\t0.5\t0.75\t0.25\t0.25\t0.5\t0.75\n"))
        let file = try SeedsFile(text: text)
        #expect(file.seeds == [1, 2, 3] && file.records == records)
    }

    @Test("A value line under no finding, or a short line, is refused naming the line")
    func malformed() {
        let header = "finding\theld\tseed 1\tmin\tmedian\tmax\n"
        #expect(throws: DataTableError.self) { try SeedsFile(text: header + "y.other: level\t\t1\t1\t1\t1\n") }
        #expect(throws: DataTableError.self) { try SeedsFile(text: header + "x.level\t1 of 1\n") }
        #expect(throws: DataTableError.self) { try SeedsFile(text: "no header\n") }
    }

    @Test("A band table holds each seed and, per x, the smallest, median and largest")
    func bandTable() {
        let table = seedBandTable(
            "seeds.dat", "test", x: ("epoch", [0, 1]),
            curves: [("train", [[0.1, 0.5], [0.3, .nan], [0.2, 0.7]])], seeds: [1, 2, 3])
        #expect(table["train min"] == [0.1, 0.5] && table["train max"] == [0.3, 0.7])
        #expect(table["train median"] == [0.2, 0.6])
        #expect(table["train seed 2"][0] == 0.3)
        let band = Series(table, x: "epoch", low: "train min", high: "train max")
        #expect(band.using == "1:2:4" && band.style == .band)
    }

    @Test("A band's two series: min to max filled, then the median as a line in the same colour")
    func bandSeries() {
        let table = seedBandTable(
            "seeds.dat", "test", x: ("epoch", [0, 1]),
            curves: [("train a", [[0.1, 0.5], [0.3, 0.6]]), ("test a", [[0.2, 0.4], [0.1, 0.3]])], seeds: [1, 2])
        let series = seedBandSeries(
            table, x: "epoch", curve: "test a", bandTitle: "", medianTitle: "test: median", color: "#ff7f0e", dashed: true)
        #expect(series.map(\.using) == ["1:7:9", "1:8"])
        #expect(series.map(\.style) == [.band, .lines] && series.map(\.dashed) == [false, true])
        #expect(series.map(\.title) == ["", "test: median"] && series.allSatisfy { $0.color == "#ff7f0e" })
        let panel = accuracyBandPanel(table, run: "a", title: "run a", epochs: 1, seedCount: 2)
        #expect(panel.series.map(\.using) == ["1:2:4", "1:3", "1:7:9", "1:8"])
        #expect(panel.series.first?.title == "train: 2 seeds, lowest to highest" && panel.legend == .at("bottom right"))
    }
}
