import Fluent
import SQLKit

/// A program's set-up: the end of its program year, when its children start kindergarten, its own time zone,
/// sites' phones (and versions, now that they are edited), and classrooms with their site, option and teachers.
/// Children's classroom names are indexed for draws and renames.
struct M028AddProgramSetUp: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds columns one at a time.
        try await database.schema(Program.schema).field("program_year_end", .string).update()
        try await database.schema(Program.schema).field("kindergarten_cutoff", .string, .required, .sql(.default("09-01"))).update()
        try await database.schema(Program.schema).field("kindergarten_starts", .string, .required, .sql(.default("09-01"))).update()
        try await database.schema(Program.schema).field("time_zone", .string).update()
        try await database.schema(Site.schema).field("phone", .string).update()
        try await database.schema(Site.schema).field("version", .int, .required, .sql(.default(1))).update()
        try await database.schema(Classroom.schema)
            .id()
            .field("program_id", .uuid, .required, .references(Program.schema, "id"))
            .field("site_id", .uuid, .required, .references(Site.schema, "id"))
            .field("name", .string, .required)
            .field("program_option", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "program_id", "name")
            .create()
        try await database.schema(ClassroomTeacher.schema)
            .id()
            .field("classroom_id", .uuid, .required, .references(Classroom.schema, "id"))
            .field("staff_id", .uuid, .required, .references(Staff.schema, "id"))
            .unique(on: "classroom_id", "staff_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "family_members_classroom").on(FamilyMember.schema).column("classroom").run()
        try await sql.create(index: "classroom_teachers_staff").on(ClassroomTeacher.schema).column("staff_id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in ["classroom_teachers_staff", "family_members_classroom"] { try await sql.drop(index: index).run() }
        try await database.schema(ClassroomTeacher.schema).delete()
        try await database.schema(Classroom.schema).delete()
        for column in ["version", "phone"] { try await database.schema(Site.schema).deleteField(FieldKey(stringLiteral: column)).update() }
        for column in ["time_zone", "kindergarten_starts", "kindergarten_cutoff", "program_year_end"] {
            try await database.schema(Program.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
