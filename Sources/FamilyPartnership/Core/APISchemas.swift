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
        let version: JSONValue = ["type": "integer", "minimum": 1]
        let sentVersion: JSONValue = ["type": ["integer", "null"], "minimum": 1,
                                      "description": "The version this change is based on (or send If-Match)."]
        let familyFields: [String: JSONValue] = [
            "household_name": text(120), "address_line": optionalText(200), "city": optionalText(100),
            "state": optionalText(40), "postal_code": optionalText(10), "phone": optionalText(),
            "alternate_phone": optionalText(), "email": optionalText(254), "preferred_language": text(60),
            "preferred_times": optionalText(200),
        ]
        let familyInput = familyFields.merging([
            "preferred_channel": OpenAPIDocument.enumeration(ContactChannel.self, nullable: true),
            "program_option": OpenAPIDocument.enumeration(ProgramOption.self, nullable: true),
            "site_id": optionalText(), "point_of_contact_id": optionalText(), "applied_on": optionalText(),
            "confirm_new": flag, "version": sentVersion,
        ]) { $1 }
        let memberInput: [String: JSONValue] = [
            "kind": OpenAPIDocument.enumeration(MemberKind.self), "name": text(120),
            "relationship": OpenAPIDocument.enumeration(Relationship.self, nullable: true),
            "primary_language": optionalText(60), "is_father_figure": flag, "phone": optionalText(),
            "email": optionalText(254), "date_of_birth": optionalText(),
            "program_type": OpenAPIDocument.enumeration(ProgramType.self, nullable: true),
            "classroom": optionalText(80), "home_visitor_id": optionalText(), "has_ifsp_or_iep": flag,
            "in_foster_care": flag, "confirm_new": flag, "version": sentVersion,
        ]
        return partnership(uuid: uuid, date: date, text: text, optionalText: optionalText, flag: flag, object: object)
            .merging(privacy(uuid: uuid, date: date, text: text, optionalText: optionalText, flag: flag, object: object)) { $1 }
            .merging(visits(uuid: uuid, date: date, text: text, optionalText: optionalText, flag: flag, object: object)) { $1 }
            .merging(caseloads(uuid: uuid, date: date, object: object)) { $1 }
            .merging(supervision(uuid: uuid, date: date, object: object)) { $1 }
            .merging(setUp(uuid: uuid, date: date, object: object)) { $1 }.merging([
            "Error": object(["error": ["type": "string"],
                             "fields": ["type": "object", "additionalProperties": ["type": "string"]],
                             "current": ["type": "object", "description": "With a 409 for a stale change: the record as it is now."]],
                            required: ["error"]),
            "Family": object(familyFields.merging([
                "id": uuid, "preferred_channel": OpenAPIDocument.enumeration(ContactChannel.self),
                "enrollment_status": OpenAPIDocument.enumeration(EnrollmentStatus.self),
                "applied_on": date, "enrolled_on": date, "exited_on": date,
                "exit_reason": OpenAPIDocument.enumeration(ExitReason.self),
                "program_option": OpenAPIDocument.enumeration(ProgramOption.self),
                "site_id": uuid, "point_of_contact_id": uuid, "declined_home_visits_on": date,
                "declined_home_visits_how": OpenAPIDocument.enumeration(ContactMedium.self, nullable: true), "declined_home_visits_words": ["type": ["string", "null"]],
                "version": version,
            ]) { $1 }, required: ["id", "household_name", "preferred_language", "enrollment_status", "version"]),
            "FamilyInput": object(familyInput, required: ["household_name", "preferred_language"]),
            "FamilyPatch": object(familyInput, required: []),
            "FamilyPage": object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/Family"]],
                                  "next_cursor": ["type": "string"]], required: ["items"]),
            "Member": object([
                "id": uuid, "family_id": uuid, "kind": OpenAPIDocument.enumeration(MemberKind.self), "name": text(120),
                "relationship": OpenAPIDocument.enumeration(Relationship.self), "primary_language": text(60),
                "is_father_figure": ["type": "boolean"], "phone": ["type": "string"], "email": ["type": "string"],
                "date_of_birth": date, "program_type": OpenAPIDocument.enumeration(ProgramType.self),
                "classroom": text(80), "home_visitor_id": uuid, "has_ifsp_or_iep": ["type": "boolean"],
                "in_foster_care": ["type": "boolean"], "version": version,
            ], required: ["id", "family_id", "kind", "name", "is_father_figure", "has_ifsp_or_iep", "in_foster_care", "version"]),
            "MemberInput": object(memberInput, required: ["kind", "name"]),
            "MemberPatch": object(memberInput, required: []),
            "MemberPage": object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/Member"]],
                                  "next_cursor": ["type": "string"]], required: ["items"]),
            "EnrollmentInput": object([
                "action": ["type": "string", "enum": ["enroll", "exit"]], "date": ["type": "string"],
                "reason": OpenAPIDocument.enumeration(ExitReason.self, nullable: true), "version": sentVersion,
            ], required: ["action", "date"]),
            "TeamMember": object([
                "staff_id": uuid, "name": ["type": "string"], "role": OpenAPIDocument.enumeration(TeamRole.self),
                "is_point_of_contact": ["type": "boolean"],
            ], required: ["staff_id", "name", "role", "is_point_of_contact"]),
            "Transition": object([
                "member_id": uuid, "name": ["type": "string"], "kind": OpenAPIDocument.enumeration(TransitionKind.self),
                "moves_on": date, "plan_by": date, "prompt_due": ["type": "boolean"], "planned": ["type": "boolean"],
            ], required: ["member_id", "name", "kind", "moves_on", "plan_by", "prompt_due", "planned"]),
            "AccessEntry": object([
                "id": uuid, "occurred_at": ["type": "string", "format": "date-time"], "staff_id": uuid, "staff_name": ["type": "string"],
                "action": ["type": "string"], "record_type": ["type": "string"], "record_id": uuid, "detail": ["type": "string"],
                "channel": ["type": "string"], "client_address": ["type": "string"],
            ], required: ["id", "occurred_at", "staff_name", "action", "record_type", "detail", "channel", "client_address"]),
            "FamilyServicesReport": object([
                "year": ["type": "string"], "edition": ["type": "string"],
                "lines": ["type": "array", "items": object([
                    "item": ["type": "string"], "wording": ["type": "string"],
                    "categories": ["type": "array", "items": ["type": "string"]], "families": ["type": "integer", "minimum": 0],
                ], required: ["item", "wording", "categories", "families"])],
                "uncounted": ["type": "array", "items": object(["category": ["type": "string"], "families": ["type": "integer", "minimum": 0]],
                                                                required: ["category", "families"])],
                "families_served": ["type": "integer", "minimum": 0],
            ], required: ["year", "edition", "lines", "uncounted", "families_served"]),
            "TeamInput": object(["staff_id": ["type": "string"], "role": OpenAPIDocument.enumeration(TeamRole.self)],
                                required: ["staff_id", "role"]),
            "Staff": object([
                "id": uuid, "name": ["type": "string"], "email": ["type": "string"],
                "roles": ["type": "array", "items": OpenAPIDocument.enumeration(StaffRole.self)],
                "languages": ["type": "string"], "status": OpenAPIDocument.enumeration(StaffStatus.self),
                "site_id": uuid, "supervisor_id": uuid, "version": ["type": "integer"],
            ], required: ["id", "name", "email", "roles", "languages", "status", "version"]),
            "StaffInput": object([
                "name": optionalText(120), "email": optionalText(254),
                "roles": ["type": ["array", "null"], "maxItems": 10, "items": ["type": "string", "maxLength": 40]],
                "languages": optionalText(200), "status": optionalText(20), "site_id": optionalText(40), "supervisor_id": optionalText(40),
                "partner_agency_id": optionalText(40), "password": optionalText(200), "contract_start": optionalText(5), "contract_end": optionalText(5),
                "contract_days": ["type": ["array", "null"], "maxItems": 7, "items": ["type": "string", "maxLength": 1]],
                "version": ["type": ["integer", "null"], "minimum": 1],
            ], required: []),
            "StaffPage": object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/Staff"]],
                                 "next_cursor": ["type": "string"]], required: ["items"]),
        ]) { $1 }
    }

    /// Instruments, assessments, agreements and goals.
    private static func partnership(uuid: JSONValue, date: JSONValue, text: (Int) -> JSONValue, optionalText: (Int?) -> JSONValue,
                                    flag: JSONValue, object: ([String: JSONValue], [String], Bool) -> JSONValue) -> [String: JSONValue] {
        let ref = OpenAPIDocument.ref
        let string: JSONValue = ["type": "string"]
        let outcomes: JSONValue = ["type": "array", "items": OpenAPIDocument.enumeration(Outcome.self)]
        let level = object(["value": ["type": "integer"], "label": text(120), "description": text(500)], ["value", "label"], true)
        let item = object([
            "key": text(60), "text": text(500), "outcomes": outcomes,
            "scale": object(["levels": ["type": "array", "items": level], "higher_is_better": ["type": "boolean"]], ["levels", "higher_is_better"], true),
            "proposes_need": object(["category": OpenAPIDocument.enumeration(ServiceCategory.self), "at_or_worse_than": ["type": "integer"]],
                                    ["category", "at_or_worse_than"], true),
        ], ["key", "text", "outcomes", "scale"], true)
        let goalFields: [String: JSONValue] = [
            "kind": OpenAPIDocument.enumeration(GoalKind.self), "outcomes": outcomes, "goal": text(500),
            "family_words": text(4000), "target_on": date, "family_skills": text(4000), "team_skills": text(4000),
            "strengths": text(4000), "stressors": text(4000), "strategies": text(4000), "team_supports": text(4000),
            "partner_supports": text(4000), "family_supports": text(4000), "progress": text(4000),
            "transition_kind": OpenAPIDocument.enumeration(TransitionKind.self),
        ]
        let providerInput: [String: JSONValue] = [
            "name": text(200), "categories": ["type": "array", "items": string], "languages": optionalText(nil),
            "eligibility": optionalText(1000), "cost": optionalText(200), "address": optionalText(300), "hours": optionalText(300),
            "phone": optionalText(nil), "email": optionalText(254), "website": optionalText(300), "contact_name": optionalText(200),
            "verified_on": optionalText(nil), "version": ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."],
        ]
        let goalInput = goalFields.merging([
            "child_id": optionalText(nil), "need_id": optionalText(nil), "revises": optionalText(nil), "target_on": optionalText(nil),
            "transition_kind": OpenAPIDocument.enumeration(TransitionKind.self, nullable: true),
            "version": ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."],
        ]) { $1 }
        return [
            "Instrument": object([
                "key": text(60), "name": text(120), "description": text(1000),
                "sections": ["type": "array", "items": object(["title": text(200), "items": ["type": "array", "items": item]], ["title", "items"], true)],
            ], ["key", "name", "sections"], true),
            "InstrumentVersion": object(["id": uuid, "key": string, "version": ["type": "integer"], "name": string,
                                         "definition": ref("Instrument")], ["id", "key", "version", "name", "definition"], true),
            "Need": object([
                "id": uuid, "category": ["type": "string", "description": "A key from GET /api/v1/service-categories."],
                "urgency": OpenAPIDocument.enumeration(Urgency.self),
                "intensity": OpenAPIDocument.enumeration(Intensity.self), "description": string, "item_key": string,
                "identified_on": date, "met_on": date,
            ], ["id", "category", "urgency", "intensity", "description", "identified_on"], true),
            "NeedInput": object([
                "category": string, "urgency": OpenAPIDocument.enumeration(Urgency.self),
                "intensity": OpenAPIDocument.enumeration(Intensity.self), "description": optionalText(500),
            ], ["category", "urgency", "intensity"], true),
            "Assessment": object([
                "id": uuid, "family_id": uuid, "instrument_version_id": uuid, "instrument_name": string, "period": string,
                "taken_on": date, "mode": OpenAPIDocument.enumeration(MeetingMode.self), "participants": string,
                "answers": ["type": "object", "additionalProperties": ["type": "integer"]], "outcomes_chosen": outcomes,
                "outcome_levels": ["type": "object", "additionalProperties": ["type": "number"]],
                "family_strengths": string, "staff_observations": string,
                "strength_tags": ["type": "array", "items": string], "needs": ["type": "array", "items": ref("Need")],
            ], ["id", "family_id", "instrument_version_id", "instrument_name", "period", "taken_on", "mode", "participants",
                "answers", "outcomes_chosen", "outcome_levels", "strength_tags", "needs"], true),
            "AssessmentInput": object([
                "instrument_version_id": string, "period": string, "taken_on": string,
                "mode": OpenAPIDocument.enumeration(MeetingMode.self), "participants": text(300),
                "answers": ["type": "object", "additionalProperties": ["type": "integer"]], "outcomes_chosen": outcomes,
                "family_strengths": optionalText(4000), "staff_observations": optionalText(4000), "strength_tags": optionalText(nil),
                "needs": ["type": "array", "items": ref("NeedInput")],
            ], ["instrument_version_id", "period", "taken_on", "mode", "participants", "answers"], true),
            "Review": object(["id": uuid, "reviewed_on": date, "reviewers": string, "changes": string, "next_review_on": date,
                              "recorded_by_name": string], ["id", "reviewed_on", "reviewers", "changes", "next_review_on", "recorded_by_name"], true),
            "ReviewInput": object(["reviewed_on": string, "reviewers": text(300), "changes": text(4000), "next_review_on": string],
                                  ["reviewed_on", "reviewers", "changes", "next_review_on"], true),
            "Acknowledgement": object(["id": uuid, "acknowledged_by": string, "acknowledged_on": date,
                                       "method": OpenAPIDocument.enumeration(AcknowledgementMethod.self), "recorded_by_name": string],
                                      ["id", "acknowledged_by", "acknowledged_on", "method", "recorded_by_name"], true),
            "AcknowledgementInput": object(["acknowledged_by": text(120), "acknowledged_on": string,
                                            "method": OpenAPIDocument.enumeration(AcknowledgementMethod.self)],
                                           ["acknowledged_by", "acknowledged_on", "method"], true),
            "Agreement": object(["id": uuid, "family_id": uuid, "program_year": string, "started_on": date, "next_review_on": date,
                                 "reviews": ["type": "array", "items": ref("Review")],
                                 "acknowledgements": ["type": "array", "items": ref("Acknowledgement")], "version": ["type": "integer"]],
                                ["id", "family_id", "program_year", "started_on", "next_review_on", "reviews", "acknowledgements", "version"], true),
            "AgreementStart": object(["started_on": string], [], true),
            "ActionStep": object(["id": uuid, "what": string, "member_id": uuid, "staff_id": uuid, "due_on": date, "done_on": date,
                                  "version": ["type": "integer"]], ["id", "what", "version"], true),
            "StepInput": object(["what": text(500), "who": ["type": "string", "description": "member:<member id> or staff:<staff id>"],
                                 "due_on": optionalText(nil)], ["what", "who"], true),
            "StepDoneInput": object(["done": ["type": "boolean"], "done_on": optionalText(nil), "version": ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."]], ["done"], true),
            "ProgressNote": object(["id": uuid, "noted_on": date, "author_name": string, "text": string, "is_success": ["type": "boolean"]],
                                   ["id", "noted_on", "author_name", "text", "is_success"], true),
            "NoteInput": object(["noted_on": optionalText(nil), "text": text(4000), "is_success": flag], ["text"], true),
            "Goal": object(goalFields.merging([
                "id": uuid, "agreement_id": uuid, "child_id": uuid, "need_id": uuid, "state": OpenAPIDocument.enumeration(GoalState.self),
                "replaced_by_id": uuid, "discontinued_reason": string, "version": ["type": "integer"],
                "action_steps": ["type": "array", "items": ref("ActionStep")],
                "progress_notes": ["type": "array", "items": ref("ProgressNote")],
            ]) { $1 }, ["id", "agreement_id", "kind", "outcomes", "goal", "state", "version", "action_steps", "progress_notes"], true),
            "GoalInput": object(goalInput, ["kind", "outcomes", "goal"], true),
            "GoalPatch": object(goalInput, [], true),
            "GoalPage": object(["items": ["type": "array", "items": ref("Goal")], "next_cursor": string], ["items"], true),
            "ServiceCategory": object(["key": string, "label": string, "follow_up": string, "built_in": ["type": "boolean"],
                                       "health_related": ["type": "boolean"], "pir_item": string],
                                      ["key", "label", "follow_up", "built_in", "health_related"], true),
            "Provider": object([
                "id": uuid, "name": string, "categories": ["type": "array", "items": string], "languages": ["type": "array", "items": string],
                "eligibility": string, "cost": string, "address": string, "hours": string, "phone": string, "email": string,
                "website": string, "contact_name": string, "verified_on": date, "stale": ["type": "boolean"], "version": ["type": "integer"],
            ], ["id", "name", "categories", "languages", "stale", "version"], true),
            "ProviderInput": object(providerInput, ["name", "categories"], true),
            "ProviderPatch": object(providerInput, [], true),
            "Referral": object([
                "id": uuid, "category": string, "provider_id": uuid, "need_id": uuid, "goal_id": uuid, "family_asked": ["type": "boolean"],
                "status": OpenAPIDocument.enumeration(ReferralStatus.self), "status_on": date, "requested_on": date, "follow_up_on": date,
                "follow_up_by_id": uuid,
                "outcome": OpenAPIDocument.enumeration(ReferralOutcome.self), "notes": string,
                "history": ["type": "array", "items": object(["status": OpenAPIDocument.enumeration(ReferralStatus.self), "on": date,
                                                              "note": string, "recorded_by": string], ["status", "on", "recorded_by"], true)],
                "version": ["type": "integer"],
            ], ["id", "category", "family_asked", "status", "status_on", "requested_on", "follow_up_on", "history", "version"], true),
            "ReferralInput": object([
                "category": string, "provider_id": optionalText(nil), "need_id": optionalText(nil), "goal_id": optionalText(nil),
                "family_asked": flag, "status": ["type": ["string", "null"], "enum": ["requested", "referred", .null]],
                "requested_on": optionalText(nil), "follow_up_on": optionalText(nil), "follow_up_by_id": optionalText(nil),
                "notes": optionalText(4000),
            ], ["category"], true),
            "ReferralStatusInput": object([
                "status": OpenAPIDocument.enumeration(ReferralStatus.self), "date": optionalText(nil),
                "follow_up_on": optionalText(nil), "follow_up_by_id": optionalText(nil), "note": optionalText(2000), "outcome": OpenAPIDocument.enumeration(ReferralOutcome.self, nullable: true),
                "version": ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."],
            ], ["status"], true),
            "Service": object(["id": uuid, "category": string, "provided_on": date, "provider_id": uuid, "delivered_by": string,
                               "referral_id": uuid, "notes": string], ["id", "category", "provided_on", "delivered_by"], true),
            "ServiceInput": object(["category": string, "provided_on": string, "provider_id": optionalText(nil),
                                    "delivered_by": optionalText(200), "notes": optionalText(4000)], ["category", "provided_on"], true),
            "GoalStateInput": object(["change": ["type": "string", "enum": ["achieve", "discontinue", "resume"]], "reason": optionalText(500),
                                      "note": optionalText(4000),
                                      "version": ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."]], ["change"], true),
        ]
    }

    private static func privacy(uuid: JSONValue, date: JSONValue, text: (Int) -> JSONValue, optionalText: (Int?) -> JSONValue,
                                flag: JSONValue, object: ([String: JSONValue], [String], Bool) -> JSONValue) -> [String: JSONValue] {
        let string: JSONValue = ["type": "string"]
        let categories: JSONValue = ["type": "array", "items": OpenAPIDocument.enumeration(RecordCategory.self)]
        let categoryNames: JSONValue = ["type": "array", "items": string, "maxItems": 20]
        let strings: JSONValue = ["type": "array", "items": string]
        let open: JSONValue = ["type": "object"]
        let list: JSONValue = ["type": "array", "items": open]
        let sentVersion: JSONValue = ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."]
        let partnerInput: [String: JSONValue] = [
            "name": text(200), "kind": OpenAPIDocument.enumeration(PartnerKind.self), "level": OpenAPIDocument.enumeration(PartnershipLevel.self),
            "mou_signed_on": optionalText(nil), "mou_expires_on": optionalText(nil), "mou_covers": optionalText(2000),
            "our_point_person": optionalText(200), "their_point_person": optionalText(200), "notes": optionalText(4000), "version": sentVersion,
        ]
        return [
            "Partner": object([
                "id": uuid, "name": string, "kind": OpenAPIDocument.enumeration(PartnerKind.self),
                "level": OpenAPIDocument.enumeration(PartnershipLevel.self), "mou_signed_on": date, "mou_expires_on": date,
                "mou_renewal_due": ["type": "boolean"], "mou_covers": string, "our_point_person": string, "their_point_person": string,
                "notes": string,
                "level_history": ["type": "array", "items": object(["level": OpenAPIDocument.enumeration(PartnershipLevel.self),
                                                                    "changed_on": date, "note": string], ["level", "changed_on"], true)],
                "meetings": ["type": "array", "items": object(["held_on": date, "attendees": string, "notes": string], ["held_on", "attendees"], true)],
                "version": ["type": "integer"],
            ], ["id", "name", "kind", "level", "mou_renewal_due", "version"], true),
            "PartnerInput": object(partnerInput, ["name", "kind", "level"], true),
            "PartnerPatch": object(partnerInput, [], true),
            "LevelInput": object(["level": OpenAPIDocument.enumeration(PartnershipLevel.self), "changed_on": string, "note": optionalText(2000),
                                  "version": sentVersion], ["level", "changed_on"], true),
            "MeetingInput": object(["held_on": string, "attendees": text(1000), "notes": optionalText(4000)], ["held_on", "attendees"], true),
            "AgencyPlan": object(["id": uuid, "agency": string, "kind": OpenAPIDocument.enumeration(AgencyPlanKind.self), "contact": string,
                                  "summary": string, "started_on": date, "ends_on": date], ["id", "agency", "kind"], true),
            "AgencyPlanInput": object(["agency": text(200), "kind": OpenAPIDocument.enumeration(AgencyPlanKind.self), "contact": optionalText(300),
                                       "summary": optionalText(4000), "started_on": optionalText(nil), "ends_on": optionalText(nil)],
                                      ["agency", "kind"], true),
            "NeedMetInput": object(["met_on": optionalText(nil), "version": sentVersion], [], true),
            "Consent": object([
                "id": uuid, "partner_agency_id": uuid, "given_by": string, "categories": categories, "purpose": string,
                "starts_on": date, "ends_on": date, "method": OpenAPIDocument.enumeration(ConsentMethod.self), "revoked_on": date,
                "is_current": ["type": "boolean"], "recorded_by": string, "version": ["type": "integer"],
            ], ["id", "partner_agency_id", "given_by", "categories", "purpose", "starts_on", "ends_on", "method", "is_current", "recorded_by", "version"], true),
            "ConsentInput": object([
                "partner_agency_id": string, "given_by": text(200), "categories": categoryNames, "purpose": text(1000),
                "starts_on": string, "ends_on": string, "method": OpenAPIDocument.enumeration(ConsentMethod.self),
            ], ["partner_agency_id", "given_by", "categories", "purpose", "starts_on", "ends_on", "method"], true),
            "RevokeInput": object(["revoked_on": optionalText(nil), "version": sentVersion], [], true),
            "Disclosure": object([
                "id": uuid, "recipient": string, "partner_agency_id": uuid, "categories": categories, "consent_id": uuid,
                "exception": OpenAPIDocument.enumeration(DisclosureException.self), "reason": string, "channel": string,
                "disclosed_at": ["type": "string", "format": "date-time"], "disclosed_by": string,
            ], ["id", "recipient", "categories", "channel", "disclosed_at", "disclosed_by"], true),
            "DisclosureInput": object([
                "partner_agency_id": optionalText(nil), "recipient": optionalText(300), "categories": categoryNames,
                "exception": OpenAPIDocument.enumeration(DisclosureException.self, nullable: true), "reason": optionalText(2000),
                "format": ["type": ["string", "null"], "enum": ["json", "page", .null]],
            ], ["categories"], true),
            "SharePacket": object([
                "family": string, "recipient": string, "prepared_on": date, "categories": categories,
                "enrollment": open, "attendance": string, "assessments": list, "needs": list, "goals": list, "referrals": list,
                "services": list, "health": open,
                "parent_statements": ["type": "array", "items": object(["category": OpenAPIDocument.enumeration(RecordCategory.self),
                                                                        "statement": string, "received_on": date], ["category", "statement", "received_on"], true)],
                "child_welfare_plans": ["type": "array", "items": OpenAPIDocument.ref("AgencyPlan")],
            ], ["family", "recipient", "prepared_on", "categories", "parent_statements"], true),
            "RecordRequest": object([
                "id": uuid, "kind": OpenAPIDocument.enumeration(RecordRequestKind.self), "requested_by": string, "received_on": date,
                "due_on": date, "answered_on": date, "category": OpenAPIDocument.enumeration(RecordCategory.self), "requested_change": string,
                "decision": OpenAPIDocument.enumeration(AmendmentDecision.self), "decision_reason": string, "hearing_offered": ["type": "boolean"],
                "parent_statement": string, "version": ["type": "integer"],
            ], ["id", "kind", "requested_by", "received_on", "hearing_offered", "version"], true),
            "RecordRequestInput": object([
                "kind": OpenAPIDocument.enumeration(RecordRequestKind.self), "requested_by": text(200), "received_on": string,
                "category": OpenAPIDocument.enumeration(RecordCategory.self, nullable: true), "requested_change": optionalText(4000),
            ], ["kind", "requested_by", "received_on"], true),
            "RecordAnswerInput": object([
                "answered_on": string, "decision": OpenAPIDocument.enumeration(AmendmentDecision.self, nullable: true),
                "decision_reason": optionalText(2000), "hearing_offered": flag, "parent_statement": optionalText(4000),
                "version": sentVersion,
            ], ["answered_on"], true),
            "FamilyRecordExport": object([
                "records": OpenAPIDocument.ref("SharePacket"), "team": strings,
                "agency_plans": ["type": "array", "items": OpenAPIDocument.ref("AgencyPlan")],
                "consents": ["type": "array", "items": OpenAPIDocument.ref("Consent")],
                "disclosures": ["type": "array", "items": OpenAPIDocument.ref("Disclosure")],
                "requests": ["type": "array", "items": OpenAPIDocument.ref("RecordRequest")],
            ], ["records", "team", "agency_plans", "consents", "disclosures", "requests"], true),
        ]
    }
}
