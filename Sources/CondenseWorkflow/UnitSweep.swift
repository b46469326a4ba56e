import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseGraph
import CondenseONNX
import Foundation

/// Accuracy against the fraction of units (conv channels and neurons) removed, for
/// Condense and every baseline criterion, each with and without the same least-squares
/// compensation, no fine-tuning: the table of `papers/channel-collapse`.
/// O(fractions · methods · one unit simplification).
public struct UnitSweep: Sendable {
    /// One configuration: a criterion, a compensation, an allocation.
    public struct Method: Sendable, Hashable {
        public var criterion: UnitCriterion
        public var compensation: UnitCompensation
        public var allocation: UnitAllocation

        public init(_ criterion: UnitCriterion, _ compensation: UnitCompensation, _ allocation: UnitAllocation = .uniform) {
            self.criterion = criterion
            self.compensation = compensation
            self.allocation = allocation
        }

        /// `l1`, `l1+ls`, `condense+ls`, `condense+ls/global`, `merge` (Kim et al.'s own data-free compensation).
        public var name: String {
            criterion.rawValue + (compensation == .leastSquares ? "+ls" : "") + (allocation == .global ? "/global" : "")
        }

        /// Every criterion with and without least squares, and Condense's global allocation.
        public static var all: [Method] {
            var list = [Method(.condense, .leastSquares, .global)]
            for c in UnitCriterion.allCases {
                list.append(Method(c, .leastSquares))
                list.append(Method(c, .none))
            }
            return list
        }

        /// Parses a name as ``name`` prints it.
        public static func named(_ text: String) throws(CondenseError) -> Method {
            guard let m = all.first(where: { $0.name == text }) else {
                throw .invalidArgument("unknown method '\(text)'; choose from \(all.map(\.name).joined(separator: ", "))")
            }
            return m
        }
    }

    public struct Row: Sendable, Codable {
        public var method: String
        public var fraction: Double
        public var units: Int
        public var parameters: Int
        public var flops: Int
        public var accuracy: Double
        public var drop: Double
        public var seconds: Double
        public var model: String?
        /// The largest change of a score output measured on random points of the model's
        /// input domain (`nil` without a domain).
        public var measuredChange: Double?
        /// A bound on that change over the whole domain: CROWN on the original and simplified
        /// networks side by side (``CondenseCollapse/DifferenceBound``); dense models only
        /// (`nil` for convolutional ones, where Condense has no such bound).
        public var bound: Double?

        enum CodingKeys: String, CodingKey {
            case method, fraction, units, parameters, flops, accuracy, drop, seconds, model, bound
            case measuredChange = "measured_change"
        }
    }

    public var fractions: [Double]
    public var methods: [Method]
    public var positionsPerSample = 16
    public var seed: UInt64 = 0
    /// Where each simplified model is written (`nil`: not written).
    public var modelFolder: String?
    /// Random points of the model's input domain on which each row's output change is measured.
    public var checkPoints = 1000

    public init(fractions: [Double], methods: [Method]) {
        self.fractions = fractions
        self.methods = methods
    }

    /// The file name of the model a method writes at a fraction (`l1+ls-50.onnx`).
    public static func modelFile(_ method: Method, _ fraction: Double) -> String {
        "\(method.name.replacingOccurrences(of: "/", with: "-"))-\(Int((fraction * 100).rounded())).onnx"
    }

    public struct Result: Sendable {
        public var baselineAccuracy: Double
        public var before: UnitSimplification.Size
        public var rows: [Row]
        public var totalSeconds: Double
    }

