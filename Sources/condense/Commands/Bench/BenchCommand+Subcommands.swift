import ArgumentParser

extension BenchCommand {
    /// Every benchmark. Add new ones here.
    static let allSubcommands: [ParsableCommand.Type] = [
        BenchInferenceCommand.self,
        BenchTrainCommand.self,
        BenchSimplifyCommand.self,
        BenchRenderCommand.self,
        BenchLabelsCommand.self,
    ]
}
