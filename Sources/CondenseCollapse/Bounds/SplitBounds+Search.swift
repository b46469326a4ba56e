import COpenBLAS
import CondenseCore

/// The data of the second-layer problem, in double precision.
struct SplitProblem {
    let d: Int, n1: Int
    /// First layer, row-major `n1 x d`, its bias and its (exact, interval) bounds.
    let w1: [Double], b1: [Double], l1: [Double], u1: [Double]
    /// Second layer, row-major `n2 x n1`, and its bias.
    let w2: [Double], b2: [Double]
    let lo: [Double], hi: [Double]

    /// Whether the search applies: two hidden layers at least, the first a ReLU layer reading
    /// only the input, the second reading only the first.
    static func applies(to network: Network) -> Bool {
        network.layers.count > 3 && network.layers[1].activation == .relu
            && network.layers[1].inputs.count == 1 && network.layers[1].inputs[0].source == 0
            && network.layers[2].inputs.count == 1 && network.layers[2].inputs[0].source == 1
    }

    init?(network: Network, bounds: PreActivationBounds, domain: InputBox) {
        guard Self.applies(to: network) else { return nil }
        d = network.inputWidth
        n1 = network.layers[1].width
        w1 = network.layers[1].inputs[0].weights.values.map(Double.init)
        b1 = network.layers[1].bias.map(Double.init)
        l1 = bounds.lower[1]
        u1 = bounds.upper[1]
        w2 = network.layers[2].inputs[0].weights.values.map(Double.init)
        b2 = network.layers[2].bias.map(Double.init)
        lo = domain.lower.map(Double.init)
        hi = domain.upper.map(Double.init)
    }

    /// `W1^T k` (length d). O(d n1).
    func transposedProduct(_ k: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: d)
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(n1), Int32(d), 1, w1, Int32(d), k, 1, 0, &g, 1)
        return g
    }

    /// `W1 x + b1` (length n1). O(d n1).
    func firstLayer(_ x: [Double]) -> [Double] {
        var z = b1
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n1), Int32(d), 1, w1, Int32(d), x, 1, 1, &z, 1)
        return z
    }
}

/// Branch and bound for one second-layer neuron and side: proves `sign * z2_t <= 0` on the box.
struct SplitSearch {
    /// A subdomain: the split of each first-layer neuron (0 free, +1 active, -1 inactive)
    /// and its warm-started multipliers.
    struct Node {
        var split: [Int8]
        var alpha: [Double]
        var beta: [Double]
        var bound: Double
    }

    let problem: SplitProblem
    let sign: Double
    let iterations: Int
    /// `sign * v_i`: the coefficient of `relu(z1_i)` in the maximised form.
    let c: [Double]
    let constant: Double
    /// `max |c_i|`: the scale of the multipliers' steps.
    let scale: Double
    private(set) var disproved = false

    init(problem: SplitProblem, target t: Int, sign: Double, iterations: Int) {
        self.problem = problem
        self.sign = sign
        self.iterations = iterations
        c = (0..<problem.n1).map { sign * problem.w2[t * problem.n1 + $0] }
        constant = sign * problem.b2[t]
        scale = c.reduce(0) { max($0, abs($1)) }
    }

    /// Whether every subdomain ends with a bound `<= 0` within `budget` subdomains.
    mutating func proves(budget: Int) -> Bool {
        let n = problem.n1
        let start = (0..<n).map { i -> Double in problem.u1[i] > -problem.l1[i] ? 1 : 0 }  // DeepPoly's choice
        var root = Node(split: [Int8](repeating: 0, count: n), alpha: start, beta: [Double](repeating: 0, count: n),
                        bound: .infinity)
        optimise(&root)
        if disproved { return false }
        var open = root.bound <= 0 ? [] : [root]
        var visited = 1
        while let node = open.popLast() {
            guard let i = branchingNeuron(node) else { return false }  // nothing left to split: relaxation is exact
            for side: Int8 in [1, -1] {
                var child = node
                child.split[i] = side
                optimise(&child)
                visited += 1
                if disproved || visited > budget { return false }
                if child.bound > 0 { open.append(child) }
            }
            open.sort { $0.bound < $1.bound }  // the worst subdomain last, split next
        }
        return true
    }

    /// The free unstable neuron with the largest `|c_i|` times triangle area, if any.
    func branchingNeuron(_ node: Node) -> Int? {
        var best: Int?, score = 0.0
        for i in 0..<problem.n1 where node.split[i] == 0 && problem.l1[i] < 0 && problem.u1[i] > 0 {
            let s = abs(c[i]) * problem.u1[i] * -problem.l1[i] / (problem.u1[i] - problem.l1[i])
            if s > score { (best, score) = (i, s) }
        }
        return best
    }

    /// Projected subgradient descent on `alpha` and `beta` (steps normalised by `|c_i|` and
    /// the bound width `u_i - l_i`); keeps the lowest bound seen, and flags `disproved`
    /// when a relaxation maximiser, a point of the box, makes `sign * z2_t > 0` for real.
    mutating func optimise(_ node: inout Node) {
        for step in 0..<iterations {
            let (bound, z) = evaluate(node)
            node.bound = min(node.bound, bound)
            if node.bound <= 0 { return }
            if realValue(z) > 0 {
                disproved = true
                return
            }
            let rate = 0.5 / Double(step + 1).squareRoot()
            for i in 0..<problem.n1 where problem.l1[i] < 0 && problem.u1[i] > 0 {
                let width = problem.u1[i] - problem.l1[i]
                switch node.split[i] {
                case 0 where c[i] < 0: node.alpha[i] = min(1, max(0, node.alpha[i] + rate * z[i] / width))
                case 1: node.beta[i] = max(0, node.beta[i] - rate * scale * z[i] / width)
                case -1: node.beta[i] = max(0, node.beta[i] + rate * scale * z[i] / width)
                default: break
                }
            }
        }
    }

    /// The relaxation's bound on the node and `z1` at its maximiser. O(d n1).
    func evaluate(_ node: Node) -> (Double, [Double]) {
        var k = [Double](repeating: 0, count: problem.n1)
        var bound = constant
        for i in 0..<problem.n1 {
            let l = problem.l1[i], u = problem.u1[i]
            if u <= 0 { continue }
            if l >= 0 { k[i] = c[i]; continue }
            switch node.split[i] {
            case 1: k[i] = c[i] + node.beta[i]
            case -1: k[i] = -node.beta[i]
            default:
                if c[i] >= 0 {
                    k[i] = c[i] * u / (u - l)
                    bound -= k[i] * l
                } else {
                    k[i] = c[i] * node.alpha[i]
                }
            }
        }
        for i in 0..<problem.n1 { bound += k[i] * problem.b1[i] }
        let g = problem.transposedProduct(k)
        var x = [Double](repeating: 0, count: problem.d)
        for j in 0..<problem.d {
            x[j] = g[j] >= 0 ? problem.hi[j] : problem.lo[j]
            bound += g[j] * x[j]
        }
        return (bound, problem.firstLayer(x))
    }

    /// `sign * z2_t` at a point with first-layer pre-activations `z`.
    func realValue(_ z: [Double]) -> Double {
        var value = constant
        for i in 0..<problem.n1 where z[i] > 0 { value += c[i] * z[i] }
        return value
    }
}
