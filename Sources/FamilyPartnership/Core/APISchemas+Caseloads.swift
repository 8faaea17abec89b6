import PartnershipRules

extension APISchemas {
    /// Caseloads, exceptions to the limit, absences and proposals of who should serve which family.
    static func caseloads(uuid: JSONValue, date: JSONValue,
                          object: ([String: JSONValue], [String], Bool) -> JSONValue) -> [String: JSONValue] {
        let string: JSONValue = ["type": "string"]
        let integer: JSONValue = ["type": "integer"]
        let boolean: JSONValue = ["type": "boolean"]
        let optional: JSONValue = ["type": ["string", "null"], "maxLength": 500]
        let looseNumber: JSONValue = ["type": ["integer", "string", "null"]]
        let sentVersion: JSONValue = ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."]
        return [
            "CaseloadRow": object([
                "family_id": uuid, "family": string, "is_point_of_contact": boolean,
                "stage": ["type": "string", "enum": ["late", "not_started", "started", "review_due", "agreed"]],
                "last_contact_on": date, "contact_overdue": boolean, "next_visit_on": date, "open_referrals": integer,
                "steps_overdue": integer, "follow_ups_overdue": integer, "transition_plans_overdue": integer, "weight": integer, "covering_for": string,
            ], ["family_id", "family", "is_point_of_contact", "stage", "contact_overdue", "open_referrals", "steps_overdue",
                "follow_ups_overdue", "transition_plans_overdue", "weight"], true),
            "Caseload": object([
                "staff_id": uuid, "name": string, "families": integer, "allowed": integer, "weight": integer,
                "rows": ["type": "array", "items": OpenAPIDocument.ref("CaseloadRow")],
            ], ["staff_id", "name", "families", "allowed", "weight", "rows"], true),
            "CaseloadOverview": object([
                "limit": integer, "roles": ["type": "array", "items": OpenAPIDocument.enumeration(StaffRole.self)], "unassigned": integer,
                "staff": ["type": "array", "items": object([
                    "staff_id": uuid, "name": string, "families": integer, "allowed": integer, "weight": integer,
                    "overdue": ["type": "object", "additionalProperties": integer, "propertyNames": ["enum": .array(CaseloadTable.Overdue.allCases.map { .string($0.key) })],
                                "description": "Overdue work by kind; kinds with none are left out."], "away_until": date, "over_limit": boolean,
                ], ["staff_id", "name", "families", "allowed", "weight", "overdue", "over_limit"], true)],
                "sites": ["type": "array", "items": object(["name": string, "families": integer, "staff": integer], ["name", "families", "staff"], true)],
            ], ["limit", "roles", "unassigned", "staff", "sites"], true),
            "CaseloadException": object([
                "id": uuid, "staff_id": uuid, "kind": OpenAPIDocument.enumeration(CaseloadExceptionKind.self), "reference": string,
                "starts_on": date, "ends_on": date, "up_to": integer, "note": string, "version": integer,
            ], ["id", "staff_id", "kind", "starts_on", "ends_on", "up_to", "version"], true),
            "CaseloadExceptionInput": object([
                "kind": OpenAPIDocument.enumeration(CaseloadExceptionKind.self), "reference": optional, "starts_on": string,
                "ends_on": string, "up_to": looseNumber, "note": optional,
            ], ["kind", "starts_on", "ends_on", "up_to"], true),
            "Absence": object([
                "id": uuid, "staff_id": uuid, "starts_on": date, "ends_on": date, "reason": string, "returned_on": date, "version": integer,
            ], ["id", "staff_id", "starts_on", "ends_on", "version"], true),
            "AbsenceInput": object(["starts_on": string, "ends_on": string, "reason": optional], ["starts_on", "ends_on"], true),
            "Proposal": object([
                "proven_best": boolean,
                "lines": ["type": "array", "items": object([
                    "family_id": uuid, "family": string, "language": string, "weight": integer, "proposed_staff_id": uuid,
                    "reasons": ["type": "array", "items": string],
                ], ["family_id", "family", "language", "weight", "reasons"], true)],
            ], ["proven_best", "lines"], true),
            "AssignmentInput": object([
                "assign": ["type": "object", "description": "Family id to staff id; an empty staff id leaves the family as it is.",
                           "additionalProperties": ["type": "string", "maxLength": 40]],
                "version": sentVersion,
            ], ["assign"], true),
            "ReturnInput": object(["version": sentVersion], [], true),
        ]
    }

    /// Reflective supervision notes, meetings about a family, supervisors' reviews of an agreement.
    static func supervision(uuid: JSONValue, date: JSONValue,
                            object: ([String: JSONValue], [String], Bool) -> JSONValue) -> [String: JSONValue] {
        let string: JSONValue = ["type": "string"]
        let integer: JSONValue = ["type": "integer"]
        func text(_ max: Int) -> JSONValue { ["type": ["string", "null"], "maxLength": .number(max)] }
        return [
            "SupervisionNote": object([
                "id": uuid, "staff_id": uuid, "supervisor_id": uuid, "held_on": date, "reflections": string, "next_steps": string, "version": integer,
            ], ["id", "staff_id", "supervisor_id", "held_on", "reflections", "version"], true),
            "SupervisionNotes": object([
                "staff_id": uuid, "name": string, "notes": ["type": "array", "items": OpenAPIDocument.ref("SupervisionNote")],
            ], ["staff_id", "name", "notes"], true),
            "SupervisionInput": object(["held_on": text(10), "reflections": text(4000), "next_steps": text(2000)], ["held_on", "reflections"], true),
            "FamilyMeeting": object([
                "id": uuid, "family_id": uuid, "kind": OpenAPIDocument.enumeration(MeetingKind.self), "held_on": date, "participants": string,
                "decisions": string, "next_steps": string, "recorded_by_id": uuid, "version": integer,
            ], ["id", "family_id", "kind", "held_on", "participants", "decisions", "recorded_by_id", "version"], true),
            "FamilyMeetingInput": object([
                "kind": OpenAPIDocument.enumeration(MeetingKind.self), "held_on": text(10), "participants": text(500),
                "decisions": text(4000), "next_steps": text(2000),
            ], ["kind", "held_on", "participants", "decisions"], true),
            "SupervisorReview": object([
                "id": uuid, "family_id": uuid, "agreement_id": uuid, "reviewed_on": date, "comment": string, "reviewer_id": uuid,
            ], ["id", "family_id", "agreement_id", "reviewed_on", "comment", "reviewer_id"], true),
            "SupervisorReviewInput": object(["reviewed_on": text(10), "comment": text(2000)], ["reviewed_on", "comment"], true),
        ]
    }
}
