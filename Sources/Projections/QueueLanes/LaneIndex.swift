import HeapModule

/// An entry of a lane's order or of the timers: its key (lane order, or wake time), the
/// enrolment's slot, and the generation of the placement it belongs to. An entry whose
/// generation is not the slot's current one is stale, and skipped when it surfaces (lazy
/// deletion: a move costs O(log n), never a search).
struct LaneEntry: Comparable, Sendable {
    let key: Int64
    /// The enrolment's position in the log: ties in the key go to the earlier enrolment.
    let tieBreak: UInt64
    let slot: Int32
    let generation: UInt32

    static func < (lhs: LaneEntry, rhs: LaneEntry) -> Bool {
        (lhs.key, lhs.tieBreak, lhs.slot) < (rhs.key, rhs.tieBreak, rhs.slot)
    }

    /// True when the entry belongs to the slot's current placement.
    func isLive(_ generations: [UInt32]) -> Bool { generations[Int(slot)] == generation }

    static func == (lhs: LaneEntry, rhs: LaneEntry) -> Bool {
        lhs.key == rhs.key && lhs.tieBreak == rhs.tieBreak && lhs.slot == rhs.slot && lhs.generation == rhs.generation
    }
}

/// A min-heap of entries with lazy deletion, compacted when stale entries outnumber live ones.
struct LaneIndex: Sendable {
    private(set) var heap = Heap<LaneEntry>()

    mutating func insert(_ entry: LaneEntry) {
        heap.insert(entry)
    }

    /// Pops entries until one is live (its generation is the slot's, in `generations`), and
    /// returns it; nil when none is left. The generations are a parameter, not a closure over the
    /// lanes: a closure capturing them would share the heap's storage and make every pop copy it.
    mutating func popLive(_ generations: [UInt32]) -> LaneEntry? {
        while let entry = heap.popMin() {
            if entry.isLive(generations) { return entry }
        }
        return nil
    }

    /// The first live entry, without removing it (stale ones above it are dropped).
    mutating func peekLive(_ generations: [UInt32]) -> LaneEntry? {
        while let entry = heap.min {
            if entry.isLive(generations) { return entry }
            _ = heap.popMin()
        }
        return nil
    }

    /// Drops stale entries when they are more than half the heap and it is large: memory stays
    /// within twice the live entries.
    mutating func compact(live: Int, _ generations: [UInt32]) {
        guard heap.count > 4_096, heap.count > 2 * live else { return }
        heap = Heap(heap.unordered.filter { $0.isLive(generations) })
    }
}
