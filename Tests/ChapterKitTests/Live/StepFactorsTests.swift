// StepFactorsTests.swift — the valley's linear analysis against the walked
// paths: the factors the explorer shows must be what the optimizers do.

import BookCore
import Foundation
import Testing

@testable import ChapterKit

/// The explorer over f(x, y) = x²/20 + y² from (−7, 2), chapter 1's valley.
private func valleyExplorer(_ optimizers: [any Optimizer], steps: Int = 30) -> ValleyExplorer {
    ValleyExplorer(
        function: { x, y in x * x / 20 + y * y }, gradient: { x, y in (x / 10, 2 * y) }, optimizers: optimizers,
        start: (-7, 2), steps: steps)
}

@Suite struct StepFactorsTests {
    @Test func curvatureOfTheValleyIsATenthAndTwo() {
        let h = valleyExplorer([SGD()]).curvature
        #expect(abs(h.x - 0.1) < 1e-9)
        #expect(abs(h.y - 2) < 1e-9)
    }

    @Test func sgdFactorsAreOneMinusEtaTimesCurvatureAndMatchThePath() {
        let explorer = valleyExplorer([SGD(learningRate: 0.95)])
        // The curvature comes from central differences: exact for a quadratic, up to rounding.
        let (x, y) = explorer.factors(0)
        guard case .linear(let xRoots) = x, case .linear(let yRoots) = y, xRoots.count == 1, yRoots.count == 1 else {
            Issue.record("SGD's step is a single factor per coordinate")
            return
        }
        #expect(abs(xRoots[0].real - (1 - 0.95 / 10)) < 1e-9)
        #expect(abs(yRoots[0].real - (1 - 2 * 0.95)) < 1e-9)
        // Every step of the walk multiplies x by 1 − η/10 and y by 1 − 2η.
        let path = explorer.path(0)
        for (before, after) in zip(path, path.dropFirst()) {
            #expect(abs(after.x - 0.905 * before.x) < 1e-12)
            #expect(abs(after.y - -0.9 * before.y) < 1e-12)
        }
    }

    @Test func momentumEigenvaluesPredictThePath() {
        let eta = 0.1, alpha = 0.9
        let explorer = valleyExplorer([Momentum(learningRate: eta, momentum: alpha)])
        let path = explorer.path(0)
        for (h, coordinate) in [(0.1, \(x: Double, y: Double).x), (2.0, \(x: Double, y: Double).y)] {
            guard case .linear(let roots) = StepFactor.of(Momentum(learningRate: eta, momentum: alpha), curvature: h) else {
                Issue.record("Momentum is a linear map")
                return
            }
            // The roots are the eigenvalues of M = [[1 − ηh, α], [−ηh, α]]: their sum is its trace, their product its determinant.
            #expect(abs(2 * roots[0].real - (1 - eta * h + alpha)) < 1e-12)
            #expect(abs(roots[0].magnitude * roots[1].magnitude - alpha) < 1e-12)
            // Complex on this valley, so |λ| = √α.
            #expect(abs(roots[0].magnitude - alpha.squareRoot()) < 1e-12)
            // M applied step by step to (w, v) = (start, 0) is the walk.
            var w = path[0][keyPath: coordinate], v = 0.0
            for position in path.dropFirst() {
                (w, v) = ((1 - eta * h) * w + alpha * v, -eta * h * w + alpha * v)
                #expect(abs(position[keyPath: coordinate] - w) < 1e-9)
            }
        }
    }

    @Test func nesterovEigenvaluesMatchItsMatrix() {
        let eta = 0.1, alpha = 0.9, h = 2.0
        guard case .linear(let roots) = StepFactor.of(Nesterov(learningRate: eta, momentum: alpha), curvature: h) else {
            Issue.record("Nesterov is a linear map")
            return
        }
        let a = 1 - (1 + alpha) * eta * h
        // Trace a + α, determinant a·α + α²·η·h = α·(1 − η·h).
        #expect(abs(roots[0].real + roots[1].real - (a + alpha)) < 1e-12)
        #expect(abs(roots[0].magnitude * roots[1].magnitude - alpha * (1 - eta * h)) < 1e-12)
        let explorer = valleyExplorer([Nesterov(learningRate: eta, momentum: alpha)])
        var w = 2.0, v = 0.0
        for position in explorer.path(0).dropFirst() {
            (w, v) = (a * w + alpha * alpha * v, -eta * h * w + alpha * v)
            #expect(abs(position.y - w) < 1e-9)
        }
    }

    @Test func adaGradAndAdamFirstStepMovesEachCoordinateByEta() {
        for optimizer in [AdaGrad(learningRate: 1.5), Adam(learningRate: 0.3)] as [any Optimizer] {
            let explorer = valleyExplorer([optimizer], steps: 1)
            #expect(explorer.factors(0).x == .firstStep(optimizer.learningRate))
            let path = explorer.path(0)
            // From (−7, 2) both coordinates move by η toward 0, to within what the 1e-7 added
            // to the denominator changes (Adam's √v is 0.022 for x: a relative 5e-6).
            #expect(abs(path[1].x - (-7 + optimizer.learningRate)) < 1e-5)
            #expect(abs(path[1].y - (2 - optimizer.learningRate)) < 1e-5)
        }
    }

    @Test func commandsParseAndAct() throws {
        var explorer = valleyExplorer([SGD(learningRate: 0.95), Adam(learningRate: 0.3)])
        #expect(try explorer.parse("-7,2").get() == .start(-7, 2))
        #expect(try explorer.parse(" ADAM 0.5 ").get() == .learningRate(1, 0.5))
        #expect(try explorer.parse("2").get() == .select(1))
        #expect(try explorer.parse("q").get() == .quit)
        #expect((try? explorer.parse("adam -1").get()) == nil)
        #expect((try? explorer.parse("3").get()) == nil)
        #expect((try? explorer.parse("1,x").get()) == nil)
        #expect(explorer.apply(.learningRate(1, 0.5)).goOn)
        #expect(explorer.optimizers[1].learningRate == 0.5)
        #expect(explorer.optimizers[1] is Adam)
        _ = explorer.apply(.scale(2))
        #expect(explorer.optimizers[1].learningRate == 1)
        _ = explorer.apply(.start(1, 1))
        #expect(explorer.path(0)[0] == (1, 1))
        #expect(explorer.apply(.quit).goOn == false)
        #expect(ValleyExplorer.command(forKey: 50, optimizers: 2) == .select(1))
        #expect(ValleyExplorer.command(forKey: 51, optimizers: 2) == nil)
        #expect(ValleyExplorer.command(forKey: 113, optimizers: 2) == .quit)
    }

    @Test func liveFigureThinsLongCurvesKeepingBothEnds() {
        let curve = (0..<1000).map { (x: Double($0), y: Double($0)) }
        let kept = LiveFigure.thinned(curve, to: 10)
        #expect(kept.count == 10)
        #expect(kept.first?.x == 0 && kept.last?.x == 999)
    }
}
