import CondenseCore
import Foundation

extension Dataset {
    /// Loads a dataset from `path`, which may be:
    ///
    /// - a directory with MNIST-style IDX files: `t10k-images-idx3-ubyte[.gz]` and
    ///   `t10k-labels-idx1-ubyte[.gz]` (or `train-*` for `split: .train`);
    /// - a single IDX images file, plain or gzip-compressed; labels are taken from the file
    ///   next to it whose name has `labels-idx1` in place of `images-idx3`, if there is one;
    /// - a `.npz` archive with the inputs in `x`, `X` or `inputs` (else `x_test`/`x_train`
    ///   for the split) and optional labels in `y` or `labels` (else `y_test`/`y_train`);
    ///   labels may be integers, or one-hot rows;
    /// - a `.npy` file of inputs (no labels).
    ///
    /// The format is recognized by the file's magic bytes, not its extension. Each sample
    /// is flattened to a row (28 x 28 images become 784 columns).
    ///
    /// - Parameters:
    ///   - scale: the factor applied to the raw values. By default uint8 data is divided
    ///     by 255 (`x/255`) and every other type is taken as is. A scale of the form 1/n
    ///     is applied as a division by n, to match NumPy's `x / n` exactly.
    ///   - limit: keep only the first `limit` samples.
    ///   - split: which files of an MNIST-style directory (and which `_test`/`_train`
    ///     arrays of an archive) to load.
    public static func load(
        path: String, scale: Float? = nil, limit: Int? = nil, split: Split = .test
    ) throws(CondenseError) -> Dataset {
        if let scale, !(scale.isFinite && scale > 0) {
            throw .invalidArgument("input scale must be a positive number, got \(scale)")
        }
        if let limit, limit < 0 { throw .invalidArgument("sample limit must not be negative, got \(limit)") }
        let options = LoadOptions(scale: scale, limit: limit, split: split)

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .io("dataset not found: \(path)")
        }
        if isDirectory.boolValue { return try loadMNISTDirectory(path, options) }

