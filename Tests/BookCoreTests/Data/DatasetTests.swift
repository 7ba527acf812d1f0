// DatasetTests.swift — compact images handed out as normalised batches.

import Testing

@testable import BookCore

/// Four images of three pixels, labels 2 0 2 1 (of 3 classes).
private let small = Dataset(
    pixels: [0, 1, 2, 10, 11, 12, 20, 21, 22, 255, 128, 0],
    labels: [2, 0, 2, 1], features: 3, classes: 3)

@Suite("Dataset")
struct DatasetTests {
    @Test("batch normalises every byte to Double(Float(b)/255), as the book's float32 data")
    func normalisation() {
        let all = Dataset(pixels: (0...255).map { UInt8($0) }, labels: [0], features: 256)
        let (x, labels) = all.batch([0])
        #expect(x.rows == 1 && x.columns == 256)
        #expect(labels == [0])
        for b in 0...255 {
            #expect(x[0, b] == Double(Float(b) / 255), "byte \(b)")
        }
        #expect(x[0, 0] == 0 && x[0, 255] == 1)
        // Single precision first: 1/255 differs from the Double quotient.
        #expect(x[0, 1] != 1.0 / 255)
    }

    @Test("batch gathers rows in the given order, repeats allowed, with their labels")
    func batchOrder() {
        let (x, labels) = small.batch([3, 0, 3])
        #expect(x.shape == (rows: 3, columns: 3))
        #expect(labels == [1, 2, 1])
        #expect(x.row(0) == [1, Double(Float(128) / 255), 0])
        #expect(x.row(1) == [0, Double(Float(1) / 255), Double(Float(2) / 255)])
        #expect(x.row(2) == x.row(0))
        #expect(small.batch(1..<3).labels == [0, 2])
        #expect(small.all.x.rows == 4 && small.all.labels == [2, 0, 2, 1])
    }

    @Test("prefix and subset make new data sets")
    func prefixAndSubset() {
        let first = small.prefix(2)
        #expect(first.count == 2 && first.pixels == [0, 1, 2, 10, 11, 12] && first.labels == [2, 0])
        #expect(small.prefix(100).count == 4)
        #expect(small.prefix(0).count == 0)
        let picked = small.subset([3, 1])
        #expect(picked.pixels == [255, 128, 0, 10, 11, 12] && picked.labels == [1, 0])
        #expect(picked.features == 3 && picked.classes == 3)
    }

    @Test("oneHotLabels puts one 1 per row at the label; labelCounts counts each class")
    func oneHotAndCounts() {
        let t = small.oneHotLabels()
        #expect(t.shape == (rows: 4, columns: 3))
        #expect(
            t.elements == [
                0, 0, 1,
                1, 0, 0,
                0, 0, 1,
                0, 1, 0,
            ])
        #expect(small.labelCounts() == [1, 1, 2])
    }

    @Test("Pixels that do not fill the images, or a label outside the classes, trap")
    func badInputTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Dataset(pixels: [1, 2, 3], labels: [0, 1], features: 2)
        }
        await #expect(processExitsWith: .failure) {
            _ = Dataset(pixels: [1, 2], labels: [10], features: 2, classes: 10)
        }
    }
}
