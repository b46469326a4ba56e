/// Every error Condense reports to a user: one line that names the problem.
///
/// The CLI maps ``isUserError`` to exit code 1 (bad file, bad flag, bad data) and
/// everything else to exit code 2 (a bug in Condense).
public enum CondenseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file is not a readable model (truncated, not ONNX, inconsistent).
    case invalidModel(String)
    /// An operator Condense cannot place inside the neural core.
    case unsupportedOperator(node: String, op: String, reason: String)
    /// Two tensors whose shapes do not fit together.
    case shapeMismatch(String)
    /// A weight or bias that is NaN or infinite.
    case nonFiniteWeight(String)
    /// A data file that cannot be read (corrupt, truncated, wrong type).
    case invalidData(String)
    /// A command-line argument or API argument out of range.
    case invalidArgument(String)
    /// Reading or writing a file failed.
    case io(String)
    /// An invariant of Condense itself was broken: a bug, not a user error.
    case internalError(String)

    public var description: String {
        switch self {
        case .invalidModel(let m): return "invalid model: \(m)"
        case .unsupportedOperator(let node, let op, let reason):
            return "unsupported operator \(op) in node '\(node)': \(reason)"
        case .shapeMismatch(let m): return "shape mismatch: \(m)"
        case .nonFiniteWeight(let m): return "non-finite weight: \(m)"
        case .invalidData(let m): return "invalid data: \(m)"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .io(let m): return "I/O error: \(m)"
        case .internalError(let m): return "internal error: \(m)"
        }
    }

    /// Whether the error comes from the user's input (exit code 1) rather than from a bug (exit code 2).
    public var isUserError: Bool {
        if case .internalError = self { return false }
        return true
    }
}
