extension Onnx_NodeProto {
    /// The attribute called `name`, if the node has it.
    func attribute(_ name: String) -> Onnx_AttributeProto? { attribute.first { $0.name == name } }

    /// A float attribute, or `fallback` when absent.
    func float(_ name: String, default fallback: Float) -> Float { attribute(name).map(\.f) ?? fallback }

    /// An integer attribute, or `fallback` when absent.
    func int(_ name: String, default fallback: Int64) -> Int64 { attribute(name).map(\.i) ?? fallback }

    /// Sets (or replaces) a float attribute.
    mutating func setFloat(_ name: String, _ value: Float) {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .float
        a.f = value
        if let i = attribute.firstIndex(where: { $0.name == name }) { attribute[i] = a } else { attribute.append(a) }
    }

    /// A readable name for error messages: the node name, or its operator and first output.
    var displayName: String { name.isEmpty ? "\(opType)->\(output.first ?? "?")" : name }
}
