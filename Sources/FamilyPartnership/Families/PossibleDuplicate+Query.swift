import Fluent
import Foundation
import PartnershipRules

/// A family already on record that looks like the one being entered.
struct PossibleDuplicate: Sendable, Equatable {
    let familyID: UUID
    /// Nil when the staff member may not see that family: they are told it exists, not whose it is.
    let householdName: String?
    let reason: String

    /// Families of the program sharing a phone number or street address with `family`.
    static func families(like family: Family, staff: SignedIn, on db: any Database) async throws -> [PossibleDuplicate] {
        var matches: [(UUID, String)] = []
        let phones = [family.phone, family.alternatePhone].compactMap { $0 }
        if !phones.isEmpty {
            let samePhone = try await Family.query(on: db).filter(\.$program.$id == staff.programID)
                .group(.or) { $0.filter(\.$phone ~~ phones).filter(\.$alternatePhone ~~ phones) }
                .all()
            matches += samePhone.map { ($0.id!, "same phone number") }
        }
        if let address = family.addressLine {
            let key = DuplicateCheck.addressKey(address)
            var query = Family.query(on: db).filter(\.$program.$id == staff.programID).filter(\.$addressLine != nil)
            if let postal = family.postalCode { query = query.filter(\.$postalCode == postal) }
            let sameAddress = try await query.all().filter { DuplicateCheck.addressKey($0.addressLine ?? "") == key }
            matches += sameAddress.map { ($0.id!, "same street address") }
        }
        return try await describe(matches.filter { $0.0 != family.id }, staff: staff, on: db)
    }

    /// Children of the program's families with the same name and date of birth.
    static func children(named name: String, born: String, excluding memberID: UUID?, staff: SignedIn,
                         on db: any Database) async throws -> [PossibleDuplicate] {
        let key = DuplicateCheck.nameKey(name)
        let sameBirthday = try await FamilyMember.query(on: db)
            .join(Family.self, on: \FamilyMember.$family.$id == \Family.$id)
            .filter(Family.self, \.$program.$id == staff.programID)
            .filter(\.$kind == .child).filter(\.$dateOfBirth == born)
            .all()
        let matches = sameBirthday
            .filter { $0.id != memberID && DuplicateCheck.nameKey($0.name) == key }
            .map { ($0.$family.id, "a child with the same name and date of birth") }
        return try await describe(matches, staff: staff, on: db)
    }

    private static func describe(_ matches: [(UUID, String)], staff: SignedIn,
                                 on db: any Database) async throws -> [PossibleDuplicate] {
        var seen = Set<UUID>()
        let unique = matches.filter { seen.insert($0.0).inserted }
        guard !unique.isEmpty else { return [] }
        let visible = try await Family.visible(to: staff, on: db).filter(\.$id ~~ unique.map(\.0)).all()
        let names = Dictionary(uniqueKeysWithValues: visible.map { ($0.id!, $0.householdName) })
        return unique.map { PossibleDuplicate(familyID: $0.0, householdName: names[$0.0], reason: $0.1) }
    }
}
