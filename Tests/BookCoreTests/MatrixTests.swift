// MatrixTests.swift — construction, shape checks and the element-wise operations.

import Foundation
import Testing

@testable import BookCore

@Suite("Matrix")
struct MatrixTests {
    // MARK: Construction and layout

    @Test("init(rows:columns:repeating:) fills the shape with one value")
    func repeating() {
        let m = Matrix(rows: 2, columns: 3, repeating: 1.5)  // [2, 3]
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.count == 6)
        #expect(m.elements == [Double](repeating: 1.5, count: 6))
        #expect(m.shape == (rows: 2, columns: 3))
        #expect(m.shapeDescription == "[2, 3]")
        #expect(Matrix.zeros(3, 4).elements == [Double](repeating: 0, count: 12))
        #expect(Matrix.zeros(0, 5).count == 0)
    }

    @Test("Elements are stored row-major: (r, c) at r·columns + c")
    func rowMajorLayout() {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])  // [2, 3]
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.elements == [1, 2, 3, 4, 5, 6])
        #expect(m[0, 2] == 3)
        #expect(m[1, 0] == 4)
        #expect(m.row(1) == [4, 5, 6])
        let same = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
        #expect(same == m)
        let vector = Matrix(rowVector: [7, 8, 9])
        #expect(vector.rows == 1 && vector.columns == 3 && vector[0, 1] == 8)
    }

    @Test("Writing through the subscript changes one element, and copies are independent")
    func valueSemantics() {
        var a = Matrix(rows: 2, columns: 2)
        let b = a
        a[1, 0] = 5
        #expect(a.elements == [0, 0, 5, 0])
        #expect(b.elements == [0, 0, 0, 0])
    }

    @Test("A wrong element count traps, naming the shape")
    func wrongElementCountTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Matrix(rows: 2, columns: 3, elements: [1, 2, 3])
        }
    }

    @Test("Ragged nested rows trap")
    func raggedRowsTrap() async {
        await #expect(processExitsWith: .failure) {
            _ = Matrix([[1, 2], [3]])
        }
    }

    @Test("An index outside the shape traps")
    func outOfBoundsTraps() async {
        await #expect(processExitsWith: .failure) {
            let m = Matrix(rows: 2, columns: 2)
            _ = m[0, 2]  // would be element 2 of the flat array, i.e. (1, 0), without the check
        }
    }

    @Test("Adding matrices of different shapes traps with both shapes in the message")
    func shapeMismatchMessage() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Matrix(rows: 2, columns: 3) + Matrix(rows: 3, columns: 2)
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("[2, 3]") && message.contains("[3, 2]"))
    }

    // MARK: Arithmetic

    @Test("+, −, ⊙ and scalar · work element by element")
    func elementWise() {
        let a = Matrix([[1, 2], [3, 4]])
        let b = Matrix([[10, 20], [30, 40]])
        #expect((a + b).elements == [11, 22, 33, 44])
        #expect((b - a).elements == [9, 18, 27, 36])
        #expect((a * b).elements == [10, 40, 90, 160])
        #expect((0.5 * a).elements == [0.5, 1, 1.5, 2])
        #expect(a.map { $0 * $0 }.elements == [1, 4, 9, 16])
        #expect(a.zip(b, Swift.max).elements == [10, 20, 30, 40])
    }

    @Test("add(_:scaledBy:) is axpy: self += α·other")
    func axpy() {
        var a = Matrix([[1, 2], [3, 4]])
        a.add(Matrix([[1, 1], [2, 2]]), scaledBy: -0.5)
        #expect(a.elements == [0.5, 1.5, 2, 3])
        a.add(Matrix([[1, 1], [1, 1]]))
        #expect(a.elements == [1.5, 2.5, 3, 4])
    }

    @Test("addToEachRow broadcasts a [1, n] bias over every row")
    func addToEachRow() {
        var a = Matrix([[1, 2, 3], [4, 5, 6]])
        a.addToEachRow(Matrix(rowVector: [10, 20, 30]))
        #expect(a.elements == [11, 22, 33, 14, 25, 36])
    }

    @Test("columnSums and columnMeans reduce over rows, [1, n]")
    func columnReductions() {
        let a = Matrix([[1, 2, 3], [4, 5, 6], [-2, 0, 0.5]])
        let sums = a.columnSums()
        #expect(sums.rows == 1 && sums.columns == 3)
        #expect(sums.elements == [3, 7, 9.5])
        let means = a.columnMeans()
        for (mean, expected) in zip(means.elements, [1, 7.0 / 3, 9.5 / 3]) { #expect(isClose(mean, expected, tolerance: 1e-15)) }
        #expect(a.sum() == 19.5)
        #expect(a.sumOfSquares() == 1 + 4 + 9 + 16 + 25 + 36 + 4 + 0 + 0.25)
        #expect(Matrix(rows: 0, columns: 2).columnSums().elements == [0, 0])
    }

    @Test("argmaxOfEachRow picks the first column on ties, like np.argmax")
    func argmaxTies() {
        let scores = Matrix([
            [1, 3, 3],  // tie between 1 and 2 -> 1
            [5, 5, 5],  // all equal -> 0
            [-3, -1, -2],  // all negative -> 1
            [0, 0, 7],
        ])  // last column -> 2
        #expect(scores.argmaxOfEachRow() == [1, 0, 1, 2])
        #expect(Matrix([[4], [2]]).argmaxOfEachRow() == [0, 0])
    }

    @Test("rows(at:) gathers rows in the given order, repeats allowed; rows(_:) slices")
    func gatherRows() {
        let a = Matrix([[0, 1], [10, 11], [20, 21]])
        let picked = a.rows(at: [2, 0, 2])
        #expect(picked.rows == 3 && picked.columns == 2)
        #expect(picked.elements == [20, 21, 0, 1, 20, 21])
        #expect(a.rows(at: []).rows == 0)
        #expect(a.rows(1..<3).elements == [10, 11, 20, 21])
    }

    @Test("transposed swaps rows and columns")
    func transpose() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])  // [2, 3]
        let t = a.transposed()  // [3, 2]
        #expect(t.rows == 3 && t.columns == 2)
        #expect(t.elements == [1, 4, 2, 5, 3, 6])
        for r in 0..<2 { for c in 0..<3 { #expect(t[c, r] == a[r, c]) } }
        #expect(t.transposed() == a)
    }

    @Test("description shows the shape")
    func description() {
        #expect(Matrix(rows: 7, columns: 9).description.hasPrefix("Matrix [7, 9]"))
    }

    // MARK: Random matrices

    @Test("randomNormal and randomUniform are reproducible and have the asked spread")
    func randomMatrices() {
        var g1 = SeededGenerator(seed: 3), g2 = SeededGenerator(seed: 3)
        let a = Matrix.randomNormal(200, 300, standardDeviation: 0.5, using: &g1)
        let b = Matrix.randomNormal(200, 300, standardDeviation: 0.5, using: &g2)
        #expect(a == b)
        let mean = a.sum() / Double(a.count)
        let standardDeviation = (a.sumOfSquares() / Double(a.count) - mean * mean).squareRoot()
        // 60 000 samples: the sample std is within ~0.3% of 0.5 (one σ); allow 2%.
        #expect(abs(standardDeviation - 0.5) < 0.01)
        let u = Matrix.randomUniform(100, 100, in: (-2, 3), using: &g1)
        #expect(u.elements.allSatisfy { $0 >= -2 && $0 < 3 })
        #expect(abs(u.sum() / Double(u.count) - 0.5) < 0.05)  // σ of the mean ≈ 0.014
    }

    @Test("Operators broadcast a [1, n] row over [B, n] on either side, element by element otherwise, as NumPy does")
    func broadcasting() {
        let x = Matrix([[1, 2, 3], [4, 5, 6]])  // [2, 3]
        let row = Matrix([[10, 20, 30]])  // [1, 3]
        #expect(x - row == Matrix([[-9, -18, -27], [-6, -15, -24]]))
        #expect(row - x == Matrix([[9, 18, 27], [6, 15, 24]]))
        #expect(x * row == Matrix([[10, 40, 90], [40, 100, 180]]))
        #expect(x / row == Matrix([[0.1, 0.1, 0.1], [0.4, 0.25, 0.2]]))
        #expect(x + x == 2.0 * x && x * 2.0 == 2.0 * x && x / 2.0 == 0.5 * x)
        #expect(x + 1.0 == Matrix([[2, 3, 4], [5, 6, 7]]) && x - 1.0 == Matrix([[0, 1, 2], [3, 4, 5]]))
        #expect(-x == Matrix([[-1, -2, -3], [-4, -5, -6]]))
        #expect(sqrt(Matrix([[4, 9]])) == Matrix([[2, 3]]))
        var y = x
        y += row
        y -= row
        #expect(y == x)
        y += x  // same shape: element by element, in place
        #expect(y == 2.0 * x)
        y -= x
        #expect(y == x)
        #expect(x.shape == (rows: 2, columns: 3) && x.shapeDescription == "[2, 3]")
    }
}
