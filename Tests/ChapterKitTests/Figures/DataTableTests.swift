// DataTableTests.swift — tables know their file, name their columns, and
// read back what they wrote (the findings tests rely on it).

import ChapterKit
import Foundation
import Testing

@Suite("DataTable by name")
struct DataTableTests {
    @Test("A series names its columns; they resolve to gnuplot's 1-based numbers in the table's file")
    func seriesByName() {
        let table = DataTable("loss.dat", "loss", columns: ["iteration", "SGD raw", "SGD smoothed"])
        let series = Series(table, x: "iteration", y: "SGD smoothed", title: "SGD")
        #expect(series.file == "loss.dat" && series.using == "1:3")
        #expect(table.column("SGD raw") == 2)
    }

    @Test("The text a table writes reads back to the same table: names (spaces kept), numbers, NaN")
    func roundTrip() throws {
        var table = DataTable("race.dat", "a race", columns: ["learning rate", "SGD", "Adam"])
        table.append([0.001, 2.174769844, .nan])
        table.append([0.1, 0.1662435301, 0.25])
        let read = try DataTable(fileName: "race.dat", text: table.text)
        #expect(read.columns == table.columns && read.description == "a race")
        #expect(read["SGD"] == [2.174769844, 0.1662435301])
        #expect(read["Adam"][0].isNaN && read["Adam"][1] == 0.25)
        #expect(read.text == table.text)
    }

    @Test("A large table, formatted in pieces on every core, is line for line what one row at a time gives")
    func largeTableInPieces() {
        // 101 × 101 grid points, in blocks of 101: over the size that is split, and not a multiple of the pieces.
        var table = DataTable("surface.dat", "a grid", columns: ["x", "y", "z"], blockLength: 101)
        for i in 0..<101 {
            for j in 0..<101 { table.append([Double(i) / 7, Double(j), sin(Double(i * j))]) }
        }
        var expected = ["# a grid", "# x  y  z"]
        for (k, row) in table.rows.enumerated() {
            expected.append(row.map { String(format: "%.10g", $0) }.joined(separator: "  "))
            if (k + 1) % 101 == 0 && k + 1 < table.rows.count { expected.append("") }
        }
        // Whole numbers are written as integers ("3", not "3.0"), which %.10g also does below 10¹⁰.
        #expect(table.text == expected.joined(separator: "\n") + "\n")
    }

    @Test("A row with too few numbers, or a missing header, is an error naming the file")
    func badText() {
        #expect(throws: DataTableError.self) { try DataTable(fileName: "x.dat", text: "# d\n# a b\n1 2\n3\n") }
        #expect(throws: DataTableError.self) { try DataTable(fileName: "x.dat", text: "1 2\n") }
    }
}

@Suite("Findings")
struct FindingTests {
    @Test("isAbout accepts the tolerance either side and no more")
    func about() {
        #expect(isAbout(0.75, 0.75, tolerance: 0.05) && isAbout(0.71, 0.75, tolerance: 0.05))
        #expect(!isAbout(0.69, 0.75, tolerance: 0.05) && !isAbout(.nan, 0.75, tolerance: 0.05))
    }

    @Test("findings.txt: one line per finding, id, holds or fails, statement, tab-separated")
    func text() {
        let findings = [Finding("a.one", "first", holds: true), Finding("a.two", "second", holds: false)]
        #expect(findingsText(findings) == "a.one\tholds\tfirst\na.two\tfails\tsecond\n")
        #expect(findings[1].description == "✗ [a.two] second")
    }
}

@Suite("List flags")
struct ListOptionsTests {
    @Test("Optimizer names: any case, in order; an unknown or repeated name is named in the message")
    func optimizerNames() throws {
        #expect(try parseOptimizerNames("SGD,rmsprop, Nesterov", flag: "--optimizers") == [.sgd, .rmsprop, .nesterov])
        #expect(throws: (any Error).self) { try parseOptimizerNames("sgd,lion", flag: "--optimizers") }
        #expect(throws: (any Error).self) { try parseOptimizerNames("sgd,sgd", flag: "--optimizers") }
        #expect(throws: (any Error).self) { try parseOptimizerNames("", flag: "--optimizers") }
    }

    @Test("A point is two finite numbers within ±1000")
    func point() throws {
        let p = try parsePoint("-7, 0.1", flag: "--valley-start")
        #expect(p.x == -7 && p.y == 0.1)
        for bad in ["-7", "a,b", "1,2,3", "1e9,0", "nan,0", "inf,1"] {
            #expect(throws: (any Error).self) { try parsePoint(bad, flag: "--valley-start") }
        }
    }
}
