import ArgumentParser
import CondenseCollapse
import CondenseCore
import CondenseONNX
import Foundation

/// `condense plant -o OUT.onnx`: a random ReLU MLP with planted redundancy of every kind
/// exact collapse removes, and the list of what was planted, to check `simplify` against.
struct PlantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plant",
        abstract: "Write a seeded random MLP with planted redundant neurons (duplicates, scaled and bisimilar "
            + "copies, dead ends, constants, stably dead and stably linear neurons) and list them.",
        discussion: """
            --widths gives the base widths (input, hidden..., output); --planted adds that many neurons to \
            each hidden layer, spread evenly over the kinds that fit it (bisimilar from the second hidden \
            layer on, stably linear only in the last). The default is 784-(512+128)-(256+128)-10.
            """)

    @Option(name: .shortAndLong, help: "Where to write the ONNX model.") var output: String
    @Option(help: "Base widths, input first: 784,512,256,10.") var widths = "784,512,256,10"
    @Option(help: "Memory budget in GB for the planted network.") var maxMemory = 4
    @Option(help: "Planted neurons per hidden layer: 128,128.") var planted = "128,128"
    @Option(help: "Hidden activation: relu, leaky_relu, sigmoid or tanh.") var activation = "relu"
    @Option(help: "Input box LO,HI the network is planted for.") var domain = "0,1"
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Report: Encodable {
        var output: String
        var seed: UInt64
        var widths: [Int]
        var plantedByKind: [String: Int]
        var planted: [PlantedNeuron]

        enum CodingKeys: String, CodingKey {
            case output, seed, widths, planted
            case plantedByKind = "planted_by_kind"
        }
    }

    func run() async throws {
        try OutputSafety.check(outputs: [("-o", output)], inputs: [])
        let baseWidths = try Self.integers(widths, "--widths"), extra = try Self.integers(planted, "--planted")
        // Weights of the planted network (each layer's width times the next, planted neurons included), a few copies.
        let total = zip(baseWidths, baseWidths.indices.map { $0 < extra.count + 1 && $0 > 0 ? extra[$0 - 1] : 0 }).map { $0 &+ $1 }
        var weights = 0
        for i in 1..<max(total.count, 1) { weights = weights &+ (MemoryBudget.size([total[i - 1], total[i]], bytesEach: 1) ?? Int.max / 4) }
        try MemoryBudget(bytes: maxMemory << 30).check(MemoryBudget.size([weights, 3]), what: "a planted network of widths \(total)",
                                                        hint: "use smaller --widths or raise --max-memory")
        let plan = PlantedRedundancy.evenly(
            widths: baseWidths, planted: extra,
            activation: try Self.activation(activation), domain: try SimplifyCommand.parseDomain(domain), seed: seed)
        let generated = try plan.generate()
        try ONNXModel(network: generated.network).write(network: generated.network, to: output,
                                                        metadata: ["condense.planted_seed": "\(seed)"])
        var byKind: [String: Int] = [:]
        for p in generated.planted { byKind[p.kind.rawValue, default: 0] += 1 }
        let report = Report(output: output, seed: seed, widths: generated.network.layers.map(\.width),
                            plantedByKind: byKind, planted: generated.planted)
        if json { try Terminal.printJSON(report); return }
        var table = Table("kind", "planted", "expected rule")
        for kind in PlantedRedundancy.Kind.allCases where byKind[kind.rawValue] != nil {
            table.add(kind.rawValue, "\(byKind[kind.rawValue] ?? 0)", kind.expectedRule(for: plan.activation)?.rawValue ?? "(stays)")
        }
        print("Planted network \(report.widths.map(String.init).joined(separator: "-")) -> \(output)\n" + table.rendered)
    }

    static func integers(_ text: String, _ flag: String) throws -> [Int] {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw CondenseError.invalidArgument("\(flag) '\(text)' is not a list of integers >= 0")
        }
        return values.compactMap { $0 }
    }

    static func activation(_ name: String) throws -> Activation {
        switch name {
        case "relu": return .relu
        case "leaky_relu": return .leakyRelu(alpha: 0.01)
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        default: throw CondenseError.invalidArgument("--activation '\(name)' is not relu, leaky_relu, sigmoid or tanh")
        }
    }
}
