// SpeedLine.swift — what a chapter prints about how fast its products ran.

import BookCore
import Foundation

/// What a chapter prints after its matrix products: `"735.6 GFLOP in
/// matrix products, 70.2 GFLOP/s (OpenBLAS 0.3.21, kernel Zen)"`.
/// `make bench` reads the last "GFLOP/s" figure.
///
/// - Parameter blas: The library and kernel that ran the products (default: ``BLAS/description``).
public func productSpeed(flops: Double, seconds: Double, blas: String = BLAS.description) -> String {
    String(format: "%.1f GFLOP in matrix products, %.1f GFLOP/s", flops / 1e9, flops / 1e9 / seconds) + " (\(blas))"
}
