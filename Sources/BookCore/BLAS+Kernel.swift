// BLAS+Kernel.swift — which of OpenBLAS's kernels runs the products, and
// making sure it is the best one this CPU can run.
//
// Debian's OpenBLAS is built with DYNAMIC_ARCH: one library holds kernels for
// many CPUs (Prescott, Sandybridge, Haswell, Zen, SkylakeX, Cooperlake, …),
// and a constructor picks one when the library is loaded, from the CPU's
// family and model, or from OPENBLAS_CORETYPE if that is set. A CPU newer than
// the library falls through its table: OpenBLAS 0.3.21 (Debian 12) runs
// Sapphire Rapids with the generic Prescott kernel, about four times slower
// than SkylakeX, and says nothing. The results are still right, just slow.
//
// `BLAS.useBestKernel()` catches that: it reads the CPU's features, compares
// the best kernel they allow with the one the library chose, and when the
// library chose worse, sets OPENBLAS_CORETYPE and starts the same program
// again (once), so the library's constructor picks the right kernel before
// the first product. ChapterKit calls it while parsing every chapter's flags.

import Foundation

#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

extension BLAS {
    /// What a BLAS kernel can use: the widest vector instructions it is written for.
    ///
    /// The levels are ordered: a kernel of a higher level is faster on a CPU
    /// that has its instructions.
    public enum VectorLevel: Int, Comparable, Sendable, CustomStringConvertible {
        /// SSE only (Prescott, Core2, Nehalem, Barcelona, … and unknown kernels).
        case sse
        /// 256-bit AVX without FMA (Sandybridge, Bulldozer family).
        case avx
        /// 256-bit AVX2 with fused multiply-add (Haswell, Zen, Excavator).
        case avx2
        /// 512-bit AVX-512 F, VL, BW and DQ (SkylakeX, Cooperlake, SapphireRapids).
        case avx512

        /// Lower levels first.
        public static func < (lhs: VectorLevel, rhs: VectorLevel) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The name of the instruction set, as `make bench` and the one-line notice print it.
        public var description: String {
            switch self {
            case .sse: "SSE"
            case .avx: "AVX"
            case .avx2: "AVX2/FMA"
            case .avx512: "AVX-512"
            }
        }

        /// The widest level a CPU with these feature flags (as `/proc/cpuinfo` spells them) supports.
        public init(cpuFlags flags: Set<String>) {
            if ["avx512f", "avx512vl", "avx512bw", "avx512dq"].allSatisfy(flags.contains) {
                self = .avx512
            } else if flags.contains("avx2") && flags.contains("fma") {
                self = .avx2
            } else if flags.contains("avx") {
                self = .avx
            } else {
                self = .sse
            }
        }

        /// The level an OpenBLAS kernel is written for, from the name
        /// `openblas_get_corename()` gives (any case); unknown names count as SSE.
        public init(kernel: String) {
            switch kernel.lowercased() {
            case "skylakex", "cooperlake", "sapphirerapids": self = .avx512
            case "haswell", "zen", "excavator", "skylake": self = .avx2
            case "sandybridge", "bulldozer", "piledriver", "steamroller": self = .avx
            default: self = .sse
            }
        }
    }

    /// The kernel to ask OpenBLAS for, or `nil` to keep the library's own choice.
    ///
    /// A pure function of what the CPU offers and what the library picked, so
    /// it can be tested for CPUs this machine is not: Sapphire Rapids on
    /// OpenBLAS 0.3.21 (`Prescott` → `SkylakeX`), Zen 3 (`Zen`: kept), a
    /// Haswell, a CPU without AVX.
    ///
    /// - Parameters:
    ///   - cpuFlags: The CPU's feature flags, as the `flags` line of `/proc/cpuinfo` spells them.
    ///   - vendor: The CPU's vendor, as `vendor_id` in `/proc/cpuinfo` (`GenuineIntel`, `AuthenticAMD`).
    ///   - libraryKernel: The kernel the library chose, `openblas_get_corename()`.
    /// - Returns: `SkylakeX` on an AVX-512 CPU, `Zen` (AMD) or `Haswell` on an
    ///   AVX2/FMA CPU, `Sandybridge` on an AVX CPU — when the library chose a
    ///   kernel of a lower level; `nil` when its choice is as good, or when the
    ///   CPU has nothing better than SSE.
    public static func bestKernel(cpuFlags: Set<String>, vendor: String, libraryKernel: String) -> String? {
        let cpu = VectorLevel(cpuFlags: cpuFlags)
        guard VectorLevel(kernel: libraryKernel) < cpu else { return nil }
        switch cpu {
        case .avx512: return "SkylakeX"
        case .avx2: return vendor == "AuthenticAMD" ? "Zen" : "Haswell"
        case .avx: return "Sandybridge"
        case .sse: return nil
        }
    }

