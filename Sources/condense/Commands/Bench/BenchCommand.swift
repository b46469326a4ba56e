import ArgumentParser

/// `condense bench ...`: timings measured in one run, reported as medians and ratios.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed in one run (medians of repeated runs, ratios against a reference).",
        subcommands: BenchCommand.allSubcommands)
}
