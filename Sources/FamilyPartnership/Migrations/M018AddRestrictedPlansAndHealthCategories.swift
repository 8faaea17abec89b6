import Fluent
import PartnershipRules

/// Which roles see child welfare case plans (a program setting), and whether a program's own service category is
/// health-related (then it is shared only under a health consent, like the built-in health categories).
struct M018AddRestrictedPlansAndHealthCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programs")
            .field("restricted_plan_roles", .string, .required,
                   .sql(.default(StaffRole.formatList(AgencyPlanKind.restrictedRolesByDefault)))).update()
        try await database.schema("program_service_categories")
            .field("is_health_related", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("program_service_categories").deleteField("is_health_related").update()
        try await database.schema("programs").deleteField("restricted_plan_roles").update()
    }
}
