import Foundation

extension OpenAPIDocument {
    /// The caseload operations: supervisors' and directors' overview, a staff member's caseload, exceptions to the
    /// limit, absences with their cover, and assigning families without a worker.
    static var caseloadPaths: [String: JSONValue] {
        let id = UUID.routeParameter
        let staffID = pathParameter("staffID"), absenceID = pathParameter("absenceID")
        return [
            APIURL.caseloads.openAPIPath: [
                "get": operation("listCaseloads", "The staff who report to you (or a site's, for managers and directors) against the limit, and the sites' ratios.",
                                 parameters: [query("site", ["type": "string", "format": "uuid"], "One site's family-services staff (managers and directors).")],
                                 ok: ref("CaseloadOverview")),
            ],
            APIURL.caseloadsUnassigned.openAPIPath: [
                "get": operation("proposeAssignments", "Who should serve the families without a point of contact (managers and directors).", ok: ref("Proposal")),
                "post": operation("assignFamilies", "Make the chosen workers the families' point of contact, within their limits.",
                                  body: ref("AssignmentInput"), noContent: true),
            ],
            APIURL.caseload(id).openAPIPath: [
                "parameters": [staffID],
                "get": operation("getCaseload", "A staff member's families and where each stands (the staff member, their supervisor, managers).",
                                 ok: ref("Caseload")),
            ],
            APIURL.caseloadExceptions(id).openAPIPath: [
                "parameters": [staffID],
                "post": operation("recordCaseloadException", "Record an exception to the caseload limit (managers and directors).",
                                  body: ref("CaseloadExceptionInput"), created: ref("CaseloadException")),
            ],
            APIURL.caseloadAbsences(id).openAPIPath: [
                "parameters": [staffID],
                "post": operation("markAbsence", "Mark a staff member away (managers and directors).", body: ref("AbsenceInput"), created: ref("Absence")),
            ],
            APIURL.absenceCover(id).openAPIPath: [
                "parameters": [absenceID],
                "get": operation("proposeCover", "Who should cover the absent worker's families, and why.", ok: ref("Proposal")),
                "post": operation("applyCover", "Give the chosen families to the chosen workers until the absence ends.",
                                  body: ref("AssignmentInput"), ok: ref("Absence"), versioned: .optional),
            ],
            APIURL.absenceReturn(id).openAPIPath: [
                "parameters": [absenceID],
                "post": operation("endAbsence", "The worker is back: the covered families go back to them.", body: ref("ReturnInput"), ok: ref("Absence"),
                                  versioned: .optional),
            ],
        ]
    }
}
