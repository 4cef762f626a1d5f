import Foundation
import Synchronization

/// Sole ownership of a store folder: within this process through a registry of folders, and
/// across processes through a POSIX record lock (`fcntl`) on `owner.lock`.
///
/// A record lock, unlike `flock`, belongs to the process: a child that another thread forks in the
/// meantime (tests and services start processes) does not inherit it, so releasing it takes effect
/// at once. Record locks do not exclude the process from itself, hence the registry.
final class OwnerLock: Sendable {
    private static let held = Mutex<Set<String>>([])
    private let key: String
    private let descriptor: Mutex<Int32?>

    private init(key: String, descriptor: Int32) {
        self.key = key
        self.descriptor = Mutex(descriptor)
    }

    /// Takes the folder; throws `.locked` when this process or another one holds it.
    static func take(in folder: String) throws -> OwnerLock {
        let key = OpenStores.key(for: folder)
        let busy = EventLogError(.locked, "the key-value store at \(folder) is open in another process or instance")
        guard held.withLock({ $0.insert(key).inserted }) else { throw busy }
        let path = folder + "/owner.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            held.withLock { _ = $0.remove(key) }
            throw EventLogError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var request = flock()
        request.l_type = Int16(F_WRLCK)
        request.l_whence = Int16(SEEK_SET)
        guard fcntl(descriptor, F_SETLK, &request) == 0 else {
            close(descriptor)
            held.withLock { _ = $0.remove(key) }
            throw busy
        }
        return OwnerLock(key: key, descriptor: descriptor)
    }

    /// Gives the folder up; later calls do nothing.
    func release() {
        let released: Bool = descriptor.withLock { descriptor in
            guard let open = descriptor else { return false }
            close(open)
            descriptor = nil
            return true
        }
        if released { Self.held.withLock { _ = $0.remove(key) } }
    }

    deinit { release() }
}
