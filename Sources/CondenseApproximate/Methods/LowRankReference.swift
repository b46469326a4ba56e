import COpenBLAS
import CondenseCore

/// Per-layer low-rank factorisation (Denil, Shakibi, Dinh, Ranzato, de Freitas,
/// "Predicting parameters in deep learning", NeurIPS 2013): every weight block
/// `W (out x in)` is replaced by its best rank-`r` approximation `U_r S_r V_r^T`
/// (Eckart–Young, truncated SVD by LAPACK `sgesdd`), which costs `r (out + in)` parameters.
///
/// It keeps every neuron and changes the parameter count only, so it is a parameter-count
/// reference for neuron removal: given a budget (the parameter count of a neuron-reduced
/// network), ranks are raised greedily, one at a time, where the next singular value
/// carries the largest share of its block's energy `σ²_{r+1} / ||W||²_F`, while the budget
/// allows; a block whose factors would not be smaller than `out x in` is kept dense.
/// The factorised network is evaluated as its dense product (same function); exporting it
/// would need extra ONNX nodes. Time O(min(out, in) out in) per block for the SVD, plus
/// O(total rank x blocks) for the ranks.
public struct LowRankReference: Sendable {
    public init() {}

    /// The factorised network (stored densely), its parameter count as factors plus biases,
    /// and the rank of every block (`ranks[l][c]` for block `c` of layer `l`; `nil` when the
    /// block stays dense).
    public struct Result: Sendable {
        public var network: Network
        public var parameters: Int
        public var ranks: [[Int?]]
    }

    /// Factorises the blocks of `network` so that the parameter count (factors or dense
    /// blocks, plus all biases) is at most `budget`, every block at least rank 1. Throws
    /// `invalidArgument` when even rank 1 everywhere does not fit.
    public func approximate(_ network: Network, budget: Int) throws(CondenseError) -> Result {
        var blocks: [Block] = []
        for l in 1..<network.layers.count {
            for (c, connection) in network.layers[l].inputs.enumerated() {
                blocks.append(try Block(layer: l, index: c, weights: connection.weights))
            }
        }
        let biases = network.layers.reduce(0) { $0 + $1.bias.count }
        var spent = biases + blocks.reduce(0) { $0 + $1.cost }
        guard spent <= budget else {
            throw .invalidArgument("a parameter budget of \(budget) is below rank 1 in every block (\(spent))")
        }
        var open = Set(blocks.indices)
        while let k = open.max(by: { blocks[$0].nextGain < blocks[$1].nextGain }) {
            let extra = blocks[k].costOfNextRank
            if blocks[k].isDense || extra == nil || spent + (extra ?? 0) > budget {
                open.remove(k)
                continue
            }
            spent += extra ?? 0
            blocks[k].rank += 1
        }
        var result = network
        var ranks: [[Int?]] = network.layers.map { $0.inputs.map { _ in nil } }
        for block in blocks where !block.isDense {
            result.layers[block.layer].inputs[block.index].weights = block.truncated()
            ranks[block.layer][block.index] = block.rank
        }
        return Result(network: result, parameters: spent, ranks: ranks)
    }

    /// One weight block with its singular value decomposition and current rank.
    struct Block {
        let layer: Int, index: Int
        let rows: Int, columns: Int
        let svd: SingularValueDecomposition
        let energy: Double
        var rank = 1

        init(layer: Int, index: Int, weights: Matrix) throws(CondenseError) {
            self.layer = layer
            self.index = index
            rows = weights.rows
            columns = weights.columns
            svd = try SingularValueDecomposition(weights)
            energy = svd.values.reduce(0) { $0 + Double($1) * Double($1) }
        }

        /// Stored as dense once factors would not be smaller.
        var isDense: Bool { rank * (rows + columns) >= rows * columns || rank >= svd.values.count }
        /// Parameters at the current rank.
        var cost: Int { isDense ? rows * columns : rank * (rows + columns) }
        /// Parameters one more rank adds (up to the dense size), `nil` at full rank.
        var costOfNextRank: Int? {
            guard !isDense else { return nil }
            return min((rank + 1) * (rows + columns), rows * columns) - cost
        }
        /// The share of the block's energy the next singular value adds.
        var nextGain: Double {
            guard rank < svd.values.count, energy > 0 else { return -1 }
            return Double(svd.values[rank]) * Double(svd.values[rank]) / energy
        }

        func truncated() -> Matrix { svd.reconstruction(rank: rank) }
    }
}
