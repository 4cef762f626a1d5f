import Foundation

/// Flushing files and folders to the disk, for the few places that move files into place.
public enum FileSync {
    /// fsyncs a file, or a folder (so that a rename in it survives a power cut).
    public static func flush(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw EventLogError(.io, "cannot open \(path) to flush it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw EventLogError(.io, "fsync \(path): \(String(cString: strerror(errno)))") }
    }
}
