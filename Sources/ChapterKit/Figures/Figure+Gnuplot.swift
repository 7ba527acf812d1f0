// Figure+Gnuplot.swift — a figure as a gnuplot script.
//
// The script renders its PNG and SVG beside itself, from the data files
// beside itself, whatever the folder it is run from:
//     gnuplot figures/optimizers/mnist-loss.gp
// draws in the terminal instead when asked:
//     gnuplot -c figures/optimizers/mnist-loss.gp terminal
// and writes to other names (in its folder) when given them; the chapters
// render this way, to temporary names they check before renaming:
//     gnuplot -c figures/optimizers/mnist-loss.gp files new.png new.svg
// The names come as arguments, so the script's text is the same every run.

import BookCore
import Foundation

extension Figure {
    /// The gnuplot script that draws this figure.
    public var gnuplotScript: String {
        var s: [String] = []
        s.append("# \(name).gp — written by the course; edit freely and rerun, no retraining needed.")
        s.append("#   gnuplot \(name).gp                  writes \(name).png and \(name).svg")
        s.append("#   gnuplot -c \(name).gp terminal      draws it in the terminal")
        s.append("#   gnuplot -c \(name).gp files a.png b.svg   writes a.png and b.svg (beside it) instead")
        s.append("")
        s.append("# Work beside this script, where its data files are: its path up to the last '/'.")
        s.append("# (Found in gnuplot itself, not the shell, so any character in the path is safe.)")
        s.append("script_dir = \".\"")
        s.append("do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq \"/\") { script_dir = (i == 1) ? \"/\" : ARG0[1:i-1] } }")
        s.append("cd script_dir")
        s.append("mode = (ARGC > 0) ? ARG1 : \"files\"")
        s.append("targets = (mode eq \"terminal\") ? \"terminal\" : \"png svg\"")
        s.append("png_file = (ARGC > 1) ? ARG2 : \(quoted(name + ".png"))")
        s.append("svg_file = (ARGC > 2) ? ARG3 : \(quoted(name + ".svg"))")
        s.append("")
        s.append("do for [target in targets] {")
        s.append(
            "  if (target eq \"png\") { set terminal pngcairo size \(size.width),\(size.height) noenhanced font 'Sans,10'; set output png_file }"
        )
        s.append(
            "  if (target eq \"svg\") { set terminal svg size \(size.width),\(size.height) noenhanced font 'Sans,10' background 'white'; set output svg_file }"
        )
        let terminalHeight = layout.rows > 1 ? 20 * layout.rows : 30
        let terminalWidth = min(max(60 * layout.columns, 100), 200)
        s.append("  if (target eq \"terminal\") { set terminal dumb size \(terminalWidth),\(terminalHeight) noenhanced; set output }")
        s.append("  set multiplot layout \(layout.rows),\(layout.columns)\(title.isEmpty ? "" : " title \(quoted(title))")")
        for panel in panels {
            s.append(contentsOf: panel.gnuplotCommands.map { "  " + $0 })
        }
        s.append("  unset multiplot")
        s.append("  set output")
        s.append("}")
        return s.joined(separator: "\n") + "\n"
    }
}

