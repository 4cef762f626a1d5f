import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import SwiftProtobuf

/// Days of calling, simulated: each caller works a 09:00–17:00 (UTC, London in winter) shift,
/// takes the next contact, and the simulated telephony reports the dial, the connect and the end;
/// the caller saves an outcome with what it requires. Rates follow outbound B2B norms: about a
/// third of dials connect; of those, one in seven books a meeting and one in five asks for a
/// callback. Callers act in time order (ties by caller), one step at a time, so a seed always
/// gives the same commands in the same order.
struct CallingSimulator {
    let engine: Engine
    let plan: WorkloadPlan
    let setup: WorkspaceSetup
    var random: SeededRandom
    var summary = WorkloadSummary()

    init(engine: Engine, plan: WorkloadPlan) {
        self.engine = engine
        self.plan = plan
        setup = WorkspaceSetup(plan: plan)
        random = SeededRandom(seed: plan.seed ^ 0xCA11)
    }

    static let hour: Int64 = 3_600_000_000
    static let second: Int64 = 1_000_000

    mutating func run() async throws -> WorkloadSummary {
        for day in 0..<plan.days { try await work(day: day) }
        return summary
    }

    /// A caller's next step, at its time.
    enum Step {
        case next
        case dial(Reservation)
        case connect(Call)
        case end(Call)
        case outcome(Call)
    }

    /// A call in progress: where it is, and how it will go.
    struct Call {
        let contact: String
        let campaign: String
        let id: String
        let result: Callstack_V1_SystemResult
        let endAt: Int64
    }

    /// One day: shifts open at 09:00; every caller's steps run in time order (ties by caller), so
    /// business time never goes back in the log; time-driven work is recorded every quarter hour;
    /// callers take no new contact after 17:00 and shifts close when their last call is saved.
    private mutating func work(day: Int) async throws {
        let start = WorkloadPlan.firstDayMicros + Int64(day) * 24 * Self.hour + 9 * Self.hour
        let end = start + 8 * Self.hour
        let callers = setup.callerIDs()
        for caller in callers { try await command("shift/\(caller)/\(day)/start", caller, start, .startShift(.with { $0.memberID = caller })) }
        var agenda: [(time: Int64, caller: Int, step: Step)] = callers.indices.map { (start + Int64($0) * 7 * Self.second, $0, .next) }
        var nextAdvance = start
        var last = start
        while let index = agenda.indices.min(by: { (agenda[$0].time, agenda[$0].caller) < (agenda[$1].time, agenda[$1].caller) }) {
            let (time, callerIndex, step) = agenda.remove(at: index)
            if time >= nextAdvance {
                summary.expired += try await engine.advance(to: BusinessTime(micros: time), by: WorkspaceSetup.admin).expired
                nextAdvance = time + Self.hour / 4
            }
            last = max(last, time)
            let caller = callers[callerIndex]
            if case .next = step, time >= end { continue }
            if let (at, following) = try await take(step, caller: caller, campaign: plan.campaigns[callerIndex % plan.campaigns.count], at: time) {
                agenda.append((at, callerIndex, following))
            }
        }
        for caller in callers { try await command("shift/\(caller)/\(day)/end", caller, max(end, last), .endShift(.with { $0.memberID = caller })) }
    }

