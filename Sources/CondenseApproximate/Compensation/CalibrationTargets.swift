import CondenseCore

/// The starting network's pre-activations on the calibration inputs: what a least-squares
/// re-fit reconstructs. Computed once per reduction with one forward pass,
/// O(samples * parameters).
struct CalibrationTargets {
    let original: LayerActivations

    init(network: Network, calibration: CalibrationData) throws(CondenseError) {
        original = try network.forwardAll(calibration.inputs)
    }

    /// The pre-activations of layer `m`'s neurons `rows` (starting-network indices), one
    /// row per sample. O(samples * rows).
    func preActivations(ofLayer m: Int, rows: [Int]) -> Matrix {
        let z = original.preActivations[m]
        return rows.count == z.columns ? z : z.selectingColumns(rows)
    }

    /// Re-fits every layer that reads layer `l` in the reduced network `state` to the
    /// starting network's pre-activations, in layer order (a consumer may read an earlier
    /// one, so the forward pass is redone after each fit). One forward pass plus one
    /// least-squares fit per consumer (see ``Compensation/refit(layer:of:activations:target:ridge:)``).
    func refitConsumers(of l: Int, in state: inout ReductionState, calibration: CalibrationData, ridge: Double)
        throws(CondenseError)
    {
        for m in state.network.consumers(of: l) {
            let activations = try state.network.forwardAll(calibration.inputs)
            let target = preActivations(ofLayer: m, rows: state.originalIndex[m])
            try Compensation.refit(layer: m, of: &state.network, activations: activations, target: target, ridge: ridge)
        }
    }
}
