import ArgumentParser

extension CondenseCommand {
    /// Every subcommand, in the order of the data flow. Add new commands here.
    static let allSubcommands: [ParsableCommand.Type] = [
        InspectCommand.self,
        EvaluateCommand.self,
        RenderCommand.self,
        LabelsCommand.self,
        PlantCommand.self,
        SimplifyCommand.self,
        FineTuneCommand.self,
        SweepCommand.self,
        DemoCommand.self,
        BenchCommand.self,
    ]
}
