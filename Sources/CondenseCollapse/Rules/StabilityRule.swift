import CondenseCore

/// **Stable neurons on an input domain**: bounds on every pre-activation over the box
/// `[lo, hi]^d` (interval, then symbolic, then branch and bound on ReLU splits by default:
/// ``ExactCollapseOptions/BoundMethod``) decide which ReLU-like neurons never switch.
///
/// - A ReLU with upper bound `<= 0` outputs 0 on the whole box: removed (`stable_dead`).
/// - A ReLU or LeakyReLU with lower bound `>= 0`, a LeakyReLU with upper bound `<= 0`
///   (output `alpha z`) and an identity neuron are linear on the box: `out = s (w x + b)`.
///   They are folded into their consumers (``LinearFold``, which may create skip
///   connections) and removed (`stable_linear`), when the parameter count after the fold
///   is at most `maxParameterGrowth` times the count before it.
///
/// Bounds stay valid while editing: removing a dead neuron or folding a linear one leaves
/// the function unchanged on the box. O(bound computation + parameters touched by folds).
struct StabilityRule: CollapseRule {
    let name = "stable"
    var domain: InputBox
    var propagation: any BoundPropagation
    var maxParameterGrowth: Double

    func apply(to state: inout CollapseState) throws(CondenseError) -> Int {
        let bounds = propagation.bounds(of: state.network, on: domain)
        state.unprovenAtTimeLimit = bounds.unprovenAtTimeLimit
        state.clearDeclinedFolds()
        var removed = 0
        for l in state.network.hiddenLayers {
            let f = state.network.layers[l].activation
            let (lower, upper) = (bounds.lower[l], bounds.upper[l])
            var dead: [Int] = []
            var linear: [Int] = []
            var slopes: [Float] = []
            for i in 0..<state.network.layers[l].width {
                guard let kind = Self.classify(f, lower: lower[i], upper: upper[i]) else { continue }
                switch kind {
                case .dead: dead.append(i)
                case .linear(let slope):
                    linear.append(i)
                    slopes.append(slope)
                }
            }
            let width = state.network.layers[l].width
            if dead.isEmpty, linear.count == width {  // a layer keeps one unit
                linear.removeFirst()
                slopes.removeFirst()
            }
            var fold = LinearFold(layer: l, neurons: linear, slopes: slopes)
            if !linear.isEmpty {
                let before = state.network.parameterCount - fold.parametersFreed(removing: dead.count, in: state.network)
                let after = before - fold.parametersFreed(removing: linear.count, in: state.network)
                    + fold.parametersAdded(in: state.network)
                if Double(after) <= maxParameterGrowth * Double(before) {
                    fold.apply(to: &state.network)
                } else {
                    state.declineFold(layer: l, neurons: linear, parametersBefore: before, parametersAfter: after)
                    fold = LinearFold(layer: l, neurons: [], slopes: [])
                }
            }
            let slopeOf = Dictionary(uniqueKeysWithValues: zip(fold.neurons, fold.slopes))
            if dead.count + fold.neurons.count == width { dead.removeFirst() }  // a layer keeps one unit
            let gone = (dead + fold.neurons).sorted()
            state.remove(gone, fromLayer: l) { i, id in
                var evidence = ["lower": lower[i], "upper": upper[i]]
                if let slope = slopeOf[i] { evidence["slope"] = Double(slope) }
                return NeuronFate(neuron: id, rule: slopeOf[i] == nil ? .stableDead : .stableLinear, evidence: evidence)
            }
            removed += gone.count
        }
        return removed
    }

    enum Stability { case dead, linear(slope: Float) }

    /// What a neuron with activation `f` and pre-activation bounds `[lower, upper]` is on the box.
    static func classify(_ f: Activation, lower: Double, upper: Double) -> Stability? {
        switch f {
        case .identity: return .linear(slope: 1)
        case .relu: return upper <= 0 ? .dead : (lower >= 0 ? .linear(slope: 1) : nil)
        case .leakyRelu(let alpha): return upper <= 0 ? .linear(slope: alpha) : (lower >= 0 ? .linear(slope: 1) : nil)
        case .sigmoid, .tanh: return nil
        }
    }
}
