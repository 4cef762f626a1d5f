public import CallStackEvents

/// Who issues a command, with the role the workspace gives them at that moment (nil for someone
/// who is not a member), and the business time of the command: "now" is always a parameter.
public struct CommandActor: Sendable, Equatable {
    public let memberID: String
    public let role: Role?
    /// Microseconds since the Unix epoch.
    public let atMicros: Int64

    public init(memberID: String, role: Role?, atMicros: Int64) {
        self.memberID = memberID
        self.role = role
        self.atMicros = atMicros
    }

    /// The occurrence an event of this command records.
    public var occurrence: Callstack_V1_Occurrence {
        var occurrence = Callstack_V1_Occurrence()
        occurrence.atMicros = atMicros
        occurrence.actorMemberID = memberID
        return occurrence
    }
}
