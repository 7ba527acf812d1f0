// SHA256Tests.swift — the system's SHA-256 against known answers: the
// examples of FIPS 180-4 (NIST's published vectors) and the four MNIST files.

import Foundation
import Testing

@testable import BookCore

@Suite("SHA-256")
struct SHA256Tests {
    /// NIST's examples for SHA-256: the message and its digest.
    static let vectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        // 448 bits: the padding needs a second block.
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        // 896 bits.
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    @Test("The FIPS 180-4 examples, in one call")
    func knownAnswers() {
        for (message, digest) in Self.vectors {
            #expect(MNIST.sha256Hex(Array(message.utf8)) == digest, "SHA-256 of \"\(message)\"")
        }
    }

    @Test("A million times \"a\", fed in uneven pieces, gives NIST's digest")
    func millionAs() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(MNIST.sha256Hex(bytes) == expected)
        // Pieces of 1, 63, 64, 65 … bytes cross the 64-byte blocks at every offset.
        let hasher = SHA256()
        var offset = 0
        var size = 1
        bytes.withUnsafeBytes { all in
            while offset < all.count {
                let end = min(offset + size, all.count)
                hasher.update(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                offset = end
                size = size * 7 % 4099 + 1
            }
            hasher.update(UnsafeRawBufferPointer(rebasing: all[all.count...]))  // an empty piece changes nothing
        }
        #expect(MNIST.hex(hasher.finalize()) == expected)
    }

    @Test(
        "The four MNIST files: their decompressed bytes have the digests the loader expects, whole or streamed",
        .enabled(if: MNIST.isAvailable(), "needs MNIST (set MNIST_DIR)"))
    func mnistDigests() throws {
        let folder = MNIST.directory(explicit: nil).path
        for file in MNIST.files {
            let path = MNIST.path(of: file, in: folder)
            #expect(MNIST.sha256Hex(try readPossiblyCompressedFile(path)) == file.sha256, "\(file.name)")
            // The loader's own path: hashed a megabyte at a time while the next one is decompressed.
            _ = try MNIST.readVerified(file, in: folder, verify: true)
        }
    }
}
