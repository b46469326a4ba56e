import ArgumentParser

extension BenchCommand {
    /// Every benchmark. Add new ones here.
    static let allSubcommands: [ParsableCommand.Type] = [
    ]
}
