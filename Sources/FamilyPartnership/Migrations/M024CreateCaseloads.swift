import Fluent
import PartnershipRules
import SQLKit

/// Caseloads (1302.52(d)): the program's limit and the roles that carry a caseload, recorded exceptions to the
/// limit, staff absences, and the temporary cover of an absent worker's families.
struct M024CreateCaseloads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Program.schema)
            .field("caseload_limit", .int, .required, .sql(.default(CaseloadLimit.standard.families)))
            .update()
        try await database.schema(Program.schema)
            .field("caseload_roles", .string, .required, .sql(.default(StaffRole.formatList(CaseloadLimit.standard.roles))))
            .update()
        try await database.schema(CaseloadException.schema)
            .id()
            .field("program_id", .uuid, .required, .references(Program.schema, "id"))
            .field("staff_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("kind", .string, .required)
            .field("reference", .string)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("up_to", .int, .required)
            .field("note", .string)
            .field("recorded_by_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(StaffAbsence.schema)
            .id()
            .field("program_id", .uuid, .required, .references(Program.schema, "id"))
            .field("staff_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("reason", .string)
            .field("returned_on", .string)
            .field("recorded_by_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(Cover.schema)
            .id()
            .field("absence_id", .uuid, .required, .references(StaffAbsence.schema, "id"))
            .field("family_id", .uuid, .required, .references(Family.schema, "id"))
            .field("away_staff_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("cover_staff_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("joined_team", .bool, .required)
            .field("ended_on", .string)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        for (name, table, columns) in Self.indexes {
            var create = sql.create(index: name).on(table)
            for column in columns { create = create.column(column) }
            try await create.run()
        }
    }

    static let indexes: [(String, String, [String])] = [
        ("caseload_exceptions_staff", CaseloadException.schema, ["staff_id", "ends_on"]),
        ("caseload_exceptions_program", CaseloadException.schema, ["program_id", "ends_on"]),
        ("staff_absences_staff", StaffAbsence.schema, ["staff_id", "ends_on"]),
        ("staff_absences_program", StaffAbsence.schema, ["program_id", "ends_on"]),
        ("covers_absence", Cover.schema, ["absence_id"]),
        ("covers_family", Cover.schema, ["family_id"]),
    ]

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, _, _) in Self.indexes.reversed() { try await sql.drop(index: name).run() }
        try await database.schema(Cover.schema).delete()
        try await database.schema(StaffAbsence.schema).delete()
        try await database.schema(CaseloadException.schema).delete()
        try await database.schema(Program.schema).deleteField("caseload_roles").update()
        try await database.schema(Program.schema).deleteField("caseload_limit").update()
    }
}
