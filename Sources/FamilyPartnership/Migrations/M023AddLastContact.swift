import Fluent
import SQLKit

/// Each family's last contact (`Family.contacted`), filled from the contacts and visits already recorded, and
/// indexed for the program's lists of families past or near the contact gap. (Not by enrollment status too: with
/// two equal columns SQLite took it over the name index for every list of enrolled families, and sorted.)
struct M023AddLastContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Family.schema).field("last_contact_on", .string).update()
        try await Family.recountLastContacts(on: database)
        try await (database as! any SQLDatabase).create(index: "families_last_contact").on(Family.schema)
            .column("program_id").column("last_contact_on").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "families_last_contact").run()
        try await database.schema(Family.schema).deleteField("last_contact_on").update()
    }
}
