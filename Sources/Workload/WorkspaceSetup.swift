import CallStackEvents
import SwiftProtobuf

/// The commands that set up a generated workspace: members in every role, two clients, the
/// settings (sources, custom fields, a caller-ID inventory), a playbook and a script, and one
/// active campaign per client with a full brief.
struct WorkspaceSetup {
    typealias Command = Callstack_V1_CommandEnvelope.OneOf_Command
    let plan: WorkloadPlan

    static let admin = "admin"
    static let managers = ["mia", "max"]
    static let viewer = "vic"
    static let clients = [("acme", "Acme Insurance"), ("globex", "Globex Software")]

    func callerIDs() -> [String] { (1...max(1, plan.callers)).map { "caller-" + (($0 < 10) ? "0\($0)" : "\($0)") } }

    /// The callers a campaign assigns: alternate callers, so each works one campaign.
    func callers(of campaignIndex: Int) -> [String] {
        callerIDs().enumerated().filter { $0.offset % plan.campaigns.count == campaignIndex }.map(\.element)
    }

    /// (command id, actor, command), in order.
    func commands() -> [(String, String, Command)] {
        var commands: [(String, String, Command)] = [
            ("setup/workspace", Self.admin, .createWorkspace(.with {
                $0.workspaceID = "northwind"; $0.name = "Northwind Outbound"; $0.adminMemberID = Self.admin; $0.adminDisplayName = "Ada Admin"
                $0.adminEmail = "ada@northwind.example"
            })),
        ]
        let people: [(String, String, Callstack_V1_Role)] =
            [("mia", "Mia Manager", .campaignManager), ("max", "Max Manager", .campaignManager), (Self.viewer, "Vic Viewer", .viewer)]
            + callerIDs().map { ($0, "Caller " + $0.dropFirst(7), .caller) }
        for (id, name, role) in people {
            commands.append(("setup/invite/\(id)", Self.admin, .inviteMember(.with { $0.memberID = id; $0.displayName = name; $0.role = role })))
        }
        commands.append(("setup/settings", Self.admin, .changeWorkspaceSettings(.with { $0.settings = Self.settings })))
        commands.append(("setup/playbook", Self.admin, .publishPlaybookTemplate(.with {
            $0.templateID = "discovery"; $0.name = "Discovery call"
            $0.steps = [
                .with { $0.stepID = "intro"; $0.title = "Introduce yourself and the reason for the call"; $0.required = true },
                .with { $0.stepID = "pain"; $0.title = "Ask about their current provider" },
                .with { $0.stepID = "next-step"; $0.title = "Agree a next step"; $0.required = true },
            ]
        })))
        commands.append(("setup/script", Self.admin, .publishScript(.with {
            $0.scriptID = "opener"; $0.title = "Opener"; $0.body = "Hi, this is {caller} from Northwind, calling about your renewal."
        })))
        for (id, name) in Self.clients {
            commands.append(("setup/client/\(id)", Self.managers[0], .addClient(.with { $0.clientID = id; $0.name = name })))
        }
        for (index, campaign) in plan.campaigns.enumerated() {
            commands.append(("setup/campaign/\(campaign)", Self.managers[index % 2], .createCampaign(.with {
                $0.campaignID = campaign; $0.clientID = Self.clients[index % 2].0; $0.name = index == 0 ? "Spring renewals" : "Summer launch"
                $0.brief = brief(index)
            })))
            commands.append(("setup/activate/\(campaign)", Self.managers[index % 2], .changeCampaignStatus(.with { $0.campaignID = campaign; $0.status = .active })))
        }
        return commands
    }