        let name = (path as NSString).lastPathComponent
        var bytes = [UInt8](try readInputFile(path, what: "dataset"))
        if Gzip.isGzip(bytes) {
            do throws(CondenseError) { bytes = try Gzip.decompress(bytes) } catch {
                throw .invalidData("\(path): \(error.message)")
            }
        }
        if IDXFile.isIDX(bytes) {
            let images = try IDXFile(bytes: bytes, name: path)
            if images.dimensions.count == 1 && name.contains("labels-idx1") {
                throw .invalidArgument("\(path) is an IDX labels file; pass the images file (labels are found next to it)")
            }
            var labels: [Int]?
            var labelsName: String?
            if name.contains("images-idx3") {
                let directory = (path as NSString).deletingLastPathComponent
                let base = name.replacingOccurrences(of: "images-idx3", with: "labels-idx1")
                let plain = base.hasSuffix(".gz") ? String(base.dropLast(3)) : base
                if let labelsPath = existingFile(in: directory, names: [base, plain, plain + ".gz"]) {
                    labels = try readIDXLabels(labelsPath)
                    labelsName = (labelsPath as NSString).lastPathComponent
                }
            }
            return try make(
                source: name, type: images.type, bigEndian: true, dimensions: images.dimensions,
                data: images.data, labels: labels, labelsSource: labelsName ?? "", options)
        }
        if NPYFile.isNPY(bytes) {
            let array = try NPYFile(bytes: bytes, name: path)
            return try make(
                source: name, type: array.type, bigEndian: false, dimensions: array.shape,
                data: array.data, labels: nil, labelsSource: "", options)
        }
        if NPZFile.isNPZ(bytes) {
            return try loadNPZ(NPZFile(bytes: bytes, name: path), name: name, options)
        }
        throw .invalidData(
            "\(path): unrecognized data file (expected IDX, .npy or .npz, plain or gzip-compressed)")
    }

    struct LoadOptions {
        var scale: Float?
        var limit: Int?
        var split: Split
    }

    private static func loadMNISTDirectory(_ directory: String, _ options: LoadOptions) throws(CondenseError) -> Dataset {
        let prefix = options.split.filePrefix
        let imagesName = "\(prefix)-images-idx3-ubyte"
        guard let imagesPath = existingFile(in: directory, names: [imagesName, imagesName + ".gz"]) else {
            throw .io("no \(imagesName)[.gz] in directory \(directory) (expected MNIST-style IDX files)")
        }
        let labelsName = "\(prefix)-labels-idx1-ubyte"
        let labelsPath = existingFile(in: directory, names: [labelsName, labelsName + ".gz"])
        let images = try IDXFile(path: imagesPath)
        let labels = try labelsPath.map { (p) throws(CondenseError) in try readIDXLabels(p) }
        return try make(
            source: "MNIST \(options.split.rawValue)", type: images.type, bigEndian: true,
            dimensions: images.dimensions, data: images.data, labels: labels,
            labelsSource: labelsPath.map { ($0 as NSString).lastPathComponent } ?? "", options)
    }

    private static func loadNPZ(_ archive: NPZFile, name: String, _ options: LoadOptions) throws(CondenseError) -> Dataset {
        let inputNames = ["x", "X", "inputs", "x_\(options.split.rawValue)"]
        let labelNames = ["y", "labels", "y_\(options.split.rawValue)"]
        guard let inputName = inputNames.first(where: archive.contains) else {
            throw .invalidData(
                "\(name): no input array (looked for \(inputNames.map { "'\($0)'" }.joined(separator: ", ")); "
                + "it holds \(archive.names.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        let inputs = try archive.array(inputName)
        var labels: [Int]?
        var targets: [Float]?
        var labelsSource = ""
        if let labelName = labelNames.first(where: archive.contains) {
            let array = try archive.array(labelName)
            labelsSource = "'\(labelName)'"
            if !array.type.isInteger, (try? array.integers()) == nil {
                // Real-valued targets (a regression data set).
                guard array.shape.count == 1 || (array.shape.count == 2 && array.shape[1] == 1) else {
                    throw .invalidData("\(name): '\(labelName)' holds real values of shape \(array.shape); targets must be (N) or (N, 1)")
                }
                targets = array.floats()
                if let bad = targets!.firstIndex(where: { !$0.isFinite }) {
                    throw .invalidData("\(name): target \(bad) is \(targets![bad]) (targets must be finite)")
                }
            } else {
                labels = try labelValues(array, name: "\(name): '\(labelName)'")
            }
        }
        var dataset = try make(
            source: "\(name) '\(inputName)'", type: inputs.type, bigEndian: false, dimensions: inputs.shape,
            data: inputs.data, labels: labels, labelsSource: labelsSource, options)
        if let targets {
            guard targets.count == inputs.shape.first else {
                throw .invalidData("\(name): \(targets.count) targets for \(inputs.shape.first ?? 0) samples")
            }
            dataset.targets = Array(targets.prefix(dataset.count))
            dataset.description = dataset.description.replacingOccurrences(of: ", unlabeled", with: ", real-valued targets")
        }
        return dataset
    }

    /// The first of `names` that exists as a file in `directory`.
    private static func existingFile(in directory: String, names: [String]) -> String? {
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return path
            }
        }
        return nil
    }

    private static func readIDXLabels(_ path: String) throws(CondenseError) -> [Int] {
        let file = try IDXFile(path: path)
        guard file.dimensions.count == 1 || file.dimensions.dropFirst().allSatisfy({ $0 == 1 }) else {
            throw .invalidData("\(path): labels must be one-dimensional, got dimensions \(file.dimensions)")
        }
        return try checkLabels(file.integers(), name: path)
    }

    /// Labels from an array: integers of shape (N) or (N, 1), or one-hot rows of shape (N, C).
    private static func labelValues(_ array: NPYFile, name: String) throws(CondenseError) -> [Int] {
        let values = try array.integers()
        let shape = array.shape
        if shape.count == 1 || (shape.count == 2 && shape[1] == 1) { return try checkLabels(values, name: name) }
        guard shape.count == 2, shape[1] > 1 else {
            throw .invalidData("\(name): labels must have shape (N) or one-hot (N, C), got \(shape)")
        }
        let classes = shape[1]
        var labels: [Int] = []
        labels.reserveCapacity(shape[0])
        for row in 0..<shape[0] {
            let slice = values[(row * classes)..<((row + 1) * classes)]
            guard slice.allSatisfy({ $0 == 0 || $0 == 1 }), slice.reduce(0, +) == 1,
                  let hot = slice.firstIndex(of: 1) else {
                throw .invalidData("\(name): row \(row) of the (N, C) labels is not one-hot")
            }
            labels.append(hot - row * classes)
        }
        return labels
    }

    private static func checkLabels(_ labels: [Int], name: String) throws(CondenseError) -> [Int] {
        if let bad = labels.firstIndex(where: { $0 < 0 }) {
            throw .invalidData("\(name): label \(labels[bad]) of sample \(bad) is negative")
        }
        return labels
    }

    /// Builds the dataset from raw elements of shape `dimensions` (samples first).
    private static func make(
        source: String, type: ScalarType, bigEndian: Bool, dimensions: [Int], data: [UInt8],
        labels: [Int]?, labelsSource: String, _ options: LoadOptions
    ) throws(CondenseError) -> Dataset {
        guard let samples = dimensions.first else {
            throw .invalidData("\(source): a scalar, not an array of samples")
        }
        guard let features = checkedProduct(Array(dimensions.dropFirst())), features > 0 else {
            throw .invalidData("\(source): samples of shape \(Array(dimensions.dropFirst())) hold no values")
        }
        if let labels, labels.count != samples {
            throw .invalidData(
                "\(source): \(labels.count) labels in \(labelsSource) for \(samples) samples")
        }
        let kept = min(samples, options.limit ?? samples)

        // uint8 defaults to x/255; other types are taken as is unless a scale is given.
        // Float data is taken as it is (the README's rule); a scale applies to integer data.
        let scale = type.isInteger ? options.scale ?? (type == .uint8 ? 1 / 255 : 1) : 1
        guard scale.isFinite, scale > 0, scale >= 1e-12, scale <= 1e12 else {
            throw .invalidArgument("the input scale \(scale) is out of range; it must be between 1e-12 and 1e12")
        }
        let inverse = 1 / scale
        let divisor = inverse.rounded()
        let isReciprocal = divisor >= 2 && divisor < 1e12 && abs(inverse - divisor) <= divisor * 1e-5
        let scaling: String
        if scale == 1 {
            scaling = "as is"
        } else if isReciprocal {
            scaling = "scaled x/\(Int(divisor))"
        } else {
            scaling = "scaled x*\(scale)"
        }

        let byteCount = kept * features * type.byteCount
        let values = data.withUnsafeBytes { raw in
            RawElements(bytes: UnsafeRawBufferPointer(rebasing: raw[0..<byteCount]), type: type, bigEndian: bigEndian)
                .floats(scale: scale, divisor: isReciprocal ? divisor : nil)
        }
        // A NaN or infinite input would silently poison every output: refuse the file.
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidData("\(source): sample \(bad / features), feature \(bad % features) is \(values[bad]) "
                               + "(inputs must be finite)")
        }
        let size = kept < samples ? " (first \(kept) of \(samples))" : ""
        let unlabeled = labels == nil ? ", unlabeled" : ""
        return try Dataset(
            inputs: Matrix(rows: kept, columns: features, values: values),
            labels: labels.map { Array($0.prefix(kept)) },
            description: "\(source)\(size), \(kept) x \(features), \(type.rawValue) \(scaling)\(unlabeled)",
            inputScale: scale)
    }
}
