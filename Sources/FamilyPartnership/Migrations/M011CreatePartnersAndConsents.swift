import Fluent
import SQLKit

/// Partner agencies (with their partnership level history and meetings), partner staff accounts, parents'
/// consents to share, the disclosure log, and parents' requests to inspect or amend records (1303 Subpart C).
struct M011CreatePartnersAndConsents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("partner_agencies")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id"))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("level", .string, .required)
            .field("mou_signed_on", .string)
            .field("mou_expires_on", .string)
            .field("mou_covers", .string)
            .field("our_point_person", .string)
            .field("their_point_person", .string)
            .field("notes", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "program_id", "name")
            .create()
        try await database.schema("partnership_levels")
            .id()
            .field("partner_agency_id", .uuid, .required, .references("partner_agencies", "id"))
            .field("level", .string, .required)
            .field("changed_on", .string, .required)
            .field("note", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("partner_meetings")
            .id()
            .field("partner_agency_id", .uuid, .required, .references("partner_agencies", "id"))
            .field("held_on", .string, .required)
            .field("attendees", .string, .required)
            .field("notes", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("staff")
            .field("partner_agency_id", .uuid, .references("partner_agencies", "id")).update()
        try await database.schema("consents")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("partner_agency_id", .uuid, .required, .references("partner_agencies", "id"))
            .field("given_by", .string, .required)
            .field("categories", .string, .required)
            .field("purpose", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("method", .string, .required)
            .field("revoked_on", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("disclosures")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("partner_agency_id", .uuid, .references("partner_agencies", "id"))
            .field("recipient", .string, .required)
            .field("categories", .string, .required)
            .field("consent_id", .uuid, .references("consents", "id"))
            .field("exception", .string)
            .field("reason", .string)
            .field("channel", .string, .required)
            .field("disclosed_at", .datetime, .required)
            .field("disclosed_by_name", .string, .required)
            .create()
        try await database.schema("record_requests")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("kind", .string, .required)
            .field("requested_by", .string, .required)
            .field("received_on", .string, .required)
            .field("due_on", .string)
            .field("answered_on", .string)
            .field("category", .string)
            .field("requested_change", .string)
            .field("decision", .string)
            .field("decision_reason", .string)
            .field("hearing_offered", .bool, .required, .sql(.default(false)))
            .field("parent_statement", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "consents_family").on("consents").column("family_id").run()
        try await sql.create(index: "consents_partner").on("consents").column("partner_agency_id").run()
        try await sql.create(index: "disclosures_family").on("disclosures").column("family_id").run()
        try await sql.create(index: "record_requests_family").on("record_requests").column("family_id").run()

        // The disclosure log stays with the family's record: like the audit log, it cannot be changed or removed.
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION disclosures_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the disclosure log is append-only'; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER disclosures_no_change BEFORE UPDATE OR DELETE ON disclosures
                FOR EACH ROW EXECUTE FUNCTION disclosures_append_only()
                """).run()
        } else {
            for event in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER disclosures_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON disclosures
                    BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS disclosures_no_change ON disclosures").run()
            try await sql.raw("DROP FUNCTION IF EXISTS disclosures_append_only()").run()
        }
        for table in ["record_requests", "disclosures", "consents"] { try await database.schema(table).delete() }
        try await database.schema("staff").deleteField("partner_agency_id").update()
        for table in ["partner_meetings", "partnership_levels", "partner_agencies"] { try await database.schema(table).delete() }
    }
}
