import Foundation

extension OpenAPIDocument {
    /// Reflective supervision notes, a family's meetings, and supervisors' reviews of its agreement.
    static var supervisionPaths: [String: JSONValue] {
        let id = UUID.routeParameter
        let staffID = pathParameter("staffID"), familyID = pathParameter("familyID")
        let year = query("year", ["type": "string", "pattern": "^[0-9]{4}$"], "The program year, by the year it starts (default: the current one).")
        let paging = pagingParameters
        return [
            APIURL.supervisionNotes(id).openAPIPath: [
                "parameters": [staffID],
                "get": operation("listSupervisionNotes", "A staff member's latest 100 reflective supervision notes, newest first (the staff member and their supervisor only).",
                                 ok: ref("SupervisionNotes")),
                "post": operation("addSupervisionNote", "Record a session (the staff member's supervisor).", body: ref("SupervisionInput"),
                                  created: ref("SupervisionNote")),
            ],
            APIURL.meetings(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listFamilyMeetings", "The family's team meetings and case conferences, newest first.", parameters: paging, ok: page(of: "FamilyMeeting")),
                "post": operation("recordFamilyMeeting", "Record a team meeting or case conference.", body: ref("FamilyMeetingInput"), created: ref("FamilyMeeting")),
            ],
            APIURL.supervisorReviews(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listSupervisorReviews", "Supervisors' reviews of the family's agreement.", parameters: paging + [year],
                                 ok: page(of: "SupervisorReview")),
                "post": operation("reviewAgreementAsSupervisor", "Record a supervisor's review (the worker's supervisor, managers, directors).",
                                  parameters: [year], body: ref("SupervisorReviewInput"), created: ref("SupervisorReview")),
            ],
        ]
    }
}
