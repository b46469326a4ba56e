import CondenseCore

extension UnitGraph {
    /// Each unit's activation per sample, layer by layer (rows: samples, columns: the layer's
    /// units, in unit order): a neuron's value, and a conv channel's mean over the positions
    /// of its output map, after its activation. Layer 0 reads the graph's input. The channel
    /// DAG's counterpart of a dense network's activations, for activation sketches.
    /// O(one forward pass + the size of the unit layers' outputs).
    public func activationSummaries(graph: ComputeGraph, batch: Matrix) throws(CondenseError) -> [Matrix] {
        let executor = GraphExecutor(graph: graph)
        let names = layers.map(\.outputTensor)
        var values = try executor.run(batch: batch, targets: names.filter { graph.producer[$0] != nil })
        if values[names[0]] == nil { values[names[0]] = try executor.inputTensor(batch) }
        return try layers.enumerated().map { (l, layer) throws(CondenseError) -> Matrix in
            guard let t = values[layer.outputTensor] else { throw .internalError("the output of unit layer \(l) was not computed") }
            let v = try t.floats(layer.outputTensor)
            let n = batch.rows
            guard t.rank >= 2, t.shape[0] == n, t.shape[1] == layer.width else {
                throw .shapeMismatch("unit layer '\(layer.name)' has \(layer.width) units; its output is \(t.shape)")
            }
            let positions = t.count / max(n * layer.width, 1)
            var m = Matrix(rows: n, columns: layer.width)
            for i in 0..<n {
                for k in 0..<layer.width {
                    let base = (i * layer.width + k) * positions
                    var s: Float = 0
                    for p in 0..<positions { s += v[base + p] }
                    m.values[i * layer.width + k] = s / Float(max(positions, 1))
                }
            }
            return m
        }
    }
}
