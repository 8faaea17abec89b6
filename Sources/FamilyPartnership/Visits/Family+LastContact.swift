import Fluent
import Foundation
import PartnershipRules
import SQLKit

/// `families.last_contact_on`: the day of the family's latest logged contact or completed visit, kept as they
/// are recorded. The to-do's contact gap compares this one indexed column instead of reading every family's
/// contacts and visits (over a program of 100,000 families that read took seconds). Contacts cannot be dated
/// in the future, visits are recorded once they have taken place, and neither is ever deleted, so the day
/// only moves forward.
extension Family {
    /// The family was in contact on `day`: its last contact moves forward to it (a contact logged late for an
    /// earlier day changes nothing).
    static func contacted(_ familyID: UUID, on day: CalendarDate, _ db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE "families" SET "last_contact_on" = \(bind: day.description)
            WHERE "id" = \(bind: familyID) AND ("last_contact_on" IS NULL OR "last_contact_on" < \(bind: day.description))
            """).run()
    }

    /// Sets every family's last contact from its contacts and completed visits: when the column is added, and
    /// after rows are loaded in bulk.
    static func recountLastContacts(on db: any Database) async throws {
        let contact: SQLQueryString = #"(SELECT MAX("c"."contacted_on") FROM "contacts" AS "c" WHERE "c"."family_id" = "families"."id")"#
        let visit: SQLQueryString = """
            (SELECT MAX("v"."scheduled_on") FROM "visits" AS "v" WHERE "v"."family_id" = "families"."id" \
            AND "v"."status" = \(bind: VisitStatus.completed.rawValue))
            """
        try await (db as! any SQLDatabase).raw("""
            UPDATE "families" SET "last_contact_on" = \(SQLPortable.greatest("COALESCE(\(contact), \(visit))", "COALESCE(\(visit), \(contact))"))
            """).run()
    }
}
