// ValleyExplorer+Run.swift — the explorer, drawn and driven.
//
// In a window (a display and a windowed gnuplot): a click sets the start, the
// keys 1…9 pick an optimizer, + and - scale its η by 1.25, q quits. gnuplot
// waits in `pause mouse any` and prints what happened on its standard output,
// which comes back through the bridge. In a terminal: a prompt takes the same
// commands as lines (`-7,2`, `adam 0.5`, `2`, `+`, `-`, `q`), and gnuplot's
// text chart is drawn above it. Without gnuplot, the numbers alone. `q` or the
// end of the input ends it with status 0.

import Foundation

extension ValleyExplorer {
    /// Runs the explorer until `q` or the end of the input, then returns the exit status (0).
    ///
    /// - Parameters:
    ///   - gnuplot: The gnuplot to draw with (default: the one on the `PATH`; `nil`: numbers only).
    ///   - surface: A window or the terminal (default: a window if there is a display).
    ///   - input: Where typed commands come from, in a terminal (default: standard input).
    public func run(
        gnuplot: String? = FigureWriter.gnuplotPath, surface: LiveSurface? = nil,
        input: @escaping () -> String? = { readLine(strippingNewline: true) }
    ) -> Int32 {
        var explorer = self
        guard GnuplotPipe.isAvailable, let gnuplot else {
            say(
                GnuplotPipe.isAvailable
                    ? "note: gnuplot is not installed: no chart, the numbers only."
                    : "note: live view unavailable: this build has no gnuplot-iostream; the numbers only.")
            return explorer.prompting(chart: nil, input: input)
        }
        let surface = surface ?? LiveSurface.choose(gnuplot: gnuplot)
        // gnuplot's output comes back here: the text chart, and the mouse events.
        let pipe: GnuplotPipe
        switch GnuplotPipe.open(gnuplot, outputDescriptor: nil, stallSeconds: 30) {
        case .failure(let failure):
            say("note: live view unavailable: \(failure); the numbers only.")
            return explorer.prompting(chart: nil, input: input)
        case .success(let opened):
            pipe = opened
        }
        defer { pipe.close(wait: 2) }
        switch surface {
        case .window(let terminal):
            return explorer.clicking(pipe, terminal: terminal, input: input)
        case .text(let columns, let lines):
            return explorer.prompting(chart: TextChart(pipe: pipe, columns: columns, lines: lines), input: input)
        }
    }

    /// The terminal loop: chart (if any), summary, prompt, one command.
    private mutating func prompting(chart: TextChart?, input: () -> String?) -> Int32 {
        var chart = chart
        var note: String? = nil
        while true {
            var screen: [String] = []
            if let drawn = chart {
                switch drawn.draw(self, reserving: optimizers.count + 3) {
                case .success(let lines):
                    screen += lines
                case .failure(let status):
                    drawn.pipe.close(wait: 0.5)
                    chart = nil
                    say("note: live view stopped: \(status.text); the numbers only.")
                }
            }
            screen.append(String(format: "%@, start (%g, %g), %d steps:", formula, start.x, start.y, steps))
            screen += summary
            if let note { screen.append("  (\(note))") }
            let clear = chart != nil && isatty(STDOUT_FILENO) == 1 ? "\u{1B}[H\u{1B}[2J" : ""
            say(clear + screen.joined(separator: "\n"))
            sayWithoutNewline("start x,y · <optimizer> <η> · 1–\(optimizers.count) · + · - · q: ")
            guard let line = input() else {
                say("")
                return 0
            }
            switch parse(line) {
            case .failure(let error):
                note = error.description
            case .success(let command):
                let (goOn, message) = apply(command)
                if !goOn { return 0 }
                note = message
            }
        }
    }

