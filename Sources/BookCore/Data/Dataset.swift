// Dataset.swift — images and labels, kept compactly, handed out as batches.

/// A set of labelled images, stored as bytes and turned into `Double`s one
/// batch at a time.
///
/// All 60 000 MNIST training images as a `[60000, 784]` `Double` matrix would
/// take 376 MB; as bytes they take 47 MB. A batch `[B, D]` is converted when
/// it is drawn, which costs little next to the products it feeds.
///
/// Pixels are normalised to [0, 1] as the book's `load_mnist(normalize=True)`
/// does: `Float(byte) / 255` in single precision (NumPy's float32), then
/// widened to `Double` — so the values match the book's bit for bit.
public struct Dataset: Sendable {
    /// The pixels, `count × features` bytes, image after image.
    public let pixels: [UInt8]
    /// The class of each image, `0 ..< classes`.
    public let labels: [UInt8]
    /// The number of values per image, `D` (784 = 28 × 28 for MNIST).
    public let features: Int
    /// The number of classes, `C` (10 for MNIST).
    public let classes: Int

    /// A data set from raw bytes.
    ///
    /// - Precondition: `pixels.count == labels.count * features` and every label is below `classes`.
    public init(pixels: [UInt8], labels: [UInt8], features: Int, classes: Int = 10) {
        precondition(
            features > 0 && pixels.count == labels.count * features,
            "Dataset: \(pixels.count) pixels do not make \(labels.count) images of \(features) values")
        precondition(
            labels.allSatisfy { Int($0) < classes },
            "Dataset: a label is outside 0..<\(classes)")
        self.pixels = pixels
        self.labels = labels
        self.features = features
        self.classes = classes
    }

    /// The number of images, `N`.
    public var count: Int { labels.count }

    /// The lookup table byte → `Double(Float(byte) / 255)`.
    private static let normalized: [Double] = (0...255).map { Double(Float($0) / 255) }

    /// The images at `indices` as a `[B, D]` matrix in [0, 1], with their labels.
    ///
    /// Every element of the batch is written once, straight from the lookup
    /// table: no zero fill first, no bounds check per pixel (the indices are
    /// checked once each).
    public func batch(_ indices: [Int]) -> (x: Matrix, labels: [Int]) {
        for index in indices {
            precondition(index >= 0 && index < count, "Dataset.batch: index \(index) outside 0..<\(count)")
        }
        let features = self.features
        let x = Dataset.normalized.withUnsafeBufferPointer { table in
            pixels.withUnsafeBufferPointer { source in
                Matrix(
                    rows: indices.count, columns: features,
                    writingEachElement: { out in  // [B, D]
                        for (row, index) in indices.enumerated() {
                            let image = source.baseAddress! + index * features
                            let batchRow = out.baseAddress! + row * features
                            for j in 0..<features { batchRow[j] = table[Int(image[j])] }
                        }
                    })
            }
        }
        return (x, indices.map { Int(labels[$0]) })
    }

    /// The images in `range`, in order, as a batch.
    public func batch(_ range: Range<Int>) -> (x: Matrix, labels: [Int]) {
        batch(Array(range))
    }

    /// The whole set as one batch `[N, D]` (for small sets: 1000 images are 6 MB).
    public var all: (x: Matrix, labels: [Int]) { batch(0..<count) }

    /// The first `n` images (all of them if there are fewer): the book's `x_train[:n]`.
    public func prefix(_ n: Int) -> Dataset {
        subset(Array(0..<Swift.min(n, count)))
    }

    /// The images at `indices`, in that order, as a new data set.
    public func subset(_ indices: [Int]) -> Dataset {
        var newPixels = [UInt8]()
        newPixels.reserveCapacity(indices.count * features)
        for index in indices {
            newPixels.append(contentsOf: pixels[index * features..<(index + 1) * features])
        }
        return Dataset(
            pixels: newPixels, labels: indices.map { labels[$0] },
            features: features, classes: classes)
    }

    /// The labels as one-hot rows, `[N, C]`: a 1 in each row's label column.
    public func oneHotLabels() -> Matrix {
        var t = Matrix(rows: count, columns: classes)  // [N, C]
        for (i, label) in labels.enumerated() { t[i, Int(label)] = 1 }
        return t
    }

    /// How many images there are of each class, `classes` counts.
    public func labelCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classes)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }
}
