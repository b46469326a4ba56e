import CondenseCollapse
import CondenseCore

extension ErrorBoundAnalysis {
    /// The residual map of layer `m`: one block per source layer `s` (rows: surviving
    /// neurons of `m`, columns: *original* neurons of `s`) and the bias difference, or `nil`
    /// when nothing feeding `m`'s survivors changed. O(parameters into `m`).
    func residualMap(ofLayer m: Int) -> (blocks: [Connection], bias: [Float])? {
        let rows = survivors[m]
        let sources = Set(original.layers[m].inputs.map(\.source)).union(simplified.layers[m].inputs.map(\.source))
        var blocks: [Connection] = []
        var changed = false
        for s in sources.sorted(by: >) {
            var d = Matrix(rows: rows.count, columns: original.layers[s].width)
            if let w = original.layers[m].connection(from: s)?.weights {
                for (i, row) in rows.enumerated() { for c in 0..<w.columns { d[i, c] = -w[row, c] } }
            }
            if let w = simplified.layers[m].connection(from: s)?.weights {
                for i in 0..<rows.count { for (c, column) in survivors[s].enumerated() { d[i, column] += w[i, c] } }
            }
            changed = changed || d.values.contains { $0 != 0 }
            blocks.append(Connection(source: s, weights: d))
        }
        let bias = rows.enumerated().map { i, row in simplified.layers[m].bias[i] - original.layers[m].bias[row] }
        changed = changed || bias.contains { $0 != 0 }
        // The block from the previous layer goes first, as a layer's main connection must.
        blocks.sort { ($0.source == m - 1 ? 0 : 1, -$0.source) < ($1.source == m - 1 ? 0 : 1, -$1.source) }
        return changed ? (blocks, bias) : nil
    }

    /// `R_m[i] = max over the samples of |r_m[i](x)|` for every layer: with these, the bound
    /// holds on every row of `inputs`. One forward pass and one product per block:
    /// O(samples x parameters).
    public func sampleResiduals(on inputs: Matrix) throws(CondenseError) -> [[Double]] {
        let activations = try original.forwardAll(inputs)
        return try original.layers.indices.map { (m) throws(CondenseError) -> [Double] in
            guard m > 0, let map = residualMap(ofLayer: m) else { return [] }
            var r = Matrix(rows: inputs.rows, columns: map.bias.count)
            for s in 0..<inputs.rows { for i in 0..<map.bias.count { r[s, i] = map.bias[i] } }
            for block in map.blocks {
                let part = DenseAlgebra.product(activations.values[block.source], block.weights, transposeB: true)
                for e in r.values.indices { r.values[e] += part.values[e] }
            }
            var worst = [Double](repeating: 0, count: r.columns)
            for e in r.values.indices { worst[e % r.columns] = max(worst[e % r.columns], Double(abs(r.values[e]))) }
            return worst
        }
    }

    /// `R_m[i] >= max over the box of |r_m[i](x)|` for every layer, by symbolic bounds on an
    /// auxiliary network: the original layers below `m`, then a ReLU layer computing `r_m`
    /// (so that its pre-activations are back-substituted), then a zero output layer.
    /// One ``SymbolicBounds`` run per changed layer.
    public func domainResiduals(on domain: InputBox) throws(CondenseError) -> [[Double]] {
        try original.layers.indices.map { (m) throws(CondenseError) -> [Double] in
            guard m > 0, let map = residualMap(ofLayer: m) else { return [] }
            let width = map.bias.count
            let residual = Layer(name: "residual", width: width, activation: .relu, bias: map.bias, inputs: map.blocks)
            let sink = Layer(name: "sink", width: 1, activation: .identity, bias: [0],
                             inputs: [Connection(source: m, weights: Matrix(rows: 1, columns: width))])
            let auxiliary = try Network(layers: Array(original.layers[0..<m]) + [residual, sink])
            let bounds = SymbolicBounds().bounds(of: auxiliary, on: domain)
            return (0..<width).map { max(abs(bounds.lower[m][$0]), abs(bounds.upper[m][$0])) }
        }
    }
}
