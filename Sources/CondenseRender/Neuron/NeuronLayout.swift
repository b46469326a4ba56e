import CondenseCore

/// How the input layer is drawn.
public enum InputStyle: Hashable, Sendable {
    /// One node per feature in a column, like every other layer.
    case column
    /// Features as an image: `rows x columns` square cells, row-major (feature
    /// `p` is the cell at row `p / columns`, column `p % columns`).
    case grid(rows: Int, columns: Int)
    /// One box standing for all features, labelled with the count; its edges carry the
    /// row sums of the first weight block.
    case block

    /// The readable choice for `width` features: a column up to 64, a square grid when
    /// `width` is a perfect square (784 -> 28 x 28), else one block. O(1).
    public static func automatic(width: Int) -> InputStyle {
        if width <= 64 { return .column }
        let side = Int(Double(width).squareRoot().rounded())
        return side * side == width ? .grid(rows: side, columns: side) : .block
    }
}

/// Positions of every unit of a network at neuron level: layer `l` is column `l` (x),
/// index `i` is the position in the column (y), computed by Condense so Graphviz only
/// draws (`nop2`). Units are numbered as in ``NeuronGraph`` (layer offsets).
///
/// Each column is centred; a layer's pitch is the smaller of ``Geometry/maximumPitch``
/// and the column height divided by its width, so wide layers fill the column height
/// and narrow ones spread out. O(V) time and memory.
public struct NeuronLayout: Sendable {
    /// Spacing and sizes, shared by drawings that must be comparable (before / after).
    public struct Geometry: Hashable, Sendable {
        /// Height of the tallest column in points.
        public var columnHeight: Double
        /// Largest distance between neighbouring neurons in points.
        public var maximumPitch: Double = 22
        /// Horizontal distance between neighbouring columns in points.
        public var columnGap: Double
        /// Side of the input grid (or height of the input block) in points.
        public var inputSide: Double
        /// Pitch of each layer in points (filled in from the widths).
        public var pitches: [Double]

        /// How much to enlarge text: drawings are made to be scaled down to a page, so
        /// text grows with the drawing's width (1 up to 600 points wide).
        public var textScale: Double

        /// A geometry for layers of the given widths, where the input is drawn as `input`:
        /// the tallest column is 16 points per neuron, between 180 and 560 points. O(layers).
        public init(widths: [Int], input: InputStyle) {
            let drawn = widths.enumerated().map { l, w in l == 0 && input != .column ? 0 : w }
            let tallest = max(1, drawn.max() ?? 1)
            columnHeight = min(max(Double(tallest) * 16, 180), 560)
            columnGap = min(max(columnHeight * 0.5, 140), 280)
            switch input {
            case .grid(let rows, let columns):
                inputSide = min(columnHeight * 0.5, Double(max(rows, columns)) * 16)
            case .block, .column:
                inputSide = min(columnHeight * 0.5, 160)
            }
            let span = (input == .column ? 0 : inputSide) + columnGap * Double(max(widths.count - 1, 1))
            textScale = max(1, span / 600)
            pitches = []
            pitches = widths.map { pitch(forWidth: $0) }
        }

        /// The pitch of a layer of `width` units. O(1).
        public func pitch(forWidth width: Int) -> Double {
            min(maximumPitch, columnHeight / Double(max(width, 1)))
        }

        /// Diameter of the neuron circles of a layer with pitch `pitch`. O(1).
        public func diameter(pitch: Double) -> Double { min(max(pitch * 0.78, 1.2), 14) }
    }

    /// Spacing and sizes.
    public let geometry: Geometry
    /// How the input layer is drawn.
    public let input: InputStyle
    /// Layer widths.
    public let widths: [Int]
    /// Centre x of each layer's column, in points.
    public let columnX: [Double]
    /// Position of each unit's centre in points (y grows downward), by global unit index.
    public let x: [Double]
    public let y: [Double]
    /// First global unit index of each layer (as ``NeuronGraph/layerOffsets``).
    public let offsets: [Int]
    /// Width and height of the drawing in points.
    public let width: Double
    public let height: Double
    /// Top-left corner of the drawing in points.
    public let originX: Double
    public let originY: Double

    /// Lays out layers of `widths`, with the input drawn as `input`, using `geometry`
    /// (pass the geometry of another layout to make two drawings share one scale).
    public init(widths: [Int], input: InputStyle, geometry: Geometry? = nil, originX: Double = 0, originY: Double = 0) {
        var geometry = geometry ?? Geometry(widths: widths, input: input)
        geometry.pitches = widths.enumerated().map { l, w in
            l < geometry.pitches.count ? geometry.pitches[l] : geometry.pitch(forWidth: w)
        }
        self.geometry = geometry
        self.input = input
        self.widths = widths
        let height = geometry.columnHeight + 2 * geometry.maximumPitch
        let middle = originY + height / 2
        let inputExtent = input == .column ? 0 : geometry.inputSide
        var columnX: [Double] = []
        var cursor = originX + max(inputExtent / 2, geometry.maximumPitch)
        for l in widths.indices {
            columnX.append(cursor)
            let next = l == 0 ? inputExtent / 2 + geometry.columnGap : geometry.columnGap
            cursor += next
        }
        var offsets = [0]
        for w in widths { offsets.append(offsets[offsets.count - 1] + w) }
        var xs = [Double](repeating: 0, count: offsets[offsets.count - 1])
        var ys = xs
        for (l, w) in widths.enumerated() {
            for i in 0..<w {
                let p = Self.place(l: l, i: i, width: w, input: input, geometry: geometry)
                xs[offsets[l] + i] = columnX[l] + p.dx
                ys[offsets[l] + i] = middle + p.dy
            }
        }
        self.columnX = columnX
        self.offsets = offsets
        self.x = xs
        self.y = ys
        self.height = height
        self.width = (columnX.last ?? originX) + geometry.maximumPitch - originX
        self.originX = originX
        self.originY = originY
    }

    /// The y of the top of the tallest column (and of the input grid or block). O(1).
    public var top: Double {
        let extent = input == .column ? geometry.columnHeight : max(geometry.columnHeight, geometry.inputSide)
        return originY + (height - extent) / 2
    }

    /// Side of one input grid cell in points (0 unless the input is a grid).
    public var cellSide: Double {
        guard case .grid(let rows, let columns) = input else { return 0 }
        return geometry.inputSide / Double(max(rows, columns))
    }

    /// Offset of unit `i` of layer `l` from the column centre. O(1).
    private static func place(l: Int, i: Int, width: Int, input: InputStyle, geometry: Geometry)
        -> (dx: Double, dy: Double)
    {
        if l == 0 {
            switch input {
            case .grid(let rows, let columns):
                let cell = geometry.inputSide / Double(max(rows, columns))
                let r = i / columns, c = i % columns
                return ((Double(c) - Double(columns - 1) / 2) * cell, (Double(r) - Double(rows - 1) / 2) * cell)
            case .block:
                return (0, 0)
            case .column:
                break
            }
        }
        let pitch = geometry.pitches[l]
        return (0, (Double(i) - Double(width - 1) / 2) * pitch)
    }
}
