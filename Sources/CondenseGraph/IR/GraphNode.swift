import CondenseCore

/// One operator application of the graph IR, as ONNX spells it.
public struct GraphNode: Sendable {
    public var name: String
    public var opType: String
    /// The operator set: `""` for the default ONNX domain, `"ai.onnx.ml"` for scikit-learn's operators.
    public var domain: String
    /// Input tensor names; `""` marks an omitted optional input.
    public var inputs: [String]
    /// Output tensor names; `""` marks an omitted optional output.
    public var outputs: [String]
    public var attributes: [String: Attribute]

    public init(name: String, opType: String, domain: String = "", inputs: [String], outputs: [String],
                attributes: [String: Attribute] = [:]) {
        self.name = name
        self.opType = opType
        self.domain = domain == "ai.onnx" ? "" : domain
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
    }

    /// An attribute value.
    public enum Attribute: Sendable {
        case int(Int64)
        case float(Float)
        case string(String)
        case ints([Int64])
        case floats([Float])
        case strings([String])
        case tensor(GraphTensor)
        /// A graph or another kind Condense does not execute.
        case unsupported(String)
    }

    /// A readable name for messages: the node name, or its operator and first output.
    public var displayName: String {
        let base = name.isEmpty ? "\(opType)->\(outputs.first ?? "?")" : name
        return base.replacingControlCharacters
    }

    /// Whether the node is `opType` of the default domain.
    public func isONNX(_ op: String) -> Bool { opType == op && domain.isEmpty }

    /// The `i`-th input name when it is present.
    public func input(_ i: Int) -> String? { i < inputs.count && !inputs[i].isEmpty ? inputs[i] : nil }

    // MARK: Attributes

    package func fail(_ reason: String) -> CondenseError {
        .unsupportedOperator(node: displayName, op: opType, reason: reason)
    }

    /// An integer attribute, or `fallback`; an error when it has another type.
    public func int(_ key: String, _ fallback: Int64) throws(CondenseError) -> Int64 {
        switch attributes[key] {
        case nil: return fallback
        case .int(let v)?: return v
        default: throw fail("attribute '\(key)' must be an integer")
        }
    }

    /// A float attribute, or `fallback`; refused when NaN or infinite.
    public func float(_ key: String, _ fallback: Float) throws(CondenseError) -> Float {
        switch attributes[key] {
        case nil: return fallback
        case .float(let v)?:
            guard v.isFinite else { throw fail("attribute '\(key)' is \(v); it must be finite") }
            return v
        case .int(let v)?: return Float(v)
        default: throw fail("attribute '\(key)' must be a float")
        }
    }

    public func string(_ key: String, _ fallback: String) throws(CondenseError) -> String {
        switch attributes[key] {
        case nil: return fallback
        case .string(let v)?: return v
        default: throw fail("attribute '\(key)' must be a string")
        }
    }

    public func ints(_ key: String) throws(CondenseError) -> [Int64]? {
        switch attributes[key] {
        case nil: return nil
        case .ints(let v)?: return v
        case .int(let v)?: return [v]
        default: throw fail("attribute '\(key)' must be a list of integers")
        }
    }

    public func floats(_ key: String) throws(CondenseError) -> [Float]? {
        switch attributes[key] {
        case nil: return nil
        case .floats(let v)?:
            if let bad = v.first(where: { !$0.isFinite }) { throw fail("attribute '\(key)' holds \(bad); it must be finite") }
            return v
        case .float(let v)?: return [v]
        default: throw fail("attribute '\(key)' must be a list of floats")
        }
    }

    public func strings(_ key: String) throws(CondenseError) -> [String]? {
        switch attributes[key] {
        case nil: return nil
        case .strings(let v)?: return v
        case .string(let v)?: return [v]
        default: throw fail("attribute '\(key)' must be a list of strings")
        }
    }
}