extension Panel {
    /// The commands that draw this panel, starting from a clean slate.
    var gnuplotCommands: [String] {
        var s: [String] = []
        s.append("# — panel \(quoted(title)) —")
        s.append("unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio")
        // unset first: ticks a log axis of an earlier panel added must not carry over.
        s.append(
            "set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; "
                + "set xtics nomirror; set ytics nomirror; set border 3")
        s.append("set title \(quoted(title)); set xlabel \(quoted(xLabel)); set ylabel \(quoted(yLabel))")
        s.append("set xrange \(range(xRange)); set yrange \(range(yRange))")
        s.append(showXTicks ? "set format x '% h'" : "set format x ''")
        s.append(showYTicks ? "set format y '% h'" : "set format y ''")
        if logX { s.append("set logscale x; set format x \(showXTicks ? "'%g'" : "''")" + logTicks("x", xRange)) }
        if logY { s.append("set logscale y; set format y \(showYTicks ? "'%g'" : "''")" + logTicks("y", yRange)) }
        switch legend {
        case .hidden: s.append("unset key")
        // `default` first: a key an earlier panel placed `at` a point would stay there.
        case .at(let position): s.append("set key default; set key \(position) opaque")
        }
        if series.contains(where: { $0.style == .coloredPoints }) {
            s.append("set colorbox; set palette rgbformulae 33,13,10")
            s.append("set cbrange \(range(colorRange)); set cblabel \(quoted(colorLabel ?? ""))")
        }
        switch kind {
        case .xy:
            let plots = series.map { $0.gnuplotPlotClause(dimensions: 2) }
            s.append("plot " + plots.joined(separator: ", \\\n       "))
        case .contour(let file, let levels):
            s.append("set view map; set contour base; set cntrparam levels discrete \(levels.map(DataTable.format).joined(separator: ","))")
            s.append("set border 15; set xtics mirror; set ytics mirror; set grid")
            let grid = "\(quoted(file)) using 1:2:3 with lines nosurface notitle"
            let plots = [grid] + series.map { $0.gnuplotPlotClause(dimensions: 3) + " nocontour" }
            s.append("splot " + plots.joined(separator: ", \\\n        "))
        }
        return s
    }

    /// For a log axis over a fixed range of less than three decades, extra
    /// labelled ticks at 2 and 5 times each power of ten (`; set xtics add (…)`):
    /// gnuplot labels only the powers of ten, so an axis from 0.001 to 0.01
    /// would show its two ends and nothing between.
    func logTicks(_ axis: String, _ range: ClosedRange<Double>?) -> String {
        guard let range, range.lowerBound > 0, range.upperBound < 1000 * range.lowerBound else { return "" }
        let lowest = Int(log10(range.lowerBound).rounded(.down)), highest = Int(log10(range.upperBound).rounded(.up))
        let ticks = (lowest...highest).flatMap { exponent in
            [2.0, 5.0].map { $0 * pow(10, Double(exponent)) }
        }.filter { range.contains($0) }
        return ticks.isEmpty ? "" : "; set \(axis)tics add (\(ticks.map(DataTable.format).joined(separator: ", ")))"
    }

    private func range(_ range: ClosedRange<Double>?) -> String {
        guard let range else { return "[*:*]" }
        return "[\(DataTable.format(range.lowerBound)):\(DataTable.format(range.upperBound))]"
    }
}

extension Series {
    /// `'file' index i using u with <style> title '…'`.
    func gnuplotPlotClause(dimensions: Int) -> String {
        var using = self.using
        if dimensions == 3 && using.split(separator: ":").count == 2 { using += ":(0)" }
        var clause = quoted(file)
        if let index { clause += " index \(index)" }
        clause += " using \(using)"
        let dash = dashed ? " dt 2" : ""
        let colour = color.map { " lc rgb \(quoted($0))" } ?? ""
        switch style {
        case .lines: clause += " with lines lw 1.5\(dash)\(colour)"
        case .linesWithMarkers(let every): clause += " with linespoints lw 1.5 pi \(every) ps 1\(dash)\(colour)"
        case .points: clause += " with points pt 7 ps 0.6\(colour)"
        case .boxes: clause += " with boxes\(colour)"
        case .coloredPoints: clause += " with points pt 7 ps 1.2 palette"
        case .path: clause += " with linespoints pt 7 ps 0.7 lw 1.2\(dash)\(colour)"
        case .band: clause += " with filledcurves fs transparent solid 0.25 noborder\(colour)"
        case .thinLines: clause += " with lines lw 0.7\(dash)\(colour)"
        }
        clause += title.isEmpty ? " notitle" : " title \(quoted(title))"
        return clause
    }
}

/// A gnuplot string literal: single quotes, with any single quote doubled
/// (the only escape single-quoted gnuplot strings know).
func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}
