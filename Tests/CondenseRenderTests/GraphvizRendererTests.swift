import CondenseTestSupport
import CondenseCore
import Foundation
import Testing
@testable import CondenseRender

@Suite struct GraphvizRendererTests {
    @Test func formatsComeFromTheFileName() throws {
        #expect(try RenderFormat(path: "out/Net.SVG") == .svg)
        #expect(try RenderFormat(path: "a.b/c.pdf") == .pdf)
        #expect(throws: CondenseError.self) { try RenderFormat(path: "picture.jpg") }
        #expect(throws: CondenseError.self) { try RenderFormat(path: "noextension") }
    }

    @Test func pngPdfAndDotAreRenderedInProcess() throws {
        let drawing = try NeuronDrawing.make(try SeededNetworks.dense([3, 4, 2]))
        let png = try drawing.render(.png).data
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdf = try drawing.render(.pdf).data
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let dot = String(decoding: try drawing.render(.dot).data, as: UTF8.self)
        #expect(dot.contains("digraph") && dot.contains("L1_3"))
    }

    @Test func graphvizErrorsAreThrownWithGraphvizsMessage() {
        var scene = RenderScene(engine: .nop2)
        scene.addNode(.pinned("a", x: 0, y: 0, height: 10, htmlLabel: "<TABLE><TR><TD>unclosed</TABLE>"))
        do {
            _ = try GraphvizRenderer().render(scene, format: .svg)
            Issue.record("a malformed HTML label should be reported")
        } catch {
            #expect(error.description.contains("Error"))
            #expect(error.description.contains("label of node a"))
        }
        // The lock and the error state recover: the next render succeeds.
        var good = RenderScene(engine: .nop2)
        good.addNode(.pinned("b", x: 0, y: 0, height: 10))
        #expect((try? GraphvizRenderer().render(good, format: .svg)) != nil)
    }

    @Test func badSceneIsAnErrorNotACrash() {
        var scene = RenderScene(engine: .nop2)
        scene.addNode(SceneNode(name: "a", attributes: ["pos": "0,0!"]))
        let style = scene.edges.style([:])
        scene.edges.add(tail: 0, head: 5, style: style)
        #expect(throws: CondenseError.self) { try GraphvizRenderer().render(scene, format: .svg) }
    }

    @Test func concurrentRendersShareOneLock() async throws {
        let network = try SeededNetworks.dense([4, 6, 3])
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for k in 0..<6 {
                group.addTask {
                    let drawing = k.isMultiple(of: 2)
                        ? try NeuronDrawing.make(network) : LayerDrawing.make(network)
                    return try drawing.render(.svg).data.count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sizes.count == 6 && sizes.allSatisfy { $0 > 1000 })
    }
}

