import SwiftProtobuf

/// A partial update by field mask, the protobuf way (AIP-134): the paths the mask names are taken
/// from the update, whole (a repeated field is replaced, not appended to); an empty mask takes
/// the whole update.
enum FieldMaskMerge {
    static func apply<M: Message & _ProtoNameProviding>(
        _ update: M, onto current: M, mask: Google_Protobuf_FieldMask, _ problems: inout Problems
    ) -> M? {
        guard !mask.paths.isEmpty else { return update }
        let unknown = mask.paths.filter { !M.isPathValid($0) }
        guard unknown.isEmpty else {
            problems.add(.invalidCommand("update_mask names \(unknown.joined(separator: ", ")), which \(M.protoMessageName) does not have"))
            return nil
        }
        var merged = current
        var options = Google_Protobuf_FieldMask.MergeOptions()
        options.replaceRepeatedFields = true
        do {
            try merged.merge(from: update, fieldMask: mask, mergeOption: options)
        } catch {
            problems.add(.invalidCommand("update_mask cannot be applied: \(error)"))
            return nil
        }
        return merged
    }
}
