import SwiftProtobuf

/// A partial update by field mask, the protobuf way (AIP-134): each path the mask names is taken
/// from the update whole, or cleared when the update does not set it (a repeated field is
/// replaced, not appended to; a message the update leaves out is removed). An empty mask takes the
/// whole update. Messages left empty are dropped, so an update that changes nothing leaves a
/// document equal to the one it started from.
enum FieldMaskMerge {
    static func apply<M: Message & _ProtoNameProviding>(
        _ update: M, onto current: M, mask: Google_Protobuf_FieldMask, _ problems: inout Problems
    ) -> M? {
        let unknown = mask.paths.filter { !M.isPathValid($0) }
        guard unknown.isEmpty else {
            problems.add(.invalidCommand("update_mask names \(unknown.joined(separator: ", ")), which \(M.protoMessageName) does not have"))
            return nil
        }
        guard var merged = JSONValue(mask.paths.isEmpty ? update : current), let source = JSONValue(update) else {
            problems.add(.invalidCommand("the update cannot be read"))
            return nil
        }
        for path in mask.paths {
            let names = ArraySlice(path.split(separator: ".").map(String.init))
            merged.set(source.value(at: names), at: names)
        }
        merged.prune()
        do {
            return try merged.message(M.self)
        } catch {
            problems.add(.invalidCommand("the update cannot be applied: \(error)"))
            return nil
        }
    }
}

extension JSONValue {
    /// Drops objects that hold nothing, at any depth (not inside lists, where a record is a record).
    mutating func prune() {
        guard case .object(var object) = self else { return }
        for key in object.keys.sorted() {
            object[key]?.prune()
            if object[key]?.isEmptyObject == true { object[key] = nil }
        }
        self = .object(object)
    }
}