    /// The window loop: draw, wait in gnuplot for a click or a key, act on it.
    private mutating func clicking(_ pipe: GnuplotPipe, terminal: String, input: () -> String?) -> Int32 {
        // ctrlq: q reaches the explorer instead of closing the window (Ctrl-Q closes it).
        pipe.command("set terminal \(terminal) size 900,640 noenhanced ctrlq title \(quoted("valley explorer"))")
        pipe.command("set mouse; set print '-'")
        say("The valley is in a window: click to set the start, 1–\(optimizers.count) pick an optimizer, + and - scale its η, q quits.")
        while true {
            for line in summary { say(line) }
            // x11's fonts show only ASCII.
            for command in chartCommands(width: nil, ascii: terminal == "x11") { command.queue(on: pipe) }
            pipe.command("undefine MOUSE_*")
            pipe.command("pause mouse any")
            pipe.command(
                "print sprintf('event %d %d %.17g %.17g', exists('MOUSE_BUTTON') ? MOUSE_BUTTON : 0, "
                    + "exists('MOUSE_KEY') ? MOUSE_KEY : 0, exists('MOUSE_X') ? MOUSE_X : 0, exists('MOUSE_Y') ? MOUSE_Y : 0)")
            let sent = pipe.flush(wait: 5)
            guard sent == .ok else {
                say("note: live view stopped: \(sent.text).")
                return 0
            }
            // Wait for the event line (gnuplot prints nothing else on its output here).
            var event: [Double] = []
            while event.isEmpty {
                switch pipe.readLine(timeout: -1) {
                case .failure(let status):
                    // The window was closed, or gnuplot ended: the explorer ends too.
                    if status != .timeout { return 0 }
                case .success(let line):
                    let words = line.split(separator: " ")
                    if words.first == "event" { event = words.dropFirst().compactMap { Double($0) } }
                }
            }
            guard event.count == 4 else { continue }
            let (button, key, x, y) = (Int(event[0]), Int(event[1]), event[2], event[3])
            let command: ExplorerCommand?
            if button == -1 && key == -1 {
                command = .quit  // the window was closed
            } else if button == 1 {
                command = xRange.contains(x) && yRange.contains(y) ? .start(x, y) : nil
            } else {
                command = Self.command(forKey: key, optimizers: optimizers.count)
            }
            guard let command else { continue }
            let (goOn, note) = apply(command)
            if let note { say("  (\(note))") }
            if !goOn { return 0 }
        }
    }

    /// What a key does in the window: 1…9 pick, + (or =) and - scale, q or Escape quits.
    static func command(forKey key: Int, optimizers: Int) -> ExplorerCommand? {
        switch key {
        case 49...57 where key - 49 < optimizers: .select(key - 49)
        case 43, 61: .scale(1.25)
        case 45, 95: .scale(1 / 1.25)
        case 113, 27: .quit
        default: nil
        }
    }

    /// The commands that draw the valley's contours and every path (for a text
    /// chart `width` columns wide; `nil`: a window, with the factors as a label).
    func chartCommands(width: Int?, ascii: Bool = false) -> [LiveFigure.Command] {
        func text(_ string: String) -> String { ascii ? Self.asciiOnly(string) : string }
        var commands: [LiveFigure.Command] = []
        let gridSize = 41
        let xs = (0..<gridSize).map { xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double($0) / Double(gridSize - 1) }
        let ys = (0..<gridSize).map { yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double($0) / Double(gridSize - 1) }
        commands.append(.grid("valley", xs, ys, function))
        // Contour levels: halvings of the largest value on the grid (fewer in text, where lines are coarse).
        let top = xs.flatMap { x in ys.map { y in function(x, y) } }.filter(\.isFinite).max() ?? 1
        let levels = (1...(width == nil ? 7 : 4)).map { top / pow(4, Double($0) / 2) }.reversed().map(DataTable.format)
        commands.append(.line("unset label; unset logscale; set key outside right top noopaque"))
        commands.append(.line("set view map; set contour base; set surface; unset colorbox; set size noratio"))
        commands.append(.line("set cntrparam levels discrete \(levels.joined(separator: ","))"))
        commands.append(.line("set xrange \(range(xRange)); set yrange \(range(yRange)); set xlabel 'x'; set ylabel 'y'"))
        commands.append(.line("set title \(quoted(text(String(format: "%@: start (%g, %g)", formula, start.x, start.y))))"))
        var clauses = ["$valley using 1:2:3 with lines nosurface lc rgb '#bbbbbb' notitle"]
        for (index, path) in paths.enumerated() {
            // A path that runs off to infinity is drawn up to its last finite point.
            let shown = path.prefix { $0.x.isFinite && $0.y.isFinite && abs($0.x) < 1e9 && abs($0.y) < 1e9 }
            commands.append(.data("path\(index)", [shown.map(\.x), shown.map(\.y), shown.map { _ in 0 }]))
            let lineWidth = index == selected ? 3 : 1.2
            let title = "\(index + 1) \(optimizers[index].name) η=\(DataTable.format(optimizers[index].learningRate))"
            // In text, each path is drawn with its optimizer's number.
            let point = width == nil ? "pt 7 ps 0.6" : "pt '\(index + 1)'"
            clauses.append(
                "$path\(index) using 1:2:3 with linespoints \(point) lw \(lineWidth) nocontour title \(quoted(text(title)))")
        }
        if width == nil {
            let (x, y) = factors(selected)
            let label = "\(optimizers[selected].name), per step:  x \(x.text)   y \(y.text)"
            commands.append(.line("set label 1 \(quoted(text(label))) at screen 0.02,0.03 front"))
        }
        commands.append(.line("splot " + clauses.joined(separator: ", ")))
        return commands
    }

