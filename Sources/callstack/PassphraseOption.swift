import ArgumentParser
import Foundation

/// The passphrase of a key bundle: read from a file or from `CALLSTACK_KEYS_PASSPHRASE`, never
/// from the command line, where other users could read it in the process list.
struct PassphraseOption: ParsableArguments {
    @Option(help: "A file whose first line is the key bundle's passphrase (or set CALLSTACK_KEYS_PASSPHRASE).")
    var passphraseFile: String?

    func passphrase() throws -> String {
        if let passphraseFile {
            guard let text = try? String(contentsOfFile: passphraseFile, encoding: .utf8) else {
                throw ValidationError("cannot read the passphrase file \(passphraseFile)")
            }
            return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }
        guard let value = ProcessInfo.processInfo.environment["CALLSTACK_KEYS_PASSPHRASE"], !value.isEmpty else {
            throw ValidationError("--keys needs a passphrase: --passphrase-file FILE or CALLSTACK_KEYS_PASSPHRASE")
        }
        return value
    }
}
