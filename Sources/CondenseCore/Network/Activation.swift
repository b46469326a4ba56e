import Foundation

/// The element-wise function a neuron applies to its pre-activation `z = w·x + b`.
public enum Activation: Hashable, Sendable, Codable {
    case identity
    case relu
    /// `max(z, alpha z)`, ONNX `LeakyRelu` (default alpha 0.01).
    case leakyRelu(alpha: Float)
    case sigmoid
    case tanh

    /// Applies the activation to one value.
    @inlinable
    public func callAsFunction(_ z: Float) -> Float {
        switch self {
        case .identity: return z
        case .relu: return z > 0 ? z : 0
        case .leakyRelu(let alpha): return z >= 0 ? z : alpha * z
        case .sigmoid: return 1 / (1 + Foundation.exp(-z))
        case .tanh: return Foundation.tanh(z)
        }
    }

    /// `f(c z) = c f(z)` for every `c > 0`: neurons whose incoming weights and bias
    /// are proportional with a positive factor compute proportional outputs.
    public var isPositivelyHomogeneous: Bool {
        switch self {
        case .identity, .relu, .leakyRelu: return true
        case .sigmoid, .tanh: return false
        }
    }

    /// Whether the function is monotone non-decreasing (all activations here are).
    public var isMonotone: Bool { true }

    /// The ONNX operator that implements it (`nil` for identity, which needs no node).
    public var onnxOperator: String? {
        switch self {
        case .identity: return nil
        case .relu: return "Relu"
        case .leakyRelu: return "LeakyRelu"
        case .sigmoid: return "Sigmoid"
        case .tanh: return "Tanh"
        }
    }

    /// A short name for tables and JSON: `relu`, `leaky_relu(0.01)`, ...
    public var name: String {
        switch self {
        case .identity: return "identity"
        case .relu: return "relu"
        case .leakyRelu(let alpha): return "leaky_relu(\(alpha))"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        }
    }

    /// The image of `[lo, hi]` under the activation (every activation is monotone).
    public func image(of lo: Float, _ hi: Float) -> (Float, Float) { (self(lo), self(hi)) }
}

/// What the model does to the last layer's values before they leave (kept outside the core).
public enum OutputTransform: String, Hashable, Sendable, Codable {
    case none
    case softmax
    case logSoftmax = "log_softmax"

    /// Applies the transform to each row of `batch` in place.
    public func apply(to batch: inout Matrix) {
        guard self != .none else { return }
        let cols = batch.columns
        batch.values.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<batch.rows {
                let row = UnsafeMutableBufferPointer(rebasing: buffer[(r * cols)..<((r + 1) * cols)])
                var maxValue = -Float.infinity
                for v in row where v > maxValue { maxValue = v }
                var sum: Float = 0
                for v in row { sum += Foundation.exp(v - maxValue) }
                switch self {
                case .softmax:
                    for i in row.indices { row[i] = Foundation.exp(row[i] - maxValue) / sum }
                case .logSoftmax:
                    let logSum = Foundation.log(sum)
                    for i in row.indices { row[i] = row[i] - maxValue - logSum }
                case .none: break
                }
            }
        }
    }
}