    /// The text with its Greek letters and signs spelt in ASCII.
    static func asciiOnly(_ text: String) -> String {
        let spelt: [Character: String] = ["η": "eta", "λ": "lambda", "α": "alpha", "²": "^2", "×": "x", "±": "+-", "−": "-"]
        return text.map { spelt[$0] ?? String($0) }.joined()
    }

    private func range(_ range: ClosedRange<Double>) -> String {
        "[\(DataTable.format(range.lowerBound)):\(DataTable.format(range.upperBound))]"
    }
}

/// gnuplot's text chart, read back through the pipe so that it and the
/// prompt come out in order.
private struct TextChart {
    let pipe: GnuplotPipe
    let columns: Int
    let lines: Int

    /// The chart's lines, the terminal's size less `reserving` lines.
    func draw(_ explorer: ValleyExplorer, reserving: Int) -> Result<[String], GnuplotStatus> {
        let (width, height) = LiveSurface.windowSize() ?? (columns, lines)
        let chartHeight = max(height - reserving - 1, 12)
        pipe.command("set terminal dumb size \(max(width, 40)),\(chartHeight) nofeed ansi noenhanced")
        pipe.command("set output; set print '-'")
        for command in explorer.chartCommands(width: width) { command.queue(on: pipe) }
        pipe.command("print 'end of chart'")
        let sent = pipe.flush(wait: 5)
        guard sent == .ok else { return .failure(sent) }
        var chart: [String] = []
        while true {
            switch pipe.readLine(timeout: 30) {
            case .failure(let status):
                return .failure(status == .timeout ? .stalled : status)
            case .success(let line):
                // The chart's last line has no newline: the marker ends it.
                if line.hasSuffix("end of chart") {
                    chart.append(String(line.dropLast("end of chart".count)))
                    return .success(chart)
                }
                chart.append(line.replacingOccurrences(of: "\u{0C}", with: ""))
            }
        }
    }
}

extension LiveFigure.Command {
    /// Queues this command on `pipe`.
    @discardableResult
    func queue(on pipe: GnuplotPipe) -> GnuplotStatus {
        switch self {
        case .line(let text): pipe.command(text)
        case .data(let name, let columns): pipe.datablock(name, columns: columns)
        case .grid(let name, let xs, let ys, let function): pipe.grid(name, xs: xs, ys: ys, function)
        }
    }
}

/// Writes a line to standard output, at once.
private func say(_ text: String) {
    sayWithoutNewline(text + "\n")
}

/// Writes text to standard output with write(2), at once, ignoring failures
/// (a closed output must not end the explorer with a trap).
private func sayWithoutNewline(_ text: String) {
    writeIgnoringFailures(text, to: STDOUT_FILENO)
}
