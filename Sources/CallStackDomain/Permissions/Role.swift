public import CallStackEvents

/// A member's role in the workspace.
public enum Role: String, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case teamAdmin = "Team Admin"
    case campaignManager = "Campaign Manager"
    case caller = "Caller"
    case viewer = "Viewer"

    /// The domain role of a wire role; nil for an unspecified or unknown one.
    public init?(_ role: Callstack_V1_Role) {
        switch role {
        case .teamAdmin: self = .teamAdmin
        case .campaignManager: self = .campaignManager
        case .caller: self = .caller
        case .viewer: self = .viewer
        default: return nil
        }
    }

    /// The wire form.
    public var message: Callstack_V1_Role {
        switch self {
        case .teamAdmin: .teamAdmin
        case .campaignManager: .campaignManager
        case .caller: .caller
        case .viewer: .viewer
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
