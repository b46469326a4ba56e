import ArgumentParser

extension CondenseCommand {
    /// Every subcommand, in the order of the data flow. Add new commands here.
    static let allSubcommands: [ParsableCommand.Type] = [
        BenchCommand.self,
    ]
}
