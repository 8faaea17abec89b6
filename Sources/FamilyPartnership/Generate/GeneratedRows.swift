import Foundation
import PartnershipRules
import SQLKit

/// The generator's rows, one type per table; each property is a column (snake case in the table). Columns left
/// out take their defaults. Values follow the app's own rules: the same enumerations, date order and limits.
enum GeneratedRow {
    struct Staff: Sendable {
        let id: UUID, programId: UUID, siteId: UUID?, supervisorId: UUID?
        let name: String, email: String, passwordHash: String, roles: String, languages: String, status: String
        let failedSignIns: Int, createdAt: Date, updatedAt: Date, version: Int
    }

    struct Family: Sendable {
        let id: UUID, programId: UUID, siteId: UUID?, pointOfContactId: UUID?
        let householdName: String, addressLine: String, city: String, state: String, postalCode: String
        let phone: String, preferredLanguage: String, preferredChannel: String, enrollmentStatus: String
        let appliedOn: String, enrolledOn: String?, exitedOn: String?, exitReason: String?, programOption: String
        let createdAt: Date, updatedAt: Date, version: Int
    }

    struct Member: Sendable {
        let id: UUID, familyId: UUID, kind: String, name: String, relationship: String?, primaryLanguage: String?
        let isFatherFigure: Bool, phone: String?, dateOfBirth: String?, programType: String?, classroom: String?
        let homeVisitorId: UUID?, hasIfspOrIep: Bool, inFosterCare: Bool, createdAt: Date, updatedAt: Date, version: Int
    }

    struct TeamMember: Sendable {
        let id: UUID, familyId: UUID, staffId: UUID, role: String, createdAt: Date
    }

    struct Assessment: Sendable {
        let id: UUID, familyId: UUID, instrumentVersionId: UUID, period: String, takenOn: String, mode: String
        let participants: String, answers: String, outcomesChosen: String, familyStrengths: String
        let strengthTags: String, recordedById: UUID, createdAt: Date, updatedAt: Date
    }

    struct Need: Sendable {
        let id: UUID, familyId: UUID, assessmentId: UUID, category: String, urgency: String, intensity: String
        let description: String, identifiedOn: String, metOn: String?, createdAt: Date, updatedAt: Date, version: Int
    }

    struct Agreement: Sendable {
        let id: UUID, familyId: UUID, programYear: String, startedOn: String, nextReviewOn: String
        let createdById: UUID, createdAt: Date, updatedAt: Date, version: Int
    }

    struct Goal: Sendable {
        let id: UUID, agreementId: UUID, familyId: UUID, kind: String, childId: UUID?, outcomes: String
        let goal: String, familyWords: String, targetOn: String, strategies: String, state: String
        let replacedById: UUID?, discontinuedReason: String?, version: Int, createdAt: Date, updatedAt: Date
    }

    struct Step: Sendable {
        let id: UUID, goalId: UUID, familyId: UUID, what: String, memberId: UUID?, staffId: UUID?
        let dueOn: String, doneOn: String?, createdAt: Date, updatedAt: Date, version: Int
    }

    struct Note: Sendable {
        let id: UUID, goalId: UUID, familyId: UUID, notedOn: String, authorId: UUID, authorName: String
        let text: String, isSuccess: Bool, createdAt: Date
    }

    struct Referral: Sendable {
        let id: UUID, familyId: UUID, needId: UUID?, category: String, familyAsked: Bool, status: String
        let statusOn: String, requestedOn: String, followUpOn: String, createdById: UUID
        let createdAt: Date, updatedAt: Date, version: Int
    }

    struct ReferralEvent: Sendable {
        let id: UUID, referralId: UUID, familyId: UUID, status: String, happenedOn: String, recordedByName: String
        let createdAt: Date
    }

    struct Service: Sendable {
        let id: UUID, familyId: UUID, category: String, providedOn: String, deliveredBy: String, referralId: UUID
        let recordedByName: String, createdAt: Date
    }

