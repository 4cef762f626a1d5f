import ArgumentParser
import EventLog
import Foundation

struct LogVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every record's checksum and chain link, dense positions and versions, and both indexes.",
        discussion: """
            LMDB keeps no page checksums, and a corrupt page can crash the process that reads it. So the \
            walk runs in a child process; if that process dies, the store is reported corrupt.
            Exit status: 0 sound; 1 a problem was found (its position is printed); 2 the verifier \
            crashed on the store's bytes; 3 the store could not be opened.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("expect-head"),
        help: "An anchored head, position:hash (from `log stats`), or the hash the head must have now.")
    var expectedHead: String?

    @Flag(help: .hidden) var inProcess = false

    func validate() throws {
        if let expectedHead, LogHead(expectedHead) == nil && ChainHash(hex: expectedHead) == nil {
            throw ValidationError("--expect-head takes position:hash or a 64-digit hex hash")
        }
    }

    func run() throws {
        if inProcess {
            throw ExitCode(verifyHere())
        }
        throw ExitCode(try verifyInChild())
    }

    /// The walk itself. Prints one line `ok …` or `corrupt …` and returns the exit status.
    private func verifyHere() -> Int32 {
        let log: EventLog
        do {
            log = try storeOptions.open(readOnly: true)
        } catch {
            print("error: cannot open the store: \(error)")
            return 3
        }
        do {
            var anchor = expectedHead.flatMap(LogHead.init)
            if anchor == nil, let expectedHead, let hash = ChainHash(hex: expectedHead) {
                anchor = LogHead(position: try log.headPosition(), hash: hash)
            }
            let progress = ProgressBar(label: "verify")
            let report = try log.verify(anchor: anchor) { done, total in progress.update(done, of: total) }
            progress.finish()
            print(
                "ok: \(report.events) events, \(report.streams) streams, \(report.streamIndexRuns) stream-index runs and "
                    + "\(report.eventIDIndexEntries) event-id entries checked; head \(report.head)"
                    + (report.anchor.map { "; anchor \($0.position) matches" } ?? ""))
            return 0
        } catch let error as EventLogError {
            print("corrupt: \(error.code) at position \(error.position.map(String.init) ?? "-"): \(error.message)")
            return 1
        } catch {
            print("corrupt: \(error)")
            return 1
        }
    }

    private func verifyInChild() throws -> Int32 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var arguments = ["log", "verify", "--in-process", "--store", storeOptions.store]
        if let expectedHead { arguments += ["--expect-head", expectedHead] }
        child.arguments = arguments
        try child.run()
        child.waitUntilExit()
        if child.terminationReason == .uncaughtSignal {
            print("corrupt: the verifier crashed with signal \(child.terminationStatus) while reading the store")
            return 2
        }
        return child.terminationStatus
    }

}
