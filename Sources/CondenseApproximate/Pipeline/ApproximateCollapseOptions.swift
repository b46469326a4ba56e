import CondenseCollapse
import CondenseCore

/// How approximate collapse runs: how much to remove, how to spread it over the layers,
/// and the exact collapse that runs first.
public struct ApproximateCollapseOptions: Sendable {
    /// How far to go.
    public enum Target: Sendable, Hashable {
        /// Remove this fraction of the original hidden neurons (exact removals included).
        case fraction(Double)
        /// Remove as many as possible while the accuracy on the (labelled) calibration data
        /// drops by at most this many percentage points.
        case maxAccuracyDrop(Double)
        /// Remove as many as possible while the output-change bound stays at most this
        /// (the calibration bound with calibration data, else the domain bound).
        case epsilon(Double)
    }

    public var target: Target
    public var allocation: RemovalAllocation
    /// Options of the exact collapse that runs first (its domain is also the bound's box).
    public var exact: ExactCollapseOptions
    /// Random points of the input box the output change is measured on.
    public var randomPoints: Int
    public var seed: UInt64
    /// Whether to compute the bound over the whole input box (one symbolic bound
    /// computation per changed layer).
    public var boundOnDomain: Bool

    public init(target: Target, allocation: RemovalAllocation = .global,
                exact: ExactCollapseOptions = ExactCollapseOptions(), randomPoints: Int = 1000, seed: UInt64 = 0,
                boundOnDomain: Bool = true) {
        self.target = target
        self.allocation = allocation
        self.exact = exact
        self.randomPoints = randomPoints
        self.seed = seed
        self.boundOnDomain = boundOnDomain
    }

    /// Rejects options no run can honour, with one clear line.
    public func validate() throws(CondenseError) {
        try exact.validate()
        switch target {
        case .fraction(let f):
            guard f.isFinite, f >= 0, f < 1 else {
                throw .invalidArgument("the fraction to remove must be in [0, 1), not \(f)")
            }
        case .maxAccuracyDrop(let p):
            guard p.isFinite, p >= 0, p <= 100 else {
                throw .invalidArgument("the accuracy drop must be in [0, 100] percentage points, not \(p)")
            }
        case .epsilon(let e):
            guard e.isFinite, e >= 0 else { throw .invalidArgument("the output-change target must be a finite number >= 0, not \(e)") }
        }
        guard randomPoints >= 0 else { throw .invalidArgument("the number of random points must be >= 0") }
    }

    /// The target for reports: `fraction 0.5`, `max_accuracy_drop 0.3`, `epsilon 0.1`.
    public var targetDescription: String {
        switch target {
        case .fraction(let f): return "fraction \(f)"
        case .maxAccuracyDrop(let p): return "max_accuracy_drop \(p)"
        case .epsilon(let e): return "epsilon \(e)"
        }
    }
}
