// SHA256.swift — the digest that checks every MNIST file, computed by the
// system's own library: OpenSSL's libcrypto (its EVP digest interface) on
// Linux, CommonCrypto on macOS. Both are already on the machine, so the first
// build compiles no cryptography of its own.

#if canImport(CommonCrypto)
import CommonCrypto
#else
import CCrypto
#endif

/// A SHA-256 computation (FIPS 180-4), fed piece by piece.
///
/// Fed from one thread at a time, in order (the loader hashes each piece on a
/// serial queue while the next is decompressed), hence `@unchecked Sendable`.
final class SHA256: @unchecked Sendable {
    /// The digest's length in bytes.
    static let byteCount = 32

    #if canImport(CommonCrypto)
    private var context = CC_SHA256_CTX()
    #else
    private let context: OpaquePointer
    #endif

    /// A computation over no bytes yet.
    init() {
        #if canImport(CommonCrypto)
        CC_SHA256_Init(&context)
        #else
        // Only a failed allocation makes these fail.
        guard let context = EVP_MD_CTX_new() else { fatalError("SHA256: EVP_MD_CTX_new failed (out of memory)") }
        self.context = context
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("SHA256: EVP_DigestInit_ex with EVP_sha256 failed (libcrypto: \(openSSLError()))")
        }
        #endif
    }

    #if !canImport(CommonCrypto)
    deinit { EVP_MD_CTX_free(context) }
    #endif

    /// Adds `bytes` to the data hashed so far.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        #if canImport(CommonCrypto)
        // CommonCrypto counts in 32 bits: a gigabyte at a time.
        var offset = 0
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            CC_SHA256_Update(&context, base + offset, CC_LONG(length))
            offset += length
        }
        #else
        guard EVP_DigestUpdate(context, base, bytes.count) == 1 else {
            fatalError("SHA256: EVP_DigestUpdate failed (libcrypto: \(openSSLError()))")
        }
        #endif
    }

    /// The digest of every byte added; the computation is then spent.
    func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Self.byteCount)
        #if canImport(CommonCrypto)
        CC_SHA256_Final(&digest, &context)
        #else
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == Self.byteCount else {
            fatalError("SHA256: EVP_DigestFinal_ex failed (libcrypto: \(openSSLError()))")
        }
        #endif
        return digest
    }

    /// The digest of `bytes`, in one call.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        let hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }
}

#if !canImport(CommonCrypto)
/// libcrypto's last error, as its own sentence.
private func openSSLError() -> String {
    let code = ERR_get_error()
    guard code != 0 else { return "no error recorded" }
    var text = [CChar](repeating: 0, count: 256)
    ERR_error_string_n(code, &text, text.count)
    return text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}
#endif
