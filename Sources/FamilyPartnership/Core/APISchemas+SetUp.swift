import PartnershipRules

extension APISchemas {
    /// The program's set-up: its details, sites and classrooms.
    static func setUp(uuid: JSONValue, date: JSONValue,
                      object: ([String: JSONValue], [String], Bool) -> JSONValue) -> [String: JSONValue] {
        let string: JSONValue = ["type": "string"]
        let integer: JSONValue = ["type": "integer"]
        func text(_ max: Int) -> JSONValue { ["type": ["string", "null"], "maxLength": .number(max)] }
        func list(_ item: JSONValue) -> JSONValue { ["type": ["array", "null"], "maxItems": 50, "items": item] }
        let sentVersion: JSONValue = ["type": ["integer", "null"], "minimum": 1, "description": "The version this change is based on (or send If-Match)."]
        let monthDay: JSONValue = ["type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$", "description": "Month and day, MM-DD."]
        return [
            "FamilyImportInput": object([
                "csv": ["type": "string", "maxLength": 20_000_000, "description": "The file's text: a header line, then a line per child."],
                "preset": ["type": ["string", "null"], "enum": .array(FamilyImport.Preset.allCases.map { .string($0.rawValue) } + [.null])],
                "mapping": ["type": ["object", "null"], "description": "Field name to column number (from 0).",
                            "propertyNames": ["enum": .array(FamilyImport.Field.allCases.map { .string($0.rawValue) })],
                            "additionalProperties": ["type": "integer", "minimum": 0, "maximum": 500]],
                "dry_run": ["type": ["boolean", "null"]], "include_duplicates": ["type": ["boolean", "null"]],
            ], ["csv"], true),
            "FamilyImportReport": object([
                "rows": integer, "households": integer, "children": integer,
                "problems": ["type": "array", "items": object(["line": integer, "field": string, "message": string], ["line", "message"], true)],
                "duplicates": ["type": "array", "items": object(["line": integer, "household": string, "reason": string], ["line", "household", "reason"], true)],
                "imported": object(["families": integer, "children": integer], ["families", "children"], true),
            ], ["rows", "households", "children", "problems", "duplicates"], true),
            "Program": object([
                "id": uuid, "name": string, "agency": string,
                "options": ["type": "array", "items": OpenAPIDocument.enumeration(ProgramOption.self)],
                "services": ["type": "array", "items": OpenAPIDocument.enumeration(ProgramType.self)],
                "program_year_start": date, "program_year_end": date, "kindergarten_cutoff": monthDay, "kindergarten_starts": monthDay,
                "time_zone": ["type": "string", "description": "IANA zone name; absent for the server's."], "version": integer,
            ], ["id", "name", "agency", "options", "services", "program_year_start", "kindergarten_cutoff", "kindergarten_starts", "version"], true),
            "ProgramPatch": object([
                "name": text(120), "agency": text(120), "options": list(["type": "string", "maxLength": 40]), "services": list(["type": "string", "maxLength": 40]),
                "program_year_start": text(10), "program_year_end": text(10),
                "kindergarten_cutoff": ["type": ["string", "null"], "maxLength": 20, "description": "09-01, 9/1 or September 1."],
                "kindergarten_starts": ["type": ["string", "null"], "maxLength": 20],
                "time_zone": ["type": ["string", "null"], "maxLength": 60, "description": "IANA zone name; null or empty for the server's."],
                "version": sentVersion,
            ], [], true),
            "Site": object(["id": uuid, "name": string, "address": string, "phone": string, "version": integer], ["id", "name", "version"], true),
            "SiteInput": object(["name": text(120), "address": text(300), "phone": text(30), "version": sentVersion], [], true),
            "Classroom": object([
                "id": uuid, "name": string, "site_id": uuid, "program_option": OpenAPIDocument.enumeration(ProgramOption.self),
                "teachers": ["type": "array", "items": object(["id": uuid, "name": string], ["id", "name"], true)], "version": integer,
            ], ["id", "name", "site_id", "program_option", "teachers", "version"], true),
            "ClassroomInput": object([
                "name": text(80), "site_id": text(40), "program_option": text(40), "teacher_ids": list(["type": "string", "maxLength": 40]), "version": sentVersion,
            ], [], true),
        ]
    }
}
