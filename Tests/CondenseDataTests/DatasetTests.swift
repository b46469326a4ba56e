import CondenseCore
import Foundation
import Testing

@testable import CondenseData

@Suite struct DatasetTests {
    @Test func mnistTestSet() throws {
        let data = try Dataset.load(path: mnistDirectory)
        #expect(data.count == 10000 && data.featureCount == 784)
        #expect(data.labels?.count == 10000)
        #expect(data.labels?.first == 7)
        #expect(data.range == 0...1)
        #expect(data.inputScale == Float(1) / 255)
        #expect(data.description == "MNIST test, 10000 x 784, uint8 scaled x/255")
        // Pixel 152 of the first image is 3 in the raw file: 3/255 exactly as NumPy divides.
        let raw = try IDXFile(path: mnistDirectory + "/t10k-images-idx3-ubyte.gz")
        for i in 150..<400 { #expect(data.inputs.values[i] == Float(raw.data[i]) / 255) }
    }

    @Test func mnistTrainLimitAndScale() throws {
        let data = try Dataset.load(path: mnistDirectory, scale: 1 / 256, limit: 100, split: .train)
        #expect(data.count == 100 && data.labels?.prefix(3) == [5, 0, 4])
        #expect(data.description == "MNIST train (first 100 of 60000), 100 x 784, uint8 scaled x/256")
        #expect(data.range.map { $0.upperBound <= 255 / 256 } == true)
    }

    @Test func singleIDXFileFindsItsLabels() throws {
        let data = try Dataset.load(path: mnistDirectory + "/t10k-images-idx3-ubyte.gz", scale: 1, limit: 3)
        #expect(data.labels == [7, 2, 1])
        #expect(data.range == 0...255)
        #expect(data.description == "t10k-images-idx3-ubyte.gz (first 3 of 10000), 3 x 784, uint8 as is")

        let labelsFile = errorMessage { _ = try Dataset.load(path: mnistDirectory + "/t10k-labels-idx1-ubyte.gz") }
        #expect(labelsFile?.contains("is an IDX labels file") == true)
    }

    @Test func nonFiniteInputsAreRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, bad) in [("nan.npy", Float.nan), ("inf.npy", Float.infinity)] {
            let path = directory + "/" + name
            try NPYWriter.write(Matrix(rows: 2, columns: 3, values: [0, 1, 2, 3, bad, 5]), to: path)
            let message = errorMessage { _ = try Dataset.load(path: path) }
            #expect(message == "invalid data: \(name): sample 1, feature 1 is \(bad) (inputs must be finite)")
        }
    }

    @Test func labelCountMismatch() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let images: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255, 51, 102]
        let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]
        try Data(images).write(to: URL(fileURLWithPath: directory + "/t10k-images-idx3-ubyte"))
        try Data(labels).write(to: URL(fileURLWithPath: directory + "/t10k-labels-idx1-ubyte"))
        #expect(errorMessage { _ = try Dataset.load(path: directory) }
            == "invalid data: MNIST test: 3 labels in t10k-labels-idx1-ubyte for 2 samples")
        #expect(errorMessage { _ = try Dataset.load(path: directory, split: .train) }?
            .contains("no train-images-idx3-ubyte[.gz] in directory") == true)

        try Data([0, 0, 8, 1, 0, 0, 0, 2, 1, 2]).write(to: URL(fileURLWithPath: directory + "/t10k-labels-idx1-ubyte"))
        let data = try Dataset.load(path: directory + "/t10k-images-idx3-ubyte")
        #expect(data.inputs.values == [0, 1, 0.2, 0.4] && data.labels == [1, 2])
        #expect(data.description == "t10k-images-idx3-ubyte, 2 x 2, uint8 scaled x/255")
    }

    @Test func npzAndNpyFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func file(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = directory + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }

        let stored = try Dataset.load(path: try file("a.npz", Fixtures.npz_stored))
        #expect(stored.count == 3 && stored.featureCount == 4 && stored.labels == [2, 0, 1])
        #expect(stored.inputs.values == (0..<12).map { Float($0) / 8 })
        #expect(stored.description == "a.npz 'x', 3 x 4, float32 as is")

        let compressed = try Dataset.load(path: try file("b.bin", Fixtures.npz_compressed), limit: 2)
        #expect(compressed.count == 2 && compressed.featureCount == 4 && compressed.labels == [9, 8])
        #expect(compressed.inputs.values == (0..<8).map { Float($0 * 13) / 255 })

        let keras = try Dataset.load(path: try file("mnist.npz", Fixtures.npz_keras))
        #expect(keras.count == 5 && keras.labels == [1, 2, 3, 4, 5])
        let kerasTrain = try Dataset.load(path: try file("mnist.npz", Fixtures.npz_keras), split: .train)
        #expect(kerasTrain.count == 2 && kerasTrain.labels == [0, 1])

        let oneHot = try Dataset.load(path: try file("c.npz", Fixtures.npz_onehot), scale: 0.5)
        // Float data is taken as it is: a scale applies to integer data only.
        #expect(oneHot.labels == [3, 0, 2] && oneHot.inputs.values == [Float](repeating: 1, count: 6))
        #expect(oneHot.description == "c.npz 'X', 3 x 2, float64 as is")

        #expect(errorMessage { _ = try Dataset.load(path: try file("d.npz", Fixtures.npz_badlabels)) }
            == "invalid data: d.npz 'x': 2 labels in 'y' for 3 samples")

        let npy = try Dataset.load(path: try file("e.npy", Fixtures.npy_u1))
        #expect(npy.count == 3 && npy.featureCount == 4 && npy.labels == nil)
        #expect(npy.description == "e.npy, 3 x 4, uint8 scaled x/255, unlabeled")

        #expect(errorMessage { _ = try Dataset.load(path: try file("f.txt", Array("hello".utf8))) }?
            .contains("unrecognized data file") == true)
        #expect(errorMessage { _ = try Dataset.load(path: directory + "/missing.npz") }
            == "I/O error: dataset not found: \(directory)/missing.npz")
        #expect(errorMessage { _ = try Dataset.load(path: directory, limit: -1) }?.contains("must not be negative") == true)
    }

    @Test func batchesAndRange() throws {
        let inputs = Matrix(rows: 5, columns: 2, values: [0, 1, 2, 3, 4, 5, 6, .nan, -8, 9])
        let data = try Dataset(inputs: inputs, labels: [0, 1, 2, 3, 4], description: "test")
        #expect(data.range == -8...9)
        let batches = Array(data.batches(of: 2))
        #expect(batches.map(\.rows) == [0..<2, 2..<4, 4..<5])
        #expect(batches[1].inputs.values.prefix(3) == [4, 5, 6] && batches[1].inputs.values[3].isNaN)
        #expect(batches[2].inputs.values == [-8, 9] && batches[2].labels == [4])
        #expect(data.batches(of: 2).count == 3)
        #expect(data.prefix(2).labels == [0, 1])
        #expect(errorMessage { _ = try Dataset(inputs: inputs, labels: [1], description: "d") }
            == "invalid data: d: 1 labels for 5 samples")
        let empty = try Dataset(inputs: Matrix(rows: 0, columns: 3), labels: nil, description: "empty")
        #expect(empty.range == nil && Array(empty.batches(of: 4)).isEmpty)
    }
}
