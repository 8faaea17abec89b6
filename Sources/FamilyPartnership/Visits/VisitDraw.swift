import Fluent
import Foundation
import PartnershipRules

/// A fair random draw of families for home visits, kept exactly as it was made (the table is append-only).
final class VisitDraw: Model, @unchecked Sendable {
    static let schema = "visit_draws"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    /// The roster drawn from, in words ("Classroom: Kindergarten – Room 4").
    @Field(key: "roster") var roster: String
    @Field(key: "places") var places: Int
    /// 16 hexadecimal digits.
    @Field(key: "seed") var seed: String
    /// Family IDs, comma-separated, in the order drawn.
    @Field(key: "chosen") var chosenList: String
    @Field(key: "waiting") var waitingList: String
    @Field(key: "declined") var declined: Int
    /// The eligible families visited in earlier years (drawn after the others).
    @Field(key: "visited_before") var visitedBeforeList: String
    @Field(key: "drawn_by_name") var drawnByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    /// Draws `places` families from `candidates` with `seed` (see `FairDraw`), ready to be logged.
    init(program: UUID, roster: String, candidates: [DrawCandidate], places: Int, seed: UInt64, drawnBy: String) {
        let result = FairDraw.draw(candidates, places: places, seed: seed)
        self.$program.id = program
        self.roster = roster
        self.places = places
        self.seed = FairDraw.seedText(seed)
        chosenList = Self.list(result.chosen)
        waitingList = Self.list(result.waiting)
        declined = result.declined
        visitedBeforeList = Self.list(candidates.filter { $0.visitedBefore && !$0.declined }.map(\.id))
        drawnByName = drawnBy
    }

    var chosen: [UUID] { Self.ids(chosenList) }
    var waiting: [UUID] { Self.ids(waitingList) }
    var visitedBefore: Set<UUID> { Set(Self.ids(visitedBeforeList)) }

    static func ids(_ list: String) -> [UUID] { list.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    static func list(_ ids: [String]) -> String { ids.joined(separator: ",") }

    /// Runs the draw again from its seed over the same eligible families: true when it gives the same result.
    var repeats: Bool {
        guard let seed = FairDraw.seed(seed) else { return false }
        let visited = visitedBefore
        let candidates = (chosen + waiting).map { DrawCandidate(id: $0.uuidString, declined: false, visitedBefore: visited.contains($0)) }
        let again = FairDraw.draw(candidates, places: places, seed: seed)
        return again.chosen == chosen.map(\.uuidString) && again.waiting == waiting.map(\.uuidString)
    }
}

/// The rosters a program can draw from (a classroom or a site) and the families on each.
enum DrawRoster {
    static func options(program: UUID, on db: any Database) async throws -> [(value: String, label: String)] {
        let classrooms = try await FamilyMember.query(on: db).join(Family.self, on: \FamilyMember.$family.$id == \Family.$id)
            .filter(Family.self, \.$program.$id == program).filter(Family.self, \.$enrollmentStatus == .enrolled)
            .filter(\.$kind == .child).filter(\.$classroom != nil).all().compactMap(\.classroom)
        let sites = try await Site.query(on: db).filter(\.$program.$id == program).sort(\.$name).all()
        return Set(classrooms).sorted().map { ("classroom:\($0)", "Classroom: \($0)") }
            + sites.map { ("site:\($0.id!.uuidString.lowercased())", "Site: \($0.name)") }
    }

    /// The enrolled families on `roster`, with what the draw may know of each: declined, and visited before
    /// `yearStart`. Attendance and behaviour are not read.
    static func candidates(_ given: String, program: UUID, yearStart: CalendarDate,
                           on db: any Database) async throws -> (label: String, families: [Family], candidates: [DrawCandidate])? {
        // A site's id may come in either case ("site:<id>"); classroom names are as written.
        let roster = given.hasPrefix("site:") ? "site:" + given.dropFirst(5).lowercased() : given
        guard let label = try await options(program: program, on: db).first(where: { $0.value == roster })?.label else { return nil }
        let query = Family.query(on: db).filter(\.$program.$id == program).filter(\.$enrollmentStatus == .enrolled)
        let families: [Family]
        if roster.hasPrefix("site:"), let site = UUID(uuidString: String(roster.dropFirst(5))) {
            families = try await query.filter(\.$site.$id == site).all()
        } else {
            let room = String(roster.dropFirst("classroom:".count))
            let ids = try await FamilyMember.query(on: db).filter(\.$kind == .child).filter(\.$classroom == room).all().map(\.$family.id)
            families = ids.isEmpty ? [] : try await query.filter(\.$id ~~ Array(Set(ids))).all()
        }
        let ids = families.compactMap(\.id)
        let visited = ids.isEmpty ? [] : try await Visit.query(on: db).join(VisitType.self, on: \Visit.$type.$id == \VisitType.$id)
            .filter(\.$family.$id ~~ ids).filter(\.$status == .completed).filter(\.$scheduledOn < yearStart.description)
            .filter(VisitType.self, \.$countsAs == .homeVisit).all().map(\.$family.id)
        let before = Set(visited)
        return (label, families, families.map {
            DrawCandidate(id: $0.id!.uuidString, declined: $0.declinedHomeVisitsOn != nil, visitedBefore: before.contains($0.id!))
        })
    }
}