    /// Takes one step; returns the caller's next one.
    private mutating func take(_ step: Step, caller: String, campaign: String, at time: Int64) async throws -> (Int64, Step)? {
        switch step {
        case .next:
            guard let reservation = try await engine.next(caller: caller, campaign: campaign, at: BusinessTime(micros: time)) else {
                summary.idleTurns += 1
                return (time + 10 * 60 * Self.second, .next)
            }
            summary.reservations += 1
            return (time + Int64(random.int(5...40)) * Self.second, .dial(reservation))
        case .dial(let reservation):
            let id = "\(reservation.reservationID)/call"
            let dialled = try await command(id + "/dial", caller, time, .startDial(.with {
                $0.contactID = reservation.contactID; $0.campaignID = campaign; $0.reservationID = reservation.reservationID; $0.callID = id
            }))
            guard dialled else {
                try await command(id + "/pass", caller, time, .releaseReservation(.with {
                    $0.contactID = reservation.contactID; $0.campaignID = campaign; $0.reservationID = reservation.reservationID; $0.reason = "could not dial"
                }))
                return (time + 30 * Self.second, .next)
            }
            summary.dials += 1
            let (result, endAt, connects) = ring(time)
            let call = Call(contact: reservation.contactID, campaign: campaign, id: id, result: result, endAt: endAt)
            return connects ? (time + 12 * Self.second, .connect(call)) : (endAt, .end(call))
        case .connect(let call):
            try await command(call.id + "/connect", caller, time, .connectCall(.with { $0.contactID = call.contact; $0.campaignID = campaign; $0.callID = call.id }))
            return (call.endAt, .end(call))
        case .end(let call):
            try await command(call.id + "/end", caller, time, .endCall(.with {
                $0.contactID = call.contact; $0.campaignID = campaign; $0.callID = call.id; $0.result = call.result
            }))
            return (time + Int64(random.int(15...90)) * Self.second, .outcome(call))
        case .outcome(let call):
            let capture = self.capture(call.result, caller: caller, at: time)
            summary.outcomes[capture.outcomeID, default: 0] += 1
            try await command(call.id + "/outcome", caller, time, .saveOutcome(.with {
                $0.contactID = call.contact; $0.campaignID = campaign; $0.callID = call.id; $0.capture = capture
            }))
            return (time + 20 * Self.second, .next)
        }
    }

    /// How the network ends the dial: its result, when, and whether it connected first.
    private mutating func ring(_ dialAt: Int64) -> (Callstack_V1_SystemResult, Int64, Bool) {
        let roll = random.int(0...99)
        switch roll {
        case 0..<2: return (.failed, dialAt + 4 * Self.second, false)
        case 2..<40: return (.noAnswer, dialAt + 30 * Self.second, false)
        case 40..<48: return (.busy, dialAt + 8 * Self.second, false)
        case 48..<67: return (.voicemail, dialAt + 45 * Self.second, false)
        case 67..<68: return (.abandoned, dialAt + 14 * Self.second, true)
        default: return (.connected, dialAt + Int64(random.int(60...540)) * Self.second, true)  // 68..<100: about a third connect
        }
    }

    /// The outcome a caller saves after `result`, with what it requires.
    private mutating func capture(_ result: Callstack_V1_SystemResult, caller: String, at time: Int64) -> Callstack_V1_OutcomeCapture {
        var capture = Callstack_V1_OutcomeCapture()
        switch result {
        case .failed: capture.outcomeID = random.chance(50) ? "wrong-number" : "no-answer"
        case .busy: capture.outcomeID = "busy"
        case .voicemail: capture.outcomeID = "voicemail"
        case .connected:
            let roll = random.int(0...99)
            capture.outcomeID = roll < 15 ? "meeting" : roll < 35 ? "callback" : roll < 40 ? "hot" : roll < 43 ? "do-not-call" : "not-interested"
        default: capture.outcomeID = "no-answer"
        }
        switch capture.outcomeID {
        case "meeting":
            capture.notes = random.pick(["Keen on a demo", "Renewal due in March; wants options", "Asked for pricing before the meeting"])
            capture.meeting = .with {
                $0.startsAtMicros = time + 24 * Self.hour + Int64(random.int(1...8)) * Self.hour; $0.durationMinutes = 30
                $0.location = random.pick(["Teams", "Zoom", "Their office"])
            }
            capture.playbookStepsDone = ["intro", "pain", "next-step"]
            capture.qualification = ["decision maker", "renewal within 6 months"].map { criterion in .with { $0.criterion = criterion; $0.met = true } }
        case "callback":
            capture.callback = .with { $0.dueAtMicros = time + Int64(random.int(2...30)) * Self.hour; $0.ownerOnly = random.chance(50) }
        case "hot", "not-interested":
            capture.notes = random.pick(["Call back after lunch", "Using a competitor", "Budget frozen", "Very interested, call today"])
        default: break
        }
        return capture
    }

    /// Handles one command; true when accepted. A refusal is counted, not thrown: a simulated
    /// dial may meet a number suppressed since, or a window that closed.
    @discardableResult
    private mutating func command(_ id: String, _ member: String, _ micros: Int64, _ command: Callstack_V1_CommandEnvelope.OneOf_Command) async throws -> Bool {
        summary.commands += 1
        switch try await engine.handle(command, id: id, by: member, at: BusinessTime(micros: micros)) {
        case .accepted: return true
        case .rejected(let rejection):
            summary.refusals[rejection.description, default: 0] += 1
            return false
        }
    }
}
