import PartnershipRules

/// The API's schemas, one per DTO and input. Optional values are left out of responses when absent.
enum APISchemas {
    static var all: [String: JSONValue] {
        let uuid: JSONValue = ["type": "string", "format": "uuid"]
        let date: JSONValue = ["type": "string", "format": "date"]
        func text(_ max: Int) -> JSONValue { ["type": "string", "maxLength": .number(max)] }
        func optionalText(_ max: Int? = nil) -> JSONValue {
            max.map { ["type": ["string", "null"], "maxLength": .number($0)] } ?? ["type": ["string", "null"]]
        }
        let flag: JSONValue = ["type": ["boolean", "null"]]
        func object(_ properties: [String: JSONValue], required: [String], closed: Bool = true) -> JSONValue {
            ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
             "additionalProperties": .bool(!closed)]
        }
        let familyFields: [String: JSONValue] = [
            "household_name": text(120), "address_line": optionalText(200), "city": optionalText(100),
            "state": optionalText(40), "postal_code": optionalText(10), "phone": optionalText(),
            "alternate_phone": optionalText(), "email": optionalText(254), "preferred_language": text(60),
            "preferred_times": optionalText(200),
        ]
        return [
            "Error": object(["error": ["type": "string"],
                             "fields": ["type": "object", "additionalProperties": ["type": "string"]]], required: ["error"]),
            "Family": object(familyFields.merging([
                "id": uuid, "preferred_channel": OpenAPIDocument.enumeration(ContactChannel.self),
                "enrollment_status": OpenAPIDocument.enumeration(EnrollmentStatus.self),
                "applied_on": date, "enrolled_on": date, "exited_on": date,
                "exit_reason": OpenAPIDocument.enumeration(ExitReason.self),
                "program_option": OpenAPIDocument.enumeration(ProgramOption.self),
                "site_id": uuid, "point_of_contact_id": uuid,
            ]) { $1 }, required: ["id", "household_name", "preferred_language", "enrollment_status"]),
            "FamilyInput": object(familyFields.merging([
                "preferred_channel": OpenAPIDocument.enumeration(ContactChannel.self, nullable: true),
                "program_option": OpenAPIDocument.enumeration(ProgramOption.self, nullable: true),
                "site_id": optionalText(), "point_of_contact_id": optionalText(), "applied_on": optionalText(),
                "confirm_new": flag,
            ]) { $1 }, required: ["household_name", "preferred_language"], closed: false),
            "FamilyPage": object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/Family"]],
                                  "next_cursor": ["type": "string"]], required: ["items"]),
            "Member": object([
                "id": uuid, "family_id": uuid, "kind": OpenAPIDocument.enumeration(MemberKind.self), "name": text(120),
                "relationship": OpenAPIDocument.enumeration(Relationship.self), "primary_language": text(60),
                "is_father_figure": ["type": "boolean"], "phone": ["type": "string"], "email": ["type": "string"],
                "date_of_birth": date, "program_type": OpenAPIDocument.enumeration(ProgramType.self),
                "classroom": text(80), "home_visitor_id": uuid, "has_ifsp_or_iep": ["type": "boolean"],
                "in_foster_care": ["type": "boolean"],
            ], required: ["id", "family_id", "kind", "name", "is_father_figure", "has_ifsp_or_iep", "in_foster_care"]),
            "MemberInput": object([
                "kind": OpenAPIDocument.enumeration(MemberKind.self), "name": text(120),
                "relationship": OpenAPIDocument.enumeration(Relationship.self, nullable: true),
                "primary_language": optionalText(60), "is_father_figure": flag, "phone": optionalText(),
                "email": optionalText(254), "date_of_birth": optionalText(),
                "program_type": OpenAPIDocument.enumeration(ProgramType.self, nullable: true),
                "classroom": optionalText(80), "home_visitor_id": optionalText(), "has_ifsp_or_iep": flag,
                "in_foster_care": flag, "confirm_new": flag,
            ], required: ["kind", "name"], closed: false),
            "EnrollmentInput": object([
                "action": ["type": "string", "enum": ["enroll", "exit"]], "date": ["type": "string"],
                "reason": OpenAPIDocument.enumeration(ExitReason.self, nullable: true),
            ], required: ["action", "date"], closed: false),
            "TeamMember": object([
                "staff_id": uuid, "name": ["type": "string"], "role": OpenAPIDocument.enumeration(TeamRole.self),
                "is_point_of_contact": ["type": "boolean"],
            ], required: ["staff_id", "name", "role", "is_point_of_contact"]),
            "TeamInput": object(["staff_id": ["type": "string"], "role": OpenAPIDocument.enumeration(TeamRole.self)],
                                required: ["staff_id", "role"], closed: false),
            "Staff": object([
                "id": uuid, "name": ["type": "string"], "email": ["type": "string"],
                "roles": ["type": "array", "items": OpenAPIDocument.enumeration(StaffRole.self)],
                "languages": ["type": "string"], "status": OpenAPIDocument.enumeration(StaffStatus.self),
                "site_id": uuid, "supervisor_id": uuid,
            ], required: ["id", "name", "email", "roles", "languages", "status"]),
            "StaffPage": object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/Staff"]],
                                 "next_cursor": ["type": "string"]], required: ["items"]),
        ]
    }
}
