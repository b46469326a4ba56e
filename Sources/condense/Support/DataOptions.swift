import ArgumentParser
import CondenseCore
import CondenseData
import CondenseONNX

/// `--data PATH [--limit N] [--scale S]`: a data set for commands that run a model.
struct DataOptions: ParsableArguments {
    @Option(help: "Data: a folder with MNIST IDX files (plain or .gz), an IDX images file, a .npz (x, y) or a .npy.")
    var data: String

    @Option(help: "Use only the first N samples.")
    var limit: Int?

    @Option(help: "Input scaling for integer data, e.g. 1/255 (default: the model's condense.input_scale, else 1/255).")
    var scale: String?

    func validate() throws {
        if let limit, limit <= 0 { throw ValidationError("--limit must be positive") }
    }

    /// Loads the data, scaled as the option, the model's metadata or the default says.
    func load(for model: ONNXModel?, split: Dataset.Split = .test) throws -> Dataset {
        var factor: Float? = model?.inputScale
        if let scale {
            guard let parsed = ONNXModel.parseScale(scale), parsed > 0 else {
                throw CondenseError.invalidArgument("--scale '\(scale)' is not a positive number or fraction")
            }
            factor = parsed
        }
        return try Dataset.load(path: data, scale: factor, limit: limit, split: split)
    }
}
