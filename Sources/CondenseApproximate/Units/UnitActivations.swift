import CondenseCore
import CondenseGraph

/// Calibration values of a consumer's input around one unit layer's units, and the rows of
/// least-squares problems built from them: convolution patches at sampled output positions
/// (im2col of a few positions per sample) or the dense features of every sample.
struct ConsumerRows {
    /// Design rows (`rows × slots·block`, row-major) and the `(sample, y, x)` each was taken at.
    var design: Matrix
    var positions: [(n: Int, y: Int, x: Int)]

    /// Patches of `input` (`[N, C, H, W]`) for the window of `node` at `perSample` random
    /// output positions of each sample (every position when there are fewer), or the rows of
    /// a `[N, F]` input. O(rows · C · kernel).
    init(input: GraphTensor, node: GraphNode, kernel: [Int], perSample: Int, rng: inout SplitMix64) throws(CondenseError) {
        let x = try input.floats("calibration input")
        if input.rank == 2 {
            design = Matrix(rows: input.shape[0], columns: input.shape[1], values: x)
            positions = (0..<input.shape[0]).map { ($0, 0, 0) }
            return
        }
        guard input.rank == 4, kernel.count == 2 else { throw .internalError("unit rows need a [N, C, H, W] or [N, F] input") }
        let n = input.shape[0], c = input.shape[1], h = input.shape[2], w = input.shape[3]
        let g = try WindowGeometry(node, input: [h, w], kernel: kernel)
        let outH = g.output[0], outW = g.output[1]
        let block = kernel[0] * kernel[1]
        var chosen: [(n: Int, y: Int, x: Int)] = []
        for s in 0..<n {
            if outH * outW <= perSample {
                for y in 0..<outH { for xx in 0..<outW { chosen.append((s, y, xx)) } }
            } else {
                for _ in 0..<perSample {
                    let p = Int(rng.next() % UInt64(outH * outW))
                    chosen.append((s, p / outW, p % outW))
                }
            }
        }
        var values = [Float](repeating: 0, count: chosen.count * c * block)
        for (r, p) in chosen.enumerated() {
            for ch in 0..<c {
                for ky in 0..<kernel[0] {
                    let iy = p.y * g.strides[0] - g.padsBegin[0] + ky * g.dilations[0]
                    guard iy >= 0, iy < h else { continue }
                    for kx in 0..<kernel[1] {
                        let ix = p.x * g.strides[1] - g.padsBegin[1] + kx * g.dilations[1]
                        guard ix >= 0, ix < w else { continue }
                        values[(r * c + ch) * block + ky * kernel[1] + kx] = x[((p.n * c + ch) * h + iy) * w + ix]
                    }
                }
            }
        }
        design = Matrix(rows: chosen.count, columns: c * block, values: values)
        positions = chosen
    }

    /// The values of `output` (`[N, K, H', W']` or `[N, K]`) at the rows' positions: `rows × K`.
    func targets(_ output: GraphTensor) throws(CondenseError) -> Matrix {
        let y = try output.floats("calibration target")
        let k = output.shape[1]
        var t = Matrix(rows: positions.count, columns: k)
        if output.rank == 2 {
            for (r, p) in positions.enumerated() { for o in 0..<k { t[r, o] = y[p.n * k + o] } }
            return t
        }
        let h = output.shape[2], w = output.shape[3]
        for (r, p) in positions.enumerated() { for o in 0..<k { t[r, o] = y[((p.n * k + o) * h + p.y) * w + p.x] } }
        return t
    }
}
