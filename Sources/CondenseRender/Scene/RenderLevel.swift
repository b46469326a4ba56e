import CondenseCore

/// The level of detail of a drawing.
public enum RenderLevel: String, CaseIterable, Sendable, Codable {
    /// Every neuron a node (``NeuronDrawing``).
    case neuron
    /// One box per layer (``LayerDrawing``).
    case layer
    /// Neuron level while it stays readable, else layer level.
    case auto

    /// Largest number of non-input neurons drawn at neuron level by `auto`.
    public static let autoNeuronLimit = 4_096
    /// Largest number of edges (before thinning) drawn at neuron level by `auto`.
    public static let autoEdgeLimit = 5_000_000

    /// `neuron` or `layer`: `auto` picks neuron level up to ``autoNeuronLimit`` non-input
    /// neurons and ``autoEdgeLimit`` edges. O(parameters) for the edge count.
    public func resolved(for network: Network) -> RenderLevel {
        guard self == .auto else { return self }
        let neurons = network.neuronCount - network.inputWidth
        return neurons <= Self.autoNeuronLimit && network.edgeCount <= Self.autoEdgeLimit ? .neuron : .layer
    }
}
