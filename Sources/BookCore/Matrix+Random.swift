// Matrix+Random.swift — random matrices, for initial weights and test inputs.

extension Matrix {
    /// A matrix of independent samples from N(0, standardDeviation²):
    /// the book's `std * np.random.randn(rows, columns)`.
    ///
    /// Samples are drawn row by row, so the same generator state always gives
    /// the same matrix.
    public static func randomNormal(
        _ rows: Int, _ columns: Int,
        standardDeviation: Double = 1,
        using generator: inout SeededGenerator
    ) -> Matrix {
        var result = Matrix(rows: rows, columns: columns)  // [rows, columns]
        for i in 0..<result.count {
            result.elements[i] = standardDeviation * generator.normal()
        }
        return result
    }

    /// A matrix of independent samples from U[low, high).
    public static func randomUniform(
        _ rows: Int, _ columns: Int,
        in range: (low: Double, high: Double) = (0, 1),
        using generator: inout SeededGenerator
    ) -> Matrix {
        var result = Matrix(rows: rows, columns: columns)  // [rows, columns]
        for i in 0..<result.count {
            result.elements[i] = generator.uniform(range.low, range.high)
        }
        return result
    }
}
