// FigureTests.swift — data files, gnuplot scripts, and (with gnuplot) the rendered pictures.

import BookCore
import Foundation
import Testing

@testable import ChapterKit

/// A one-panel line figure over `loss.dat`.
private func lineFigure(name: String = "loss", title: String = "SGD") -> Figure {
    var panel = Panel(
        title: "loss", xLabel: "iterations", yLabel: "loss", xRange: 0...100, yRange: 0...1,
        series: [Series(file: "loss.dat", using: "1:2", title: title, style: .linesWithMarkers(every: 10))])
    panel.legend = .at("top right")
    return Figure(name: name, panel: panel, size: (400, 300))
}

@Suite("Figures")
struct FigureTests {
    // MARK: Data files

    @Test("DataTable text: two comment lines, then rows separated by two spaces")
    func dataTableText() {
        var table = DataTable("loss.dat", "optimizers: smoothed loss", columns: ["iteration", "SGD loss", "Adam"])
        table.append([0, 2.5, 2.25])
        table.append([1, 0.1, 1.0 / 3])
        #expect(
            table.text == """
                # optimizers: smoothed loss
                # iteration  SGD_loss  Adam
                0  2.5  2.25
                1  0.1  0.3333333333

                """)
        #expect(table.column("SGD loss") == 2 && table.column("Adam") == 3)
    }

    @Test("Numbers: integers plainly, others to 10 significant digits, NaN and ±Inf by name")
    func numberFormat() {
        #expect(DataTable.format(3) == "3")
        #expect(DataTable.format(-0.000123456789012) == "-0.000123456789")
        #expect(DataTable.format(1e20) == "1e+20")
        #expect(DataTable.format(.nan) == "NaN")
        #expect(DataTable.format(.infinity) == "Inf" && DataTable.format(-.infinity) == "-Inf")
        let table = DataTable("t.dat", "t", columns: [("x", [1, 2]), ("y", [.nan, 0.5])])
        #expect(table.text.hasSuffix("1  NaN\n2  0.5\n"))
    }

    @Test("blockLength puts one blank line between blocks, none after the last")
    func blocks() {
        let rows = (0..<6).map { [Double($0 / 3), Double($0 % 3), 0] }
        let table = DataTable("grid.dat", "grid", columns: ["x", "y", "z"], rows: rows, blockLength: 3)
        let lines = table.text.split(separator: "\n", omittingEmptySubsequences: false)
        // 2 comments, 3 rows, a blank line, 3 rows, and the final newline's empty piece.
        #expect(lines.count == 2 + 3 + 1 + 3 + 1)
        #expect(lines[5] == "" && lines[6] == "1  0  0")
        #expect(!table.text.hasSuffix("\n\n"))
    }

    @Test("Columns of different lengths trap")
    func raggedColumnsTrap() async {
        await #expect(processExitsWith: .failure) {
            _ = DataTable("bad.dat", "bad", columns: [("x", [1, 2]), ("y", [1])])
        }
    }

    // MARK: Scripts

    @Test("gnuplot strings double a single quote and nothing else")
    func quoting() {
        #expect(quoted("Saito's SGD") == "'Saito''s SGD'")
        #expect(quoted("a \"b\" \\ c") == "'a \"b\" \\ c'")
        let script = lineFigure(title: "Saito's SGD").gnuplotScript
        #expect(script.contains("title 'Saito''s SGD'"))
        #expect(!script.contains("'Saito's"))
    }

    @Test("The script writes a PNG (pngcairo) and an SVG beside itself, and can draw in the terminal")
    func scriptTargets() {
        let script = lineFigure().gnuplotScript
        #expect(script.contains("set terminal pngcairo size 400,300"))
        #expect(script.contains("png_file = (ARGC > 1) ? ARG2 : 'loss.png'"))
        #expect(script.contains("set output png_file"))
        #expect(script.contains("set terminal svg size 400,300"))
        #expect(script.contains("svg_file = (ARGC > 2) ? ARG3 : 'loss.svg'"))
        #expect(script.contains("set output svg_file"))
        #expect(script.contains("set terminal dumb"))
        #expect(script.contains("cd script_dir"))
        #expect(!script.contains("system("))  // the folder is found without a shell, so quotes in it are safe
        #expect(script.contains("set xrange [0:100]; set yrange [0:1]"))
        #expect(script.contains("'loss.dat' using 1:2 with linespoints lw 1.5 pi 10"))
        #expect(script.contains("set multiplot layout 1,1"))
    }

    @Test("A 4×4 grid: multiplot layout 4,4 with sixteen panels, each reset and titled")
    func grid() {
        let panels = (0..<16).map { k in
            Panel(title: "trial \(k)", series: [Series(file: "trials.dat", using: "1:\(k + 2)")])
        }
        let figure = Figure(name: "trials", title: "Top 16", panels: panels, layout: (4, 4), size: (1200, 1200))
        let script = figure.gnuplotScript
        #expect(script.contains("set multiplot layout 4,4 title 'Top 16'"))
        #expect(script.components(separatedBy: "# — panel").count - 1 == 16)
        #expect(script.components(separatedBy: "\n  plot ").count - 1 == 16)
        for k in 0..<16 { #expect(script.contains("set title 'trial \(k)'")) }
        #expect(script.contains("'trials.dat' using 1:17"))
    }

    @Test("A contour panel uses splot with the grid file and discrete levels")
    func contour() {
        var panel = Panel(title: "SGD", series: [Series(file: "path.dat", using: "1:2", style: .path)])
        panel.kind = .contour(file: "grid.dat", levels: [0.5, 1, 2])
        let commands = panel.gnuplotCommands.joined(separator: "\n")
        #expect(commands.contains("set cntrparam levels discrete 0.5,1,2"))
        #expect(commands.contains("splot 'grid.dat' using 1:2:3 with lines nosurface notitle"))
        #expect(commands.contains("'path.dat' using 1:2:(0)"))
    }

    @Test("More panels than the grid holds trap")
    func tooManyPanelsTrap() async {
        await #expect(processExitsWith: .failure) {
            let panel = Panel(series: [])
            _ = Figure(name: "x", panels: [panel, panel, panel], layout: (1, 2), size: (10, 10))
        }
    }

    // MARK: Writing and rendering

    @Test("FigureWriter creates the folder and writes the .dat and .gp files")
    func writer() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try FigureWriter(directory: join(root, "figures/optimizers"))
        let table = DataTable("loss.dat", "loss", columns: [("iteration", [0, 1, 2]), ("SGD", [2.3, 1.5, 0.9])])
        let dataPath = try writer.write(table)
        let scriptPath = try writer.write(lineFigure())
        #expect(dataPath == join(root, "figures/optimizers/loss.dat"))
        #expect(try String(contentsOfFile: dataPath, encoding: .utf8) == table.text)
        #expect(try String(contentsOfFile: scriptPath, encoding: .utf8) == lineFigure().gnuplotScript)
    }

    @Test("A folder that cannot be made is a DataError")
    func unwritableFolder() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeBytes([1], to: join(root, "file"))
        #expect(throws: DataError.self) { try FigureWriter(directory: join(root, "file/figures")) }
    }

    @Test(
        "With gnuplot, a tiny figure renders to a PNG and an SVG beside its script",
        .enabled(if: FigureWriter.gnuplotPath != nil, "needs gnuplot"))
    func renders() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try FigureWriter(directory: join(root, "it's here"))  // a quote in the path
        try writer.write(DataTable("loss.dat", "loss", columns: [("iteration", [0, 50, 100]), ("SGD", [0.9, 0.4, .nan])]))
        let figure = lineFigure(title: "Saito's SGD")
        try writer.write(figure)
        #expect(try writer.render([figure]))
        let png = try Data(contentsOf: URL(fileURLWithPath: writer.path("loss.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let svg = try String(contentsOfFile: writer.path("loss.svg"), encoding: .utf8)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("Saito's SGD") || svg.contains("Saito&apos;s SGD") || svg.contains("Saito&#39;s SGD"))
    }
}
