import Foundation
import PartnershipRules
import Vapor

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`. Paths come from `APIURL`;
/// schemas mirror the DTOs, and the tests check real responses against them.
enum OpenAPIDocument {
    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: json))
    }

    static let json: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(document)) ?? Data()
    }()

    static var document: JSONValue {
        let id = UUID.routeParameter
        let familyID = pathParameter("familyID"), memberID = pathParameter("memberID"), staffID = pathParameter("staffID"), instrumentID = pathParameter("instrumentID")
        let assessmentID = pathParameter("assessmentID"), goalID = pathParameter("goalID"), stepID = pathParameter("stepID")
        let year = query("year", ["type": "string", "pattern": "^[0-9]{4}$"], "The program year, by the year it starts (default: the current one).")
        let paging = pagingParameters
        let paths: [String: JSONValue] = [
            APIURL.me.openAPIPath: ["get": operation("me", "The signed-in staff member.", ok: ref("Staff"))],
            APIURL.families.openAPIPath: [
                "get": operation("listFamilies", "Families this staff member may see, by household name.",
                                 parameters: paging + [
                                     query("status", enumeration(EnrollmentStatus.self), "Enrollment status."),
                                     query("site_id", ["type": "string", "format": "uuid"], "Site."),
                                     query("q", ["type": "string", "maxLength": 100], "Part of a household or member name."),
                                 ], ok: ref("FamilyPage")),
                "post": operation("createFamily", "Add a family (status applied). 409 when it looks like a family on record.",
                                  body: ref("FamilyInput"), created: ref("Family"), conflict: true),
            ],
            APIURL.family(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("getFamily", "One family; its ETag is its version.", ok: ref("Family")),
                "put": operation("updateFamily", "Replace a family's household details: optional fields left out are cleared.",
                                 body: ref("FamilyInput"), ok: ref("Family"), versioned: .required),
                "patch": operation("patchFamily", "Change only the household details sent.",
                                   body: ref("FamilyPatch"), ok: ref("Family"), versioned: .required),
            ],
            APIURL.familyEnrollment(id).openAPIPath: [
                "parameters": [familyID],
                "post": operation("changeEnrollment", "Enroll, exit or re-enroll a family.", body: ref("EnrollmentInput"), ok: ref("Family"),
                                  versioned: .optional),
            ],
            APIURL.members(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listMembers", "The family's adults and children, by name.", parameters: paging, ok: ref("MemberPage")),
                "post": operation("addMember", "Add an adult or a child. 409 when the child looks like one on record.",
                                  body: ref("MemberInput"), created: ref("Member"), conflict: true),
            ],
            APIURL.member(id, member: id).openAPIPath: [
                "parameters": [familyID, memberID],
                "get": operation("getMember", "One member; its ETag is its version.", ok: ref("Member")),
                "put": operation("updateMember", "Replace a member's details (the kind stays): optional fields left out are cleared.",
                                 body: ref("MemberInput"), ok: ref("Member"), versioned: .required),
                "patch": operation("patchMember", "Change only the member's details sent.", body: ref("MemberPatch"), ok: ref("Member"),
                                   versioned: .required),
            ],
            APIURL.team(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listTeam", "The family's team, by name.", parameters: paging, ok: page(of: "TeamMember")),
                "post": operation("addToTeam", "Add a staff member to the team, or change their role (managers).",
                                  body: ref("TeamInput"), created: ["type": "array", "items": ref("TeamMember")]),
            ],
            APIURL.transitions(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listTransitions", "Each child's next move (to preschool, to kindergarten) still ahead, oldest child first, and whether this year's agreement plans for it.",
                                 parameters: paging, ok: page(of: "Transition")),
            ],
            APIURL.accessHistory(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listAccessHistory", "Who opened or changed the family's records, newest first (managers and directors). Viewing it is itself logged.",
                                 parameters: paging, ok: page(of: "AccessEntry")),
            ],
            APIURL.teamMember(id, staff: id).openAPIPath: [
                "parameters": [familyID, staffID],
                "delete": operation("removeFromTeam", "Take a staff member off the team (managers).", noContent: true),
            ],
            APIURL.instruments.openAPIPath: [
                "get": operation("listInstruments", "The program's assessment instruments, newest version of each, by name.",
                                 parameters: paging, ok: page(of: "InstrumentVersion")),
                "post": operation("importInstrument", "Import an instrument (managers and directors); a key already in use adds a version.",
                                  body: ref("Instrument"), created: ref("InstrumentVersion")),
            ],
            APIURL.instrument(id).openAPIPath: [
                "parameters": [instrumentID],
                "get": operation("getInstrument", "One version of an instrument.", ok: ref("InstrumentVersion")),
            ],
            APIURL.assessments(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listAssessments", "Every assessment of the family, oldest first, with outcome levels and needs.",
                                 parameters: paging, ok: page(of: "Assessment")),
                "post": operation("createAssessment", "Record an assessment and the needs the family names.",
                                  body: ref("AssessmentInput"), created: ref("Assessment")),
            ],
            APIURL.assessment(id, assessment: id).openAPIPath: [
                "parameters": [familyID, assessmentID],
                "get": operation("getAssessment", "One assessment.", ok: ref("Assessment")),
            ],
            APIURL.agreement(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("getAgreement", "The family partnership agreement for a program year.", parameters: [year], ok: ref("Agreement")),
                "post": operation("startAgreement", "Start this program year's agreement.", body: ref("AgreementStart"), created: ref("Agreement")),
            ],
            APIURL.agreementReviews(id).openAPIPath: [
                "parameters": [familyID],
                "post": operation("reviewAgreement", "Record a review; sets the next review date.", parameters: [year],
                                  body: ref("ReviewInput"), created: ref("Review")),
            ],
            APIURL.agreementAcknowledgements(id).openAPIPath: [
                "parameters": [familyID],
                "post": operation("acknowledgeAgreement", "Record the family's acknowledgement.", parameters: [year],
                                  body: ref("AcknowledgementInput"), created: ref("Acknowledgement")),
            ],
            APIURL.goals(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listGoals", "The goals of a program year's agreement, with action steps and progress notes.",
                                 parameters: [year] + paging, ok: ref("GoalPage")),
                "post": operation("createGoal", "Add a goal to this year's agreement; with `revises`, it replaces an active goal. 409 when no agreement is started.",
                                  body: ref("GoalInput"), created: ref("Goal"), conflict: true),
            ],
            APIURL.goal(id, goal: id).openAPIPath: [
                "parameters": [familyID, goalID],
                "get": operation("getGoal", "One goal.", ok: ref("Goal")),
                "put": operation("updateGoal", "Replace a goal's steps; the earlier version is kept.", body: ref("GoalInput"), ok: ref("Goal"),
                                 versioned: .required),
                "patch": operation("patchGoal", "Change only the goal's fields sent; the earlier version is kept.", body: ref("GoalPatch"),
                                   ok: ref("Goal"), versioned: .required),
            ],
            APIURL.goalState(id, goal: id).openAPIPath: [
                "parameters": [familyID, goalID],
                "post": operation("changeGoalState", "Achieve, discontinue (with a reason) or resume a goal; checked against its state as stored.",
                                  body: ref("GoalStateInput"), ok: ref("Goal"), versioned: .optional),
            ],
            APIURL.goalSteps(id, goal: id).openAPIPath: [
                "parameters": [familyID, goalID],
                "post": operation("addActionStep", "Add an action step.", body: ref("StepInput"), created: ref("ActionStep")),
            ],
            APIURL.goalStep(id, goal: id, step: id).openAPIPath: [
                "parameters": [familyID, goalID, stepID],
                "put": operation("markActionStep", "Mark an action step done or not done.", body: ref("StepDoneInput"), ok: ref("ActionStep"),
                                 versioned: .optional),
            ],
            APIURL.goalNotes(id, goal: id).openAPIPath: [
                "parameters": [familyID, goalID],
                "post": operation("addProgressNote", "Add a progress note, possibly a success to celebrate.", body: ref("NoteInput"), created: ref("ProgressNote")),
            ],
            APIURL.staffList.openAPIPath: [
                "get": operation("listStaff", "The program's staff.", parameters: paging + [
                    query("status", enumeration(StaffStatus.self), "Staff status."),
                ], ok: ref("StaffPage")),
                "post": operation("createStaff", "Add a staff account (administrators; a password of at least 10 characters).",
                                  body: ref("StaffInput"), created: ref("Staff")),
            ],
            APIURL.familyServicesReport.openAPIPath: [
                "get": operation("familyServicesReport", "The PIR family services count for a program year: families who received at least one service under each item (directors, managers and data viewers).",
                                 parameters: [year], ok: ref("FamilyServicesReport")),
            ],
            APIURL.staff(id).openAPIPath: [
                "parameters": [staffID],
                "get": operation("getStaff", "One staff member.", ok: ref("Staff")),
                "patch": operation("patchStaff", "Change the fields sent (administrators): roles, supervisor, site, status (`left` when someone leaves), a new password.",
                                   body: ref("StaffInput"), ok: ref("Staff"), versioned: .required),
            ],
            APIURL.openAPI.openAPIPath: [
                "get": ["operationId": "openAPI", "summary": "This document.", "security": [],
                        "responses": ["200": ["description": "The OpenAPI document.",
                                              "content": ["application/json": ["schema": ["type": "object"]]]]]],
            ],
        ]
        return [
            "openapi": "3.1.0",
            "info": ["title": "Family Partnership API", "version": "1.0.0",
                     "description": "Families, members, teams, assessments, partnership agreements and staff of a Head Start program. Authenticate with a personal access token from Settings: `Authorization: Bearer <token>`. Every read and write is written to the family's audit log."],
            "servers": [["url": "/"]],
            "security": [["bearerAuth": []]],
            "paths": .object(paths.merging(caseloadPaths) { $1 }.merging(supervisionPaths) { $1 }.merging(setUpPaths) { $1 }.merging(servicePaths) { $1 }.merging(visitPaths) { $1 }),
            "components": [
                "securitySchemes": ["bearerAuth": ["type": "http", "scheme": "bearer"]],
                "schemas": .object(APISchemas.all),
            ],
        ]
    }

    /// A list's paging: `limit` and the cursor of the page before.
    static let pagingParameters: [JSONValue] = [
        query("limit", ["type": "integer", "minimum": 1, "maximum": 200, "default": 50], "Rows per page."),
        query("cursor", ["type": "string", "maxLength": 400], "`next_cursor` from the previous page."),
    ]

    /// A report's period: its first and last day.
    static let periodParameters: [JSONValue] = [
        query("from", ["type": "string", "format": "date"], "First day (default: the first of this month)."),
        query("to", ["type": "string", "format": "date"], "Last day (default: today)."),
    ]

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// A page of a list: its items and, when there are more, the cursor for the next page.
    static func page(of name: String) -> JSONValue {
        ["type": "object", "additionalProperties": false, "required": ["items"],
         "properties": ["items": ["type": "array", "items": ref(name)], "next_cursor": ["type": "string"]]]
    }

    static func enumeration<T: CaseIterable & RawRepresentable>(_ type: T.Type, nullable: Bool = false) -> JSONValue
    where T.RawValue == String {
        let values = T.allCases.map { JSONValue.string($0.rawValue) }
        return nullable ? ["type": ["string", "null"], "enum": .array(values + [.null])] : ["type": "string", "enum": .array(values)]
    }

    static func pathParameter(_ name: String) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
    }

    static func query(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "schema": schema, "description": .string(description)]
    }

    /// How a change says which version of the record it is based on.
    enum Versioning {
        /// An edit: `If-Match` or `version` is required (428 without), 409 when stale.
        case required
        /// A state change checked against the current state: the version may be sent, 409 when stale.
        case optional
    }

    static let ifMatch: JSONValue = [
        "name": "If-Match", "in": "header", "required": false, "schema": ["type": "string", "maxLength": 20],
        "description": "The record's ETag (its version) this change is based on; or send `version` in the body.",
    ]

    static func operation(_ id: String, _ summary: String, parameters: [JSONValue] = [], body: JSONValue? = nil,
                                  ok: JSONValue? = nil, created: JSONValue? = nil, noContent: Bool = false,
                                  conflict: Bool = false, versioned: Versioning? = nil) -> JSONValue {
        func content(_ schema: JSONValue) -> JSONValue { ["application/json": ["schema": schema]] }
        let error = content(ref("Error"))
        var responses: [String: JSONValue] = [
            "401": ["description": "No valid token.", "content": error],
            "403": ["description": "The role does not allow this.", "content": error],
            "404": ["description": "No such record, or not one this staff member may see.", "content": error],
        ]
        if let ok { responses["200"] = ["description": "OK", "content": content(ok)] }
        if let created { responses["201"] = ["description": "Created", "content": content(created)] }
        if noContent { responses["204"] = ["description": "Done"] }
        if conflict { responses["409"] = ["description": "Looks like a record already on file.", "content": error] }
        if let versioned {
            responses["409"] = ["description": conflict ? "Looks like a record already on file, or the record changed since the version sent (`current` holds it as it is now)."
                                                        : "The record changed since the version sent; `current` holds it as it is now.", "content": error]
            if versioned == .required {
                responses["428"] = ["description": "No version sent: send If-Match or `version`.", "content": error]
            }
        }
        let etag: JSONValue = ["ETag": ["description": "The record's version, for If-Match.", "schema": ["type": "string"]]]
        if versioned != nil || id.hasPrefix("get") {
            for code in ["200", "201"] {
                if case .object(var response)? = responses[code] {
                    response["headers"] = etag
                    responses[code] = .object(response)
                }
            }
        }
        if body != nil || !parameters.isEmpty {
            responses["400"] = ["description": "The body could not be read.", "content": error]
            responses["422"] = ["description": "A field is wrong; `fields` names each.", "content": error]
        }
        if body != nil {
            responses["413"] = ["description": "The body is too large.", "content": error]
            responses["415"] = ["description": "The body is not JSON.", "content": error]
        }
        var op: [String: JSONValue] = ["operationId": .string(id), "summary": .string(summary), "responses": .object(responses)]
        let parameters = versioned == nil ? parameters : parameters + [ifMatch]
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        if let body { op["requestBody"] = ["required": true, "content": content(body)] }
        return .object(op)
    }
}

/// A JSON value, for writing documents like the OpenAPI description by hand.
indirect enum JSONValue: Encodable, Sendable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Int)
    case bool(Bool)
    case null

    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let o): try container.encode(o)
        case .array(let a): try container.encode(a)
        case .string(let s): try container.encode(s)
        case .number(let n): try container.encode(n)
        case .bool(let b): try container.encode(b)
        case .null: try container.encodeNil()
        }
    }
}
