// DataError.swift — what can go wrong with data files, said so a person can fix it.

/// A problem with a data file, with the file's path and what to do about it.
public struct DataError: Error, CustomStringConvertible, Sendable {
    /// The file (or folder) concerned.
    public let path: String
    /// What is wrong.
    public let problem: String
    /// What to do about it.
    public let remedy: String

    /// A data error naming the file, the problem and the remedy.
    public init(path: String, problem: String, remedy: String) {
        self.path = path
        self.problem = problem
        self.remedy = remedy
    }

    /// `"<path>: <problem>. <remedy>"`.
    public var description: String { "\(path): \(problem).\n  \(remedy)" }
}
