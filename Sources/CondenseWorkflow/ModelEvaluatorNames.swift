import CondenseEval
import CondenseONNX

/// The names of a model's scored outputs (see ``CondenseEval/ModelEvaluator/outputNames(_:)``).
enum ModelEvaluatorNames {
    static func score(_ model: ONNXModel) -> String { ModelEvaluator.outputNames(model).score }
}
