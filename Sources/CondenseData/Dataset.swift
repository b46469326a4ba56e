import CondenseCore

/// A set of input samples (one per row) with optional integer class labels.
public struct Dataset: Sendable {
    /// The samples, one row each, already scaled (`raw * inputScale`).
    public var inputs: Matrix
    /// One class label per sample, if the data came with integer labels.
    public var labels: [Int]?
    /// One target value per sample (regression), if the data came with labels; integer labels as floats.
    public var targets: [Float]?
    /// One line for people: source, size, element type and scaling,
    /// e.g. "MNIST test, 10000 x 784, uint8 scaled x/255".
    public var description: String
    /// The factor applied to the raw values (1 when taken as is).
    public var inputScale: Float

    /// Which half of an MNIST-style directory to load.
    public enum Split: String, Sendable, CaseIterable {
        /// `t10k-*` files.
        case test
        /// `train-*` files.
        case train

        /// The file name prefix of the split in the MNIST distribution.
        public var filePrefix: String { self == .test ? "t10k" : "train" }
    }

    /// A dataset; `labels`, when given, must have one entry per row of `inputs`.
    public init(inputs: Matrix, labels: [Int]?, description: String, inputScale: Float = 1) throws(CondenseError) {
        if let labels, labels.count != inputs.rows {
            throw .invalidData("\(description): \(labels.count) labels for \(inputs.rows) samples")
        }
        self.inputs = inputs
        self.labels = labels
        self.targets = labels.map { $0.map(Float.init) }
        self.description = description
        self.inputScale = inputScale
    }

    /// The number of samples.
    public var count: Int { inputs.rows }

    /// The number of input values per sample.
    public var featureCount: Int { inputs.columns }

    /// The smallest and largest input value (NaNs ignored); nil if there are none.
    public var range: ClosedRange<Float>? {
        var low = Float.infinity
        var high = -Float.infinity
        var any = false
        inputs.values.withUnsafeBufferPointer { p in
            for v in p where !v.isNaN {
                low = min(low, v)
                high = max(high, v)
                any = true
            }
        }
        return any ? low...high : nil
    }

    /// The first `n` samples (all of them if there are fewer).
    public func prefix(_ n: Int) -> Dataset {
        let kept = max(0, min(n, count))
        guard kept < count else { return self }
        var copy = self
        copy.inputs = Matrix(
            rows: kept, columns: inputs.columns, values: Array(inputs.values[0..<(kept * inputs.columns)]))
        copy.labels = labels.map { Array($0[0..<kept]) }
        copy.targets = targets.map { Array($0[0..<kept]) }
        return copy
    }

    /// Consecutive samples, as returned by ``batches(of:)``.
    public struct Batch: Sendable {
        /// The sample indices of the batch in the dataset.
        public var rows: Range<Int>
        /// The batch's inputs, one row per sample.
        public var inputs: Matrix
        /// The batch's labels, if the dataset has labels.
        public var labels: [Int]?
    }

    /// The samples in batches of `size` rows, in order; the last batch may be smaller.
    public func batches(of size: Int) -> Batches {
        precondition(size > 0, "batch size must be positive")
        return Batches(dataset: self, size: size)
    }

    /// The sequence of batches of a dataset.
    public struct Batches: Sequence, Sendable {
        let dataset: Dataset
        let size: Int

        /// The number of batches.
        public var count: Int { (dataset.count + size - 1) / size }

        public func makeIterator() -> Iterator { Iterator(dataset: dataset, size: size) }

        public struct Iterator: IteratorProtocol {
            let dataset: Dataset
            let size: Int
            var start = 0

            public mutating func next() -> Batch? {
                guard start < dataset.count else { return nil }
                let rows = start..<Swift.min(start + size, dataset.count)
                start = rows.upperBound
                let columns = dataset.inputs.columns
                let values = Array(dataset.inputs.values[(rows.lowerBound * columns)..<(rows.upperBound * columns)])
                return Batch(
                    rows: rows, inputs: Matrix(rows: rows.count, columns: columns, values: values),
                    labels: dataset.labels.map { Array($0[rows]) })
            }
        }
    }
}
