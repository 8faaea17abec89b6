import Fluent

/// Files of families brought in from another system, kept between the mapping step, the dry run and the import;
/// the file's content is cleared once imported (the summary stays), and unimported files are removed after a day.
struct M029CreateFamilyImports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FamilyImportFile.schema)
            .id()
            .field("program_id", .uuid, .required, .references(Program.schema, "id"))
            .field("staff_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("file_name", .string, .required)
            .field("content", .string)
            .field("mapping", .string, .required)
            .field("created_at", .datetime)
            .field("imported_at", .datetime)
            .field("summary", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FamilyImportFile.schema).delete()
    }
}
