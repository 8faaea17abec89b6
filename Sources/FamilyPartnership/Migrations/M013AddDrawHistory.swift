import Fluent

/// Which families in a draw had been visited in earlier years, so the draw can be repeated from its seed.
struct M013AddDrawHistory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("visit_draws").field("visited_before", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("visit_draws").deleteField("visited_before").update()
    }
}
