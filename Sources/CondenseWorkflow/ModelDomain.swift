import CondenseCore
import CondenseData
import CondenseONNX

/// The input domain of a model and the box it gives its neural core.
///
/// `--domain LO,HI`, `--domain-from DATA` and the model's `condense.input_domain`
/// describe the **model's** input. The box is pushed through every node before the core
/// (exactly through affine pre-processing such as `Scaler` or `Sub`/`Div`, by interval
/// arithmetic elsewhere), so exact collapse proves on what the core really sees.
public struct ModelDomain: Sendable {
    /// The box of the model's input features.
    public var modelBox: InputBox
    /// The box of the core's inputs it implies.
    public var coreBox: InputBox

    /// The domain from an explicit range, else the range of a data set, else the model's metadata; `nil` without any.
    public static func resolve(_ model: ONNXModel, range: ClosedRange<Float>? = nil, dataset: Dataset? = nil) throws(CondenseError) -> ModelDomain? {
        var side = range
        if side == nil, let dataset {
            guard let r = dataset.range else { throw .invalidData("\(dataset.description) has no values to take a domain from") }
            side = r
        }
        if side == nil { side = model.metadata["condense.input_domain"].flatMap(ONNXModel.parseDomain) }
        guard let side else { return nil }
        let box = InputBox(uniform: side, width: model.inputFeatures)
        return ModelDomain(modelBox: box, coreBox: try model.coreBox(lower: box.lower, upper: box.upper))
    }
}
