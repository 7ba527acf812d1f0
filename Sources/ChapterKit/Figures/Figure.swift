// Figure.swift — what a figure shows, independent of how it is drawn.

import BookCore

/// One curve, bar set or point cloud of a panel, read from a data file.
public struct Series: Sendable {
    /// How a series is drawn.
    public enum Style: Sendable, Equatable {
        /// A plain line.
        case lines
        /// A line with a marker every `every` points (the book marks every 100th iteration).
        case linesWithMarkers(every: Int)
        /// Markers only.
        case points
        /// Bars of a histogram, filled.
        case boxes
        /// Markers coloured by a third column through the palette (a scatter with a colour scale).
        case coloredPoints
        /// A line through the points, with a marker on each (an optimizer's path).
        case path
        /// A translucent band between two curves: `using` names x, low and
        /// high (`1:2:3`), e.g. the smallest and the largest of five seeds.
        case band
        /// A thin line, for one of many runs drawn over each other (one per seed).
        case thinLines
    }

    /// The data file, relative to the figure's folder (e.g. `mnist-loss.dat`).
    public var file: String
    /// The gnuplot `using` specification, e.g. `1:2` or `1:2:3`.
    public var using: String
    /// The legend entry (empty for none).
    public var title: String
    /// How it is drawn.
    public var style: Style
    /// Dashed (gnuplot dash type 2) rather than solid.
    public var dashed: Bool
    /// A colour by name or `#rrggbb`; `nil` for gnuplot's next colour.
    public var color: String?
    /// Which data set of the file, for files holding several separated by two blank lines.
    public var index: Int?

    /// A series of the columns named `x` and `y` of `table` (a missing name traps,
    /// naming the columns the table has).
    public init(
        _ table: DataTable, x: String, y: String, title: String = "", style: Style = .lines,
        dashed: Bool = false, color: String? = nil
    ) {
        self.init(
            file: table.fileName, using: "\(table.column(x)):\(table.column(y))", title: title,
            style: style, dashed: dashed, color: color)
    }

    /// A band between the columns `low` and `high` of `table` over `x`
    /// (a missing name traps, naming the columns the table has).
    public init(_ table: DataTable, x: String, low: String, high: String, title: String = "", color: String? = nil) {
        self.init(
            file: table.fileName, using: "\(table.column(x)):\(table.column(low)):\(table.column(high))", title: title,
            style: .band, color: color)
    }

    /// A series with a free-form `using` specification (e.g. `1:2:3` for coloured points).
    public init(
        file: String, using: String, title: String = "", style: Style = .lines,
        dashed: Bool = false, color: String? = nil, index: Int? = nil
    ) {
        self.file = file
        self.using = using
        self.title = title
        self.style = style
        self.dashed = dashed
        self.color = color
        self.index = index
    }
}

/// One set of axes with its series.
public struct Panel: Sendable {
    /// What kind of plot the panel is.
    public enum Kind: Sendable, Equatable {
        /// An ordinary x–y plot.
        case xy
        /// Contour lines of a grid `file` (columns x, y, z in blocks), seen from
        /// above, at the heights `levels`; the series are drawn on top.
        case contour(file: String, levels: [Double])
    }

    /// Where the legend goes.
    public enum Legend: Sendable, Equatable {
        /// No legend.
        case hidden
        /// gnuplot's `set key <position>`, e.g. `top right`, `bottom right`,
        /// `at graph 0.7, 0.4 right top`; each panel places its own.
        case at(String)
    }

    /// The panel's title (above it).
    public var title: String
    /// The x-axis label.
    public var xLabel: String
    /// The y-axis label.
    public var yLabel: String
    /// The x range; `nil` lets gnuplot choose.
    public var xRange: ClosedRange<Double>?
    /// The y range; `nil` lets gnuplot choose.
    public var yRange: ClosedRange<Double>?
    /// Logarithmic x axis.
    public var logX = false
    /// Logarithmic y axis.
    public var logY = false
    /// Tick labels on the x axis (off for inner panels of a grid).
    public var showXTicks = true
    /// Tick labels on the y axis (off for inner panels of a grid).
    public var showYTicks = true
    /// The legend.
    public var legend: Legend = .at("top right")
    /// The label of the colour scale, for `.coloredPoints` series.
    public var colorLabel: String?
    /// The range of the colour scale; `nil` lets gnuplot choose.
    public var colorRange: ClosedRange<Double>?
    /// What kind of plot.
    public var kind: Kind = .xy
    /// The series, drawn in order.
    public var series: [Series]

    /// A panel with labels, ranges and series; the rest is set on the value.
    public init(
        title: String = "", xLabel: String = "", yLabel: String = "",
        xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
        series: [Series]
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = xRange
        self.yRange = yRange
        self.series = series
    }
}

/// A picture: one panel or a grid of panels, saved as `<name>.png` and `<name>.svg`.
public struct Figure: Sendable {
    /// The file name without extension, e.g. `mnist-loss`.
    public var name: String
    /// The title over the whole figure (for grids; empty for none).
    public var title: String
    /// The panels, row by row.
    public var panels: [Panel]
    /// Rows and columns of the grid (1 × 1 for a single panel).
    public var layout: (rows: Int, columns: Int)
    /// Size in pixels.
    public var size: (width: Int, height: Int)

    /// A single-panel figure.
    public init(name: String, panel: Panel, size: (width: Int, height: Int) = (800, 560)) {
        self.init(name: name, title: "", panels: [panel], layout: (1, 1), size: size)
    }

    /// A grid of panels.
    public init(
        name: String, title: String = "", panels: [Panel],
        layout: (rows: Int, columns: Int), size: (width: Int, height: Int)
    ) {
        precondition(
            panels.count <= layout.rows * layout.columns,
            "Figure \(name): \(panels.count) panels do not fit a \(layout.rows)×\(layout.columns) grid")
        self.name = name
        self.title = title
        self.panels = panels
        self.layout = layout
        self.size = size
    }
}
