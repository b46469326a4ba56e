import Foundation
import Testing

/// `condense labels --units`: labeling schemes on the unit DAG of a whole graph (neurons and
/// conv channels), verified against exhaustive computation.
@Suite("Labels on the channel DAG")
struct UnitLabelTests {
    @Test("hub, pll and reachability labels of ResNet-8's channels: 0 mismatches", arguments: ["hub", "pll", "reachability"])
    func resnet(_ scheme: String) throws {
        let result = try CLIRunner.run(["labels", "graphs/fashion/resnet8.onnx", "--units", "--scheme", scheme,
                                        "--verify", "500", "--queries", "1000", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let labeling = try #require(result.json?["labeling"] as? [String: Any])
        #expect(labeling["nodes"] as? Int == 347)  // 1 input channel + the channels and neurons of ResNet-8
        let verification = try #require(labeling["verification"] as? [String: Any])
        #expect(verification["mismatches"] as? Int == 0)
    }

    @Test("sketch labels of LeNet-5's channels, data-free and from activations; a unit with a map per sample has a label")
    func sketches() throws {
        let free = try CLIRunner.run(["labels", "graphs/mnist/lenet5.onnx", "--units", "--scheme", "sketch", "--queries", "1000",
                                      "--verify", "200", "--json"])
        #expect(free.status == 0, "\(free.stderr)")
        let data = try CLIRunner.run(["labels", "graphs/mnist/lenet5.onnx", "--units", "--scheme", "sketch", "--queries", "1000",
                                      "--verify", "200", "--data", "graphs/mnist/data", "--limit", "200", "--json"])
        #expect(data.status == 0, "\(data.stderr)")
        for result in [free, data] {
            let labeling = try #require(result.json?["labeling"] as? [String: Any])
            #expect(labeling["nodes"] as? Int == 237)  // 1 + 6 + 16 + 120 + 84 + 10
        }
        let details = try #require((data.json?["labeling"] as? [String: Any])?["details"] as? [String: Any])
        #expect(details["activation_sketch"] as? Double == 1)
    }

    @Test("schemes that need the dense network are refused with --units")
    func refused() throws {
        let result = try CLIRunner.run(["labels", "graphs/mnist/lenet5.onnx", "--units", "--scheme", "equivalence"])
        #expect(result.status == 1 && result.stderr.contains("--units works with"))
    }
}
