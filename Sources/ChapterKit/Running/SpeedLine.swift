// SpeedLine.swift — what a chapter prints about how fast its products ran.

import Foundation

/// What a chapter prints after its matrix products: `"735.6 GFLOP in
/// matrix products, 70.2 GFLOP/s"`. `make bench` reads the last figure.
public func productSpeed(flops: Double, seconds: Double) -> String {
    String(format: "%.1f GFLOP in matrix products, %.1f GFLOP/s", flops / 1e9, flops / 1e9 / seconds)
}