    static let settings = Callstack_V1_WorkspaceSettings.with {
        $0.timeFormat = .timeFormat24Hour
        $0.timeZone = "Europe/London"
        $0.importDefaults = .with { $0.defaultPhoneRegion = "GB"; $0.defaultCallStatus = "new"; $0.requiredFields = ["phone"]; $0.duplicatePolicy = .skip }
        $0.sourceOptions = [
            .with { $0.sourceID = "referral"; $0.label = "Referral" }, .with { $0.sourceID = "webinar"; $0.label = "Webinar" },
            .with { $0.sourceID = "list"; $0.label = "Purchased list" },
        ]
        $0.customFields = [
            .with { $0.key = "industry"; $0.label = "Industry"; $0.type = .choice; $0.choices = ["insurance", "retail", "software", "logistics"] },
            .with { $0.key = "deal_size"; $0.label = "Deal size"; $0.type = .number },
        ]
        $0.phoneNumbers = [
            ("+442079460100", "GB", "20"), ("+442079460101", "GB", "20"), ("+441614960100", "GB", "161"), ("+441214960100", "GB", "121"),
            ("+12125550100", "US", "212"),
        ].map { number, country, area in
            .with { $0.number = number; $0.country = country; $0.area = area; $0.status = .active; $0.costPerMinute = .with { $0.minorUnits = 2; $0.currency = "GBP" } }
        }
    }

    func brief(_ index: Int) -> Callstack_V1_CampaignBrief {
        .with {
            $0.identity.assignedCallerIds = callers(of: index)
            $0.targets = .with { $0.goal = "Book renewal meetings"; $0.kpi = "meetings"; $0.callVolumePerDay = 400 }
            $0.audience = .with {
                $0.qualificationCriteria = ["decision maker", "renewal within 6 months"]
                $0.routingRules = [.with {
                    $0.ruleID = "webinar-first"; $0.when = [.with { $0.field = "source"; $0.operator = .equals; $0.values = ["webinar"] }]; $0.setPriority = 5
                }]
                $0.assignment = .sharedQueue
            }
            $0.callHandling = .with {
                $0.outcomes = Self.outcomes
                $0.playbookTemplate = .with { $0.id = "discovery"; $0.version = 1 }
                $0.script = .with { $0.id = "opener"; $0.version = 1 }
                $0.followUpRules = [.with { $0.ruleID = "confirm-meeting"; $0.outcomeID = "meeting"; $0.emailTemplate = "meeting-confirmation" }]
                $0.recycleDelaySeconds = 4 * 3_600
                $0.maxAttempts = 6
                $0.hotLeadSlaSeconds = 1_800
                $0.contactValueField = "deal_size"
            }
            $0.dialing = .with {
                $0.mode = index == 0 ? .preview : .progressive
                $0.callingWindow = .with { $0.start = "09:00"; $0.end = "20:00" }
                $0.maxAttemptsPerContactPerDay = 2
                $0.abandonRateCap = .with { $0.maxBasisPoints = 300; $0.period = index == 0 ? .abandonRatePeriod24Hours : .abandonRatePeriod30Days }
            }
        }
    }

    static let outcomes: [Callstack_V1_OutcomeDefinition] = [
        .with { $0.outcomeID = "no-answer"; $0.label = "No answer"; $0.callStatus = "attempting" },
        .with { $0.outcomeID = "busy"; $0.label = "Busy"; $0.callStatus = "attempting"; $0.recycleDelaySeconds = 1_800 },
        .with { $0.outcomeID = "voicemail"; $0.label = "Left voicemail"; $0.callStatus = "attempting"; $0.maxAttempts = 3 },
        .with { $0.outcomeID = "wrong-number"; $0.label = "Wrong number"; $0.flags = [.unworkable, .final]; $0.callStatus = "invalid" },
        .with { $0.outcomeID = "not-interested"; $0.label = "Not interested"; $0.flags = [.humanAnswered, .connect, .final]; $0.requirements = [.notes]; $0.callStatus = "lost" },
        .with {
            $0.outcomeID = "meeting"; $0.label = "Meeting booked"; $0.flags = [.humanAnswered, .connect, .meeting, .qualifiedLead]
            $0.requirements = [.notes, .meeting, .playbookSteps, .qualification]; $0.callStatus = "qualified"
        },
        .with { $0.outcomeID = "callback"; $0.label = "Call back"; $0.flags = [.humanAnswered, .connect, .callback]; $0.requirements = [.callback]; $0.callStatus = "callback" },
        .with { $0.outcomeID = "hot"; $0.label = "Hot lead"; $0.flags = [.humanAnswered, .connect, .hotLead]; $0.requirements = [.notes]; $0.callStatus = "contacted" },
        .with { $0.outcomeID = "do-not-call"; $0.label = "Do not call"; $0.flags = [.humanAnswered, .doNotCall, .final]; $0.callStatus = "do-not-call" },
    ]
}
