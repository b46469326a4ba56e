import CondenseCore

/// A bound on `max |y'(x) − y(x)|` over a box, for two networks of the same depth that read
/// the same input (an original and its simplification), by CROWN on the two side by side.
///
/// The networks are joined into one (Wang et al. 2021, "Beta-CROWN", and Paulsen et al.,
/// "ReluDiff", ICSE 2020, bound differences this way): each hidden layer holds the original's
/// units and then the simplified one's, with block-diagonal weights (skip connections
/// included) and the shared input read by both; the last layer computes `y − y'`. Symbolic
/// bounds (``SymbolicBounds``) on this network's output bound the difference on the whole
/// box, soundly: the ReLU relaxations are the same ones exact collapse uses. Tighter than
/// bounding each network and subtracting, since both share the input's linear terms.
///
/// O(symbolic bounds of a network of twice the width).
public enum DifferenceBound {
    /// The largest `|y'_o(x) − y_o(x)|` over outputs `o` and inputs `x` of `domain`, or
    /// `invalidArgument` when the networks differ in depth, input, output or activations.
    public static func maximum(original a: Network, simplified b: Network, on domain: InputBox) throws(CondenseError) -> Double {
        let joined = try join(a, b)
        let (lower, upper) = SymbolicBounds().outputBounds(of: joined, on: domain)
        return zip(lower, upper).map { max(abs($0), abs($1)) }.max() ?? 0
    }

    /// The side-by-side network computing `y(x) − y'(x)`.
    static func join(_ a: Network, _ b: Network) throws(CondenseError) -> Network {
        guard a.layers.count == b.layers.count, a.inputWidth == b.inputWidth, a.outputWidth == b.outputWidth,
              zip(a.layers, b.layers).allSatisfy({ $0.activation == $1.activation }) else {
            throw .invalidArgument("the difference bound needs two networks of the same depth, widths at the ends and activations")
        }
        let last = a.layers.count - 1
        var layers = [Layer.input(width: a.inputWidth)]
        /// Column offset of the simplified network's units in joined layer `s` (the input is shared).
        func offset(_ s: Int) -> Int { s == 0 ? 0 : a.layers[s].width }
        func width(_ s: Int) -> Int { s == 0 ? a.inputWidth : a.layers[s].width + b.layers[s].width }
        for l in 1...last {
            let la = a.layers[l], lb = b.layers[l]
            let rows = l == last ? la.width : la.width + lb.width
            let sources = Set(la.inputs.map(\.source)).union(lb.inputs.map(\.source)).sorted()
            var inputs: [Connection] = []
            for s in sources {
                var w = Matrix(rows: rows, columns: width(s))
                let cb = offset(s)
                if let c = la.connection(from: s) {
                    for i in 0..<la.width { for j in 0..<c.weights.columns { w[i, j] += c.weights[i, j] } }
                }
                if let c = lb.connection(from: s) {
                    let rowOffset = l == last ? 0 : la.width
                    let sign: Float = l == last ? -1 : 1
                    for i in 0..<lb.width { for j in 0..<c.weights.columns { w[rowOffset + i, cb + j] += sign * c.weights[i, j] } }
                }
                inputs.append(Connection(source: s, weights: w))
            }
            let bias = l == last ? zip(la.bias, lb.bias).map { $0 - $1 } : la.bias + lb.bias
            layers.append(Layer(name: "joined\(l)", width: rows, activation: la.activation, bias: bias, inputs: inputs))
        }
        return try Network(layers: layers)
    }
}
