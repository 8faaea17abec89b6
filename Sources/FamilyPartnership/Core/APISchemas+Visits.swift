import PartnershipRules

extension APISchemas {
    /// Visit types, visits, contacts, trainings, draws and visit hours.
    static func visits(uuid: JSONValue, date: JSONValue, text: (Int) -> JSONValue, optionalText: (Int?) -> JSONValue,
                       flag: JSONValue, object: ([String: JSONValue], [String], Bool) -> JSONValue) -> [String: JSONValue] {
        let string: JSONValue = ["type": "string"]
        let integer: JSONValue = ["type": "integer"]
        let looseNumber: JSONValue = ["type": ["integer", "string", "null"]]
        let uuids: JSONValue = ["type": "array", "items": uuid]
        let time: JSONValue = ["type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"]
        let texts: JSONValue = ["type": ["object", "null"], "additionalProperties": ["type": "string", "maxLength": 4000]]
        return [
            "VisitType": object([
                "id": uuid, "name": string, "minimum_minutes": integer, "staff_required": integer, "required_course": string,
                "family_agreement_required": ["type": "boolean"], "places": ["type": "array", "items": OpenAPIDocument.enumeration(VisitPlace.self)],
                "counts_as": OpenAPIDocument.enumeration(VisitCountsAs.self),
            ], ["id", "name", "minimum_minutes", "staff_required", "family_agreement_required", "places", "counts_as"], true),
            "Visit": object([
                "id": uuid, "family_id": uuid, "type_id": uuid, "status": OpenAPIDocument.enumeration(VisitStatus.self), "date": date,
                "starts_at": time, "planned_minutes": integer, "place": OpenAPIDocument.enumeration(VisitPlace.self), "place_note": string,
                "staff": uuids, "staff_present": uuids, "family_agreed": ["type": "boolean"], "agreement_way": OpenAPIDocument.enumeration(ContactMedium.self),
                "series_id": uuid, "rescheduled_from": uuid, "status_note": string, "actual_minutes": integer, "family_participants": string,
                "children": ["type": "array", "items": object(["child_id": uuid, "hopes_and_dreams": string, "interests_and_strengths": string],
                                                              ["child_id"], true)],
                "concerns": string, "family_requests": string, "next_steps": string, "rescheduled_to": uuid, "referral_id": uuid, "later_cancelled": integer,
                "version": integer,
            ], ["id", "family_id", "type_id", "status", "date", "starts_at", "planned_minutes", "place", "staff", "staff_present", "family_agreed", "children", "version"], true),
            "VisitInput": object([
                "type_id": string, "date": string, "starts_at": string, "planned_minutes": looseNumber,
                "place": OpenAPIDocument.enumeration(VisitPlace.self), "place_note": optionalText(200),
                "staff": ["type": "array", "items": string, "maxItems": 10], "family_agreed": flag,
                "agreement_way": OpenAPIDocument.enumeration(ContactMedium.self, nullable: true),
                "repeat_every_days": looseNumber, "repeat_until": optionalText(nil),
                "despite_clash": ["type": ["boolean", "string", "null"], "description": "Schedule even though an attendee has another visit at that time (a 422 on the field despite_clash names the clashes)."],
            ], ["type_id", "date", "starts_at", "planned_minutes", "place", "staff"], true),
            "VisitStatusInput": object([
                "status": OpenAPIDocument.enumeration(VisitStatus.self), "note": optionalText(2000), "new_date": optionalText(nil),
                "new_starts_at": optionalText(nil), "later_in_series": flag,
                "despite_clash": ["type": ["boolean", "string", "null"], "description": "Move even though an attendee has another visit at the new time."],
                "version": ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."],
            ], ["status"], true),
            "VisitRecordInput": object([
                "actual_minutes": looseNumber, "family_participants": optionalText(500), "children": ["type": "array", "items": string, "maxItems": 20],
                "staff_present": ["type": "array", "items": string, "maxItems": 10],
                "hopes_and_dreams": texts, "interests_and_strengths": texts, "concerns": optionalText(4000),
                "family_requests": optionalText(4000), "next_steps": optionalText(4000), "start_referral": flag, "referral_category": optionalText(nil),
                "version": ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."],
            ], ["actual_minutes"], true),
            "Contact": object([
                "id": uuid, "family_id": uuid, "staff_id": uuid, "date": date, "starts_at": time,
                "medium": OpenAPIDocument.enumeration(ContactMedium.self), "started_by": OpenAPIDocument.enumeration(ContactStarter.self),
                "language": string, "interpreter": ["type": "boolean"], "minutes": integer, "summary": string,
            ], ["id", "family_id", "date", "medium", "started_by", "language", "interpreter", "minutes", "summary"], true),
            "ContactInput": object([
                "date": string, "starts_at": optionalText(nil), "medium": OpenAPIDocument.enumeration(ContactMedium.self),
                "started_by": OpenAPIDocument.enumeration(ContactStarter.self), "language": optionalText(60), "interpreter": flag,
                "minutes": looseNumber, "summary": text(4000),
            ], ["date", "medium", "started_by", "minutes", "summary"], true),
            "Training": object([
                "id": uuid, "staff_id": uuid, "course": string, "completed_on": date, "expires_on": date, "is_current": ["type": "boolean"],
            ], ["id", "staff_id", "course", "completed_on", "is_current"], true),
            "TrainingInput": object([
                "staff_id": string, "course_id": optionalText(nil), "new_course": optionalText(120), "completed_on": string,
                "expires_on": optionalText(nil),
            ], ["staff_id", "completed_on"], true),
            "Draw": object([
                "id": uuid, "roster": string, "places": integer, "seed": ["type": "string", "pattern": "^[0-9a-f]{16}$"],
                "chosen": uuids, "waiting": uuids, "visited_before": uuids, "declined": integer, "drawn_by": string,
                "drawn_at": ["type": "string", "format": "date-time"], "repeats": ["type": "boolean"],
            ], ["id", "roster", "places", "seed", "chosen", "waiting", "visited_before", "declined", "drawn_by", "repeats"], true),
            "DeclinedInput": object(["declined": ["type": "boolean"],
                                     "how": OpenAPIDocument.enumeration(ContactMedium.self, nullable: true),
                                     "words": ["type": ["string", "null"], "maxLength": 500], "cancel_scheduled": ["type": ["boolean", "null"]],
                                     "version": ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."]], ["declined"], true),
            "DrawInput": object(["roster": string, "places": looseNumber], ["roster", "places"], true),
            "VisitHours": object([
                "from": date, "to": date,
                "staff": ["type": "array", "items": object([
                    "staff_id": uuid, "name": string, "visit_minutes": integer, "contact_minutes": integer, "minutes_outside_contract_hours": integer,
                ], ["staff_id", "name", "visit_minutes", "contact_minutes", "minutes_outside_contract_hours"], true)],
            ], ["from", "to", "staff"], true),
        ]
    }
}