    struct Visit: Sendable {
        let id: UUID, familyId: UUID, visitTypeId: UUID, status: String, scheduledOn: String, startsAt: String
        let plannedMinutes: Int, place: String, familyAgreed: Bool, agreementWay: String?, actualMinutes: Int?
        let createdById: UUID, createdAt: Date, updatedAt: Date, version: Int
    }

    struct VisitStaff: Sendable {
        let id: UUID, visitId: UUID, staffId: UUID, attended: Bool
    }

    struct Contact: Sendable {
        let id: UUID, familyId: UUID, staffId: UUID, contactedOn: String, startsAt: String, medium: String
        let startedBy: String, language: String, interpreter: Bool, minutes: Int, summary: String, createdAt: Date
    }

    struct Consent: Sendable {
        let id: UUID, familyId: UUID, partnerAgencyId: UUID, givenBy: String, categories: String, purpose: String
        let startsOn: String, endsOn: String, method: String, recordedByName: String, createdAt: Date
        let updatedAt: Date, version: Int
    }

    struct Disclosure: Sendable {
        let id: UUID, familyId: UUID, partnerAgencyId: UUID, recipient: String, categories: String, consentId: UUID
        let channel: String, disclosedAt: Date, disclosedByName: String
    }

    struct Audit: Sendable {
        let id: UUID, occurredAt: Date, staffId: UUID, staffName: String, programId: UUID, familyId: UUID
        let action: String, recordType: String, recordId: UUID?, detail: String, clientAddress: String, channel: String
    }
}

/// One batch of families' rows, table by table, written in the order the foreign keys need.
struct FamilyRows: Sendable {
    var families = BulkRows<GeneratedRow.Family>("families")
    var members = BulkRows<GeneratedRow.Member>("family_members")
    var team = BulkRows<GeneratedRow.TeamMember>("family_team_members")
    var assessments = BulkRows<GeneratedRow.Assessment>("assessments")
    var needs = BulkRows<GeneratedRow.Need>("family_needs")
    var agreements = BulkRows<GeneratedRow.Agreement>("agreements")
    var goals = BulkRows<GeneratedRow.Goal>("goals")
    var steps = BulkRows<GeneratedRow.Step>("action_steps")
    var notes = BulkRows<GeneratedRow.Note>("progress_notes")
    var referrals = BulkRows<GeneratedRow.Referral>("referrals")
    var referralEvents = BulkRows<GeneratedRow.ReferralEvent>("referral_events")
    var services = BulkRows<GeneratedRow.Service>("services")
    var visits = BulkRows<GeneratedRow.Visit>("visits")
    var visitStaff = BulkRows<GeneratedRow.VisitStaff>("visit_staff")
    var contacts = BulkRows<GeneratedRow.Contact>("contacts")
    var consents = BulkRows<GeneratedRow.Consent>("consents")
    var disclosures = BulkRows<GeneratedRow.Disclosure>("disclosures")
    var audit = BulkRows<GeneratedRow.Audit>("audit_entries")
    /// Family and program year of each agreement made: one agreement per family per year.
    var agreementYears: Set<String> = []

    func write(to sql: any SQLDatabase) async throws -> Int {
        // A revised goal names its replacement, which comes second in its agreement: the replacements go first.
        var goalsInOrder = BulkRows<GeneratedRow.Goal>("goals")
        for goal in goals.rows.filter({ $0.replacedById == nil }) + goals.rows.filter({ $0.replacedById != nil }) {
            goalsInOrder.append(goal)
        }
        let tables: [any BulkWritable] = [families, members, team, assessments, needs, agreements, goalsInOrder, steps, notes,
                                          referrals, referralEvents, services, visits, visitStaff, contacts, consents,
                                          disclosures, audit]
        var written = 0
        for table in tables { written += try await table.write(to: sql) }
        return written
    }
}

extension SeededGenerator {
    /// A version-4 UUID from the sequence, so that the same seed gives the same ids.
    mutating func uuid() -> UUID {
        let high = next(), low = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * index))
            bytes[index + 8] = UInt8(truncatingIfNeeded: low >> (8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