    /// The name of the kernel the library runs the products with:
    /// `openblas_get_corename()` (`"Haswell"`, `"Zen"`, `"SkylakeX"`, …), or
    /// `"Accelerate"` on macOS.
    public static var kernelName: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
        #endif
    }

    /// The library and its version: `"OpenBLAS 0.3.21"` (the first two words
    /// of `openblas_get_config()`), or `"Accelerate"` on macOS.
    public static var library: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        guard let config = openblas_get_config() else { return "OpenBLAS" }
        return String(cString: config).split(separator: " ").prefix(2).joined(separator: " ")
        #endif
    }

    /// The library, its version and its kernel in one phrase, for the speed
    /// line and `make bench`: `"OpenBLAS 0.3.21, kernel Zen"`, or `"Accelerate"`.
    public static var description: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        return "\(library), kernel \(kernelName)"
        #endif
    }

    /// The environment variable that marks the second start, after the kernel
    /// was set: it holds the kernel the library had chosen by itself.
    static let restartMarker = "BOOK_BLAS_LIBRARY_KERNEL"

    /// For tests of the restart on a machine where OpenBLAS chooses well:
    /// `BOOK_BLAS_PRETEND_KERNEL=Prescott` makes `useBestKernel()` act as if
    /// the library had chosen that kernel.
    static let pretendVariable = "BOOK_BLAS_PRETEND_KERNEL"

    /// Makes sure the products run on the best kernel this CPU supports; call
    /// it first thing, before any product (ChapterKit calls it while parsing
    /// every chapter's flags).
    ///
    /// OpenBLAS chooses its kernel once, when it is loaded; it cannot change
    /// its mind later. So when it chose a kernel for narrower vectors than the
    /// CPU has (see ``bestKernel(cpuFlags:vendor:libraryKernel:)``), this sets
    /// `OPENBLAS_CORETYPE` to the better kernel and starts the same program
    /// again, with the same arguments (`execv` of `/proc/self/exe`): the new
    /// process loads the library with the right kernel. The second start
    /// prints one line on standard error, e.g.
    ///
    ///     BLAS: OpenBLAS 0.3.21 chose Prescott for this CPU; running SkylakeX instead (AVX-512).
    ///
    /// It does nothing when `OPENBLAS_CORETYPE` is already set (the user's
    /// choice wins; the speed line still names the kernel), on the second
    /// start (no loops), on macOS (Accelerate chooses by itself), or when the
    /// CPU's features cannot be read. If the restart fails, the program goes
    /// on with the library's kernel and says so.
    public static func useBestKernel() {
        #if os(Linux)
        let environment = ProcessInfo.processInfo.environment
        if let chosenByLibrary = environment[restartMarker] {
            // The second start: say once what happened, and keep the marker out of child processes.
            unsetenv(restartMarker)
            let level = VectorLevel(kernel: kernelName)
            FileHandle.standardError.write(
                Data(
                    "BLAS: \(library) chose \(chosenByLibrary) for this CPU; running \(kernelName) instead (\(level)).\n".utf8))
            return
        }
        guard environment["OPENBLAS_CORETYPE"] == nil,
            let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        else { return }
        let libraryKernel = environment[pretendVariable] ?? kernelName
        let (flags, vendor) = cpuFeatures(cpuinfo: cpuinfo)
        guard let best = bestKernel(cpuFlags: flags, vendor: vendor, libraryKernel: libraryKernel) else { return }
        setenv("OPENBLAS_CORETYPE", best, 1)
        setenv(restartMarker, libraryKernel, 1)
        unsetenv(pretendVariable)
        fflush(nil)  // nothing printed so far may be lost in the restart
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when execv failed: carry on, slowly, and say so.
        unsetenv("OPENBLAS_CORETYPE")
        unsetenv(restartMarker)
        FileHandle.standardError.write(
            Data(
                "BLAS: \(library) chose \(libraryKernel), but this CPU could run \(best); restarting with it failed (errno \(errno)), so the products run slowly.\n"
                    .utf8))
        #endif
    }

    /// The CPU's feature flags and vendor from the text of `/proc/cpuinfo`
    /// (its first processor: all cores of one machine are alike).
    static func cpuFeatures(cpuinfo: String) -> (flags: Set<String>, vendor: String) {
        var flags: Set<String> = []
        var vendor = ""
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            if key == "vendor_id" && vendor.isEmpty {
                vendor = parts[1].trimmingCharacters(in: .whitespaces)
            } else if key == "flags" && flags.isEmpty {
                flags = Set(parts[1].split(separator: " ").map(String.init))
            }
            if !vendor.isEmpty && !flags.isEmpty { break }
        }
        return (flags, vendor)
    }
}
