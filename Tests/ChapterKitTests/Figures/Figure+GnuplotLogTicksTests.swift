// Figure+GnuplotLogTicksTests.swift — log axes label more than their powers of ten when they are narrow.

import BookCore
import Testing

@testable import ChapterKit

@Suite("Log-axis ticks")
struct LogTicksTests {
    private func scatter(x: ClosedRange<Double>?, y: ClosedRange<Double>?) -> Panel {
        var panel = Panel(xRange: x, yRange: y, series: [Series(file: "t.dat", using: "1:2:3", style: .coloredPoints)])
        panel.logX = true
        panel.logY = true
        return panel
    }

    @Test("One decade (0.001 to 0.01) gains labels at 0.002 and 0.005; two decades at 2 and 5 times each power")
    func narrowRanges() {
        let commands = scatter(x: 0.001...0.01, y: 1e-8...1e-6).gnuplotCommands
        #expect(commands.contains("set logscale x; set format x '%g'; set xtics add (0.002, 0.005)"))
        #expect(commands.contains("set logscale y; set format y '%g'; set ytics add (2e-08, 5e-08, 2e-07, 5e-07)"))
    }

    @Test("Only ticks inside the range are added")
    func insideOnly() {
        #expect(scatter(x: nil, y: nil).logTicks("x", 0.003...0.03) == "; set xtics add (0.005, 0.02)")
        #expect(scatter(x: nil, y: nil).logTicks("x", 0.006...0.009) == "")
    }

    @Test("Wide (three decades or more), automatic or non-positive ranges keep gnuplot's own ticks")
    func unchanged() {
        let panel = scatter(x: 1e-6...1e-2, y: nil)
        #expect(panel.gnuplotCommands.contains("set logscale x; set format x '%g'"))
        #expect(panel.gnuplotCommands.contains("set logscale y; set format y '%g'"))
        #expect(panel.logTicks("x", 0...1) == "")
        #expect(panel.logTicks("x", 1e-3...1) == "")
    }
}