    public func run(_ model: ONNXModel, calibration: Dataset, test: Dataset,
                    progress: (String) -> Void = { _ in }) throws(CondenseError) -> Result {
        let start = DispatchTime.now().uptimeNanoseconds
        let base = try ModelEvaluator().evaluate(model, inputs: test.inputs, labels: test.labels, targets: test.targets).0
        guard let baseline = base.headline else { throw .invalidData("the test data give no accuracy or R²") }
        var rows: [Row] = []
        var before: UnitSimplification.Size?
        // The domain's random points, and for dense models (no channel layer) the box of the core for the bound.
        let domain = try ModelDomain.resolve(model)
        var points: Matrix?
        if let domain, checkPoints > 0 {
            var rng = SplitMix64(seed: seed ^ 0xB0B)
            let box = domain.modelBox
            var values = [Float](repeating: 0, count: checkPoints * box.width)
            for i in 0..<checkPoints { for j in 0..<box.width { values[i * box.width + j] = Float.random(in: box.lower[j]...box.upper[j], using: &rng) } }
            points = Matrix(rows: checkPoints, columns: box.width, values: values)
        }
        let dense = (try? UnitGraph(graph: model.graph, features: model.inputFeatures))?.layers.allSatisfy { $0.kind != .channels } ?? false
        // The original's scores on the points, computed once for every row.
        let reference = try points.map { (p) throws(CondenseError) in try ModelEvaluator().outputs(of: model, on: p).scores }
        for fraction in fractions {
            for method in methods {
                var collapse = ApproximateUnitCollapse(criterion: method.criterion, compensation: method.compensation, fraction: fraction)
                collapse.allocation = method.allocation
                collapse.positionsPerSample = positionsPerSample
                collapse.seed = seed
                let o = try UnitSimplification(collapse: collapse).run(model, calibration: calibration, data: test, metricBefore: baseline)
                before = o.before
                var path: String?
                if let modelFolder {
                    path = (modelFolder as NSString).appendingPathComponent(Self.modelFile(method, fraction))
                    try AtomicFile.write(o.data, to: path!)
                }
                let accuracy = o.metricAfter ?? 0
                var measured: Double?, bound: Double?
                if let points, let reference {
                    let scores = try ModelEvaluator().outputs(of: o.model, on: points).scores
                    measured = try OutputDeviation.compare(original: reference, simplified: scores).maxAbsChange
                    if dense, let domain {
                        bound = try? DifferenceBound.maximum(original: model.network, simplified: o.model.network, on: domain.coreBox)
                    }
                }
                rows.append(Row(method: method.name, fraction: fraction, units: o.after.units, parameters: o.after.parameters,
                                flops: o.after.flops, accuracy: accuracy, drop: 100 * (baseline - accuracy), seconds: o.result.seconds,
                                model: path, measuredChange: measured, bound: bound))
                progress(String(format: "%@ at %.0f %%: %.2f %% (%+.2f points), %.1f s", method.name, 100 * fraction, 100 * accuracy,
                                -100 * (baseline - accuracy), o.result.seconds))
            }
        }
        return Result(baselineAccuracy: baseline, before: before ?? .init(units: 0, parameters: 0, flops: 0), rows: rows,
                      totalSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

extension UnitSweep.Result {
    var fractions: [Double] { Array(Set(rows.map(\.fraction))).sorted() }
    var methods: [String] {
        var seen = Set<String>()
        return rows.map(\.method).filter { seen.insert($0).inserted }
    }

    /// `results.csv`: one line per method and fraction.
    public var csv: String {
        var lines = ["method,fraction,units,parameters,flops,accuracy,drop_pp,seconds,measured_change,bound"]
        for r in rows {
            lines.append([r.method, String(format: "%.2f", r.fraction), "\(r.units)", "\(r.parameters)", "\(r.flops)",
                          String(format: "%.4f", r.accuracy), String(format: "%.2f", r.drop), String(format: "%.3f", r.seconds),
                          r.measuredChange.map { String(format: "%.4g", $0) } ?? "", r.bound.map { String(format: "%.4g", $0) } ?? ""]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `results.md`: methods as rows, fractions as columns, each cell the accuracy and its drop.
    public var markdown: String {
        var lines = ["| method | " + fractions.map { String(format: "%.0f %%", 100 * $0) }.joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---:|", count: fractions.count)]
        for m in methods {
            lines.append("| \(m) | " + fractions.map { f in
                rows.first { $0.method == m && $0.fraction == f }.map { String(format: "%.2f (−%.2f)", 100 * $0.accuracy, $0.drop) } ?? "–"
            }.joined(separator: " | ") + " |")
        }
        if rows.contains(where: { $0.measuredChange != nil }) {
            let withBound = rows.contains { $0.bound != nil }
            lines += ["", withBound
                ? "Largest output change measured on random points of the domain / bound on the whole domain (CROWN side by side):"
                : "Largest output change measured on random points of the domain (no bound for convolutional models):", "",
                "| method | " + fractions.map { String(format: "%.0f %%", 100 * $0) }.joined(separator: " | ") + " |",
                "|---|" + String(repeating: "---:|", count: fractions.count)]
            for m in methods {
                lines.append("| \(m) | " + fractions.map { f in
                    guard let r = rows.first(where: { $0.method == m && $0.fraction == f }), let c = r.measuredChange else { return "–" }
                    return r.bound.map { String(format: "%.3g / %.3g", c, $0) } ?? String(format: "%.3g", c)
                }.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `results.tex`: the same as a booktabs table.
    public var latex: String {
        var lines = ["% Generated by `condense sweep --units`; requires \\usepackage{booktabs}.",
                     "\\begin{tabular}{l" + String(repeating: "r", count: fractions.count) + "}", "\\toprule",
                     "Units removed & " + fractions.map { String(format: "%.0f\\,\\%%", 100 * $0) }.joined(separator: " & ") + " \\\\",
                     "\\midrule",
                     String(format: "Original & \\multicolumn{%d}{c}{%.2f} \\\\", fractions.count, 100 * baselineAccuracy), "\\midrule"]
        for m in methods {
            lines.append("\\texttt{\(m.replacingOccurrences(of: "_", with: "\\_"))} & " + fractions.map { f in
                rows.first { $0.method == m && $0.fraction == f }.map { String(format: "%.2f (%.2f)", 100 * $0.accuracy, -$0.drop) } ?? "--"
            }.joined(separator: " & ") + " \\\\")
        }
        lines += ["\\bottomrule", "\\end{tabular}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `accuracy.svg`: accuracy against the fraction removed per criterion (uniform
    /// allocation), with least-squares compensation (left) and without (right; Kim et al.'s
    /// merge uses its own compensation there); Condense emphasised.
    public func svg(title: String) -> String {
        let criteria = UnitCriterion.allCases.map(\.rawValue).filter { c in methods.contains(c) || methods.contains(c + "+ls") }
        func panel(_ suffix: String) -> [LinePlot.Series] {
            criteria.map { c in
                LinePlot.Series(name: c, points: rows.filter { $0.method == c + suffix }.map { ($0.fraction, $0.accuracy * 100) },
                                emphasised: c == "condense")
            }
        }
        let ticks = fractions
        return LinePlot(title: title, panels: [
            .init(title: "with least-squares compensation", xLabel: "units removed (%)", yLabel: "test accuracy (%)",
                  logarithmic: false, xTicks: ticks),
            .init(title: "without compensation", xLabel: "units removed (%)", yLabel: "test accuracy (%)",
                  logarithmic: false, xTicks: ticks),
        ], series: [panel("+ls"), panel("")]).svg()
    }
}
