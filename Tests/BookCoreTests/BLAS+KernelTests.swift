// BLAS+KernelTests.swift — choosing the BLAS kernel from the CPU's features.

import Testing

@testable import BookCore

@Suite("BLAS kernel choice")
struct BLASKernelTests {
    /// The AVX-512 flags of Sapphire Rapids (and Zen 4), as /proc/cpuinfo spells them.
    static let avx512: Set<String> = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512cd"]
    /// A Haswell or Zen 3: AVX2 with FMA, no AVX-512.
    static let avx2: Set<String> = ["sse2", "avx", "avx2", "fma"]

    @Test("Sapphire Rapids on OpenBLAS 0.3.21: Prescott is replaced by SkylakeX")
    func sapphireRapids() {
        #expect(BLAS.bestKernel(cpuFlags: Self.avx512, vendor: "GenuineIntel", libraryKernel: "Prescott") == "SkylakeX")
        // A Haswell kernel on an AVX-512 CPU is a fallback too.
        #expect(BLAS.bestKernel(cpuFlags: Self.avx512, vendor: "GenuineIntel", libraryKernel: "Haswell") == "SkylakeX")
    }

    @Test("Kernels that already use AVX-512 are kept")
    func avx512Kept() {
        for kernel in ["SkylakeX", "Cooperlake", "SAPPHIRERAPIDS"] {
            #expect(BLAS.bestKernel(cpuFlags: Self.avx512, vendor: "AuthenticAMD", libraryKernel: kernel) == nil)
        }
    }

    @Test("Zen 3: the library's Zen is kept; a fallback becomes Zen")
    func zen3() {
        #expect(BLAS.bestKernel(cpuFlags: Self.avx2, vendor: "AuthenticAMD", libraryKernel: "Zen") == nil)
        #expect(BLAS.bestKernel(cpuFlags: Self.avx2, vendor: "AuthenticAMD", libraryKernel: "Prescott") == "Zen")
    }

    @Test("Haswell: kept; a fallback becomes Haswell")
    func haswell() {
        #expect(BLAS.bestKernel(cpuFlags: Self.avx2, vendor: "GenuineIntel", libraryKernel: "Haswell") == nil)
        #expect(BLAS.bestKernel(cpuFlags: Self.avx2, vendor: "GenuineIntel", libraryKernel: "Sandybridge") == "Haswell")
    }

    @Test("AVX-512 needs all four of F, VL, BW and DQ (Knights Landing has F but not the rest)")
    func partialAVX512() {
        let knightsLanding = Self.avx2.union(["avx512f", "avx512cd", "avx512er", "avx512pf"])
        #expect(BLAS.VectorLevel(cpuFlags: knightsLanding) == .avx2)
        #expect(BLAS.bestKernel(cpuFlags: knightsLanding, vendor: "GenuineIntel", libraryKernel: "Haswell") == nil)
    }

    @Test("No AVX: nothing better than Prescott; AVX without FMA: Sandybridge")
    func noAVX() {
        #expect(BLAS.bestKernel(cpuFlags: ["sse2", "sse3", "ssse3"], vendor: "GenuineIntel", libraryKernel: "Prescott") == nil)
        #expect(BLAS.bestKernel(cpuFlags: ["sse2", "avx"], vendor: "GenuineIntel", libraryKernel: "Nehalem") == "Sandybridge")
        #expect(BLAS.bestKernel(cpuFlags: [], vendor: "", libraryKernel: "Unknown") == nil)
    }

    @Test("Flags and vendor read from /proc/cpuinfo text")
    func cpuinfo() {
        let text = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Platinum 8488C
            flags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl

            processor\t: 1
            vendor_id\t: GenuineIntel
            flags\t\t: fpu
            """
        let (flags, vendor) = BLAS.cpuFeatures(cpuinfo: text)
        #expect(vendor == "GenuineIntel")
        #expect(BLAS.VectorLevel(cpuFlags: flags) == .avx512)
    }

    @Test("The library names its kernel, and the description names library and kernel")
    func names() {
        #expect(!BLAS.kernelName.isEmpty)
        #expect(BLAS.description.contains(BLAS.kernelName))
        #if !canImport(Accelerate)
        #expect(BLAS.library.hasPrefix("OpenBLAS "))
        #endif
    }
}
