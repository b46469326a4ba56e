import CondenseCore
import Foundation
import SwiftProtobuf

extension ONNXModel {
    /// The model patched to compute `network` (same input and output widths, same
    /// number of layers; widths of hidden layers and skip connections may differ),
    /// serialized. Nodes outside the core are kept as they are.
    public func exportData(network: Network, metadata extra: [String: String] = [:]) throws(CondenseError) -> Data {
        try network.validate()
        guard network.inputWidth == self.network.inputWidth, network.outputWidth == self.network.outputWidth else {
            throw .invalidArgument(
                "cannot write a \(network.inputWidth)->\(network.outputWidth) network into a "
                    + "\(self.network.inputWidth)->\(self.network.outputWidth) model")
        }
        var model = proto
        if network != self.network {
            var patch = GraphPatch(graph: proto.graph, core: core)
            model.graph = try patch.apply(network)
        }
        // An unchanged network keeps the graph as it was read, so its outputs stay bit-identical.
        // IR 4 lets initializers live outside the graph inputs (needed once shapes change).
        if model.irVersion < 4 && network != self.network { model.irVersion = 4 }
        var props = metadata
        if let domain = network.inputDomain, props["condense.input_domain"] == nil {
            props["condense.input_domain"] = "\(domain.lowerBound),\(domain.upperBound)"
        }
        for (k, v) in extra { props[k] = v }
        return try Self.serialized(model, metadata: props)
    }

    /// `model` with `metadata` as its `metadata_props` (sorted by key), serialized.
    static func serialized(_ model: Onnx_ModelProto, metadata: [String: String]) throws(CondenseError) -> Data {
        var model = model
        model.metadataProps = metadata.sorted { $0.key < $1.key }.map { key, value in
            var entry = Onnx_StringStringEntryProto()
            entry.key = key
            entry.value = value
            return entry
        }
        do {
            return try model.serializedBytes()
        } catch {
            throw .internalError("cannot serialize the model: \(error)")
        }
    }

    /// Writes the model patched to `network` to `path`, atomically (temp file + rename).
    public func write(network: Network, to path: String, metadata: [String: String] = [:]) throws(CondenseError) {
        try AtomicFile.write(exportData(network: network, metadata: metadata), to: path)
    }
}
