import CondenseCore

/// The catalogue of reduction methods by command-line name: Condense's three and the
/// published baselines (the low-rank SVD reference is separate: it removes no neurons).
public enum ReductionMethods {
    /// Every method, Condense's first, strongest first.
    public static let all: [any ReductionMethod] = [
        LeastSquaresElimination(),
        CondenseMerging(refit: true),
        CondenseMerging(refit: false),
        RandomPruning(),
        NeuronMagnitudePruning(norm: .l1),
        NeuronMagnitudePruning(norm: .l2),
        ActivationPruning(statistic: .mean),
        ActivationPruning(statistic: .apoz),
        TaylorPruning(),
        DataFreeMerging(),
        NeuronMerging(),
    ]

    /// The names of ``all``, in order.
    public static var names: [String] { all.map(\.name) }

    /// The method called `name`, or `invalidArgument` listing the valid names.
    public static func named(_ name: String) throws(CondenseError) -> any ReductionMethod {
        guard let method = all.first(where: { $0.name == name }) else {
            throw .invalidArgument("unknown method '\(name)'; choose one of \(names.joined(separator: ", "))")
        }
        return method
    }

    /// The default: `condense-ls` with calibration data, the data-free `condense-merge` without.
    public static func defaultMethod(hasCalibration: Bool) -> any ReductionMethod {
        hasCalibration ? LeastSquaresElimination() : CondenseMerging(refit: false)
    }
}
