// TestSupport.swift — files and folders for the ChapterKit tests.

import Foundation

/// A new empty folder under the system's temporary folder.
func makeTemporaryDirectory(_ name: String = #function) throws -> String {
    let cleaned = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "chapterkit-test-\(cleaned)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `path/name`.
func join(_ folder: String, _ name: String) -> String {
    (folder as NSString).appendingPathComponent(name)
}

/// Writes bytes to a file.
func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
