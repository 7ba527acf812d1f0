// ChapterData.swift — a chapter's MNIST, from the folder its flags name.

import BookCore

extension ChapterOptions {
    /// How a chapter's advice says to name a folder of one's own.
    static let otherDataFolder = "pass it with --data-dir (or set \(MNIST.environmentVariable) to it)"

    /// The training and test sets from the folder `--data-dir` names, else
    /// `MNIST_DIR`, else the cache (downloading what is missing there), as
    /// `MNIST.load(directory:)` returns them.
    ///
    /// - Throws: `DataError` naming the file, what is wrong, and what to do
    ///   in the chapter's terms (`--data-dir`).
    public func loadMNIST() throws -> (train: Dataset, test: Dataset) {
        try MNIST.load(directory: dataDirectory, otherFolder: Self.otherDataFolder)
    }
}
