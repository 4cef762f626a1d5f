public import Foundation

/// Runs the `callstack` executable that the test build placed beside the test bundle.
public enum CommandLineTool {
    public struct Outcome: Sendable {
        public var status: Int32
        /// True when the process died from a signal rather than exiting.
        public var crashed: Bool
        public var output: String
        public var errorOutput: String
    }

    /// The executable: `$CALLSTACK_BIN` when set, else `callstack` beside the running test binary.
    public static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["CALLSTACK_BIN"] { return URL(fileURLWithPath: path) }
        return program("callstack")
    }

    /// An executable of this package that the test build placed beside the test binary.
    public static func program(_ name: String) -> URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: name)
    }

    /// Runs `callstack arguments…` (or another of the package's programs) to its end; `input`,
    /// when given, is its standard input.
    public static func run(_ arguments: [String], input: Data? = nil, program: URL = executable) throws -> Outcome {
        let output = Pipe()
        let errors = Pipe()
        let stdin = input.map { _ in Pipe() }
        let process = try launch(arguments, output: output, errors: errors, input: stdin, program: program)
        if let stdin, let input {
            try stdin.fileHandleForWriting.write(contentsOf: input)
            try stdin.fileHandleForWriting.close()
        }
        let errorReader = Thread.detachedReader(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal,
            output: String(decoding: data, as: UTF8.self), errorOutput: String(decoding: errorReader(), as: UTF8.self))
    }

    /// Starts `callstack arguments…` with its output on a pipe the caller reads line by line.
    public static func start(_ arguments: [String]) throws -> (Process, LineReader) {
        let output = Pipe()
        let process = try launch(arguments, output: output, errors: FileHandle.nullDevice)
        return (process, LineReader(output.fileHandleForReading))
    }

    private static func launch(
        _ arguments: [String], output: Pipe, errors: Any, input: Pipe? = nil, program: URL = executable
    ) throws -> Process {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        if let input { process.standardInput = input }
        try process.run()
        return process
    }
}

/// Reads a pipe line by line, blocking until each line is complete.
public final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()

    init(_ handle: FileHandle) { self.handle = handle }

    /// The next full line, or nil at end of file (a partial last line is dropped: it was cut by a kill).
    public func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
}

extension Thread {
    /// Drains `handle` on a background thread; the returned closure waits for and returns the data.
    static func detachedReader(_ handle: FileHandle) -> () -> Data {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var data = Data()
        Thread.detachNewThread {
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        return {
            done.wait()
            return data
        }
    }
}
