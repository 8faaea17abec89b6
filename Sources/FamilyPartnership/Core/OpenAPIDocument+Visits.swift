import Foundation
import PartnershipRules

extension OpenAPIDocument {
    /// Home visits and contacts: visit types, a family's visits and their records, contacts, trainings, fair draws and visit hours.
    static var visitPaths: [String: JSONValue] {
        let id = UUID.routeParameter
        let familyID = pathParameter("familyID"), visitID = pathParameter("visitID"), drawID = pathParameter("drawID")
        let paging = pagingParameters
        let period = periodParameters
        return [
            APIURL.visitTypes.openAPIPath: [
                "get": operation("listVisitTypes", "The program's kinds of visit and their rules, by name.", parameters: paging, ok: page(of: "VisitType")),
            ],
            APIURL.visits(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listVisits", "The family's visits, oldest first.", parameters: paging, ok: page(of: "Visit")),
                "post": operation("scheduleVisit", "Schedule a visit, or a series with repeat_every_days and repeat_until. 422 names the rule a schedule breaks (staff, training, length, place, the family's agreement).",
                                  body: ref("VisitInput"), created: ["type": "array", "items": ref("Visit")]),
            ],
            APIURL.visit(id, visit: id).openAPIPath: [
                "parameters": [familyID, visitID],
                "get": operation("getVisit", "One visit, with its record once completed.", ok: ref("Visit")),
            ],
            APIURL.visitStatus(id, visit: id).openAPIPath: [
                "parameters": [familyID, visitID],
                "post": operation("changeVisitStatus", "Cancel a scheduled visit, mark it missed, or move it (rescheduled, with new_date): the move makes a linked visit, `rescheduled_to`.",
                                  body: ref("VisitStatusInput"), ok: ref("Visit"), versioned: .optional),
            ],
            APIURL.visitRecord(id, visit: id).openAPIPath: [
                "parameters": [familyID, visitID],
                "post": operation("recordVisit", "Record a visit that took place; `start_referral` turns the family's request into a referral (`referral_id`).",
                                  body: ref("VisitRecordInput"), ok: ref("Visit"), versioned: .optional),
            ],
            APIURL.visitsDeclined(id).openAPIPath: [
                "parameters": [familyID],
                "post": operation("setVisitsDeclined", "Record that the family declined home visits (`true`; the fair draw leaves it out) or is open to them again (`false`).",
                                  body: ref("DeclinedInput"), ok: ref("Family"), versioned: .optional),
            ],
            APIURL.contacts(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listContacts", "The family's contact log, oldest first.", parameters: paging, ok: page(of: "Contact")),
                "post": operation("logContact", "Log a contact with the family.", body: ref("ContactInput"), created: ref("Contact")),
            ],
            APIURL.trainings.openAPIPath: [
                "get": operation("listTrainings", "Staff trainings in the program, oldest first.", parameters: paging, ok: page(of: "Training")),
                "post": operation("recordTraining", "Record a completed training (managers and directors).", body: ref("TrainingInput"), created: ref("Training")),
            ],
            APIURL.draws.openAPIPath: [
                "get": operation("listDraws", "The program's fair draws, newest first (managers and directors).", parameters: paging, ok: page(of: "Draw")),
                "post": operation("draw", "Draw families for home visits from a roster (`classroom:<name>` or `site:<id>`), logged with its seed.",
                                  body: ref("DrawInput"), created: ref("Draw")),
            ],
            APIURL.draw(id).openAPIPath: [
                "parameters": [drawID],
                "get": operation("getDraw", "One draw; `repeats` says whether its seed gives the same result again.", ok: ref("Draw")),
            ],
            APIURL.visitHours.openAPIPath: [
                "get": operation("visitHours", "Visit and contact minutes per staff member, with minutes outside contract hours (everyone's for managers and directors, one's own otherwise).",
                                 parameters: period + [query("site", ["type": "string", "format": "uuid"], "One site's staff only (managers and directors).")],
                                 ok: ref("VisitHours")),
            ],
        ]
    }
}
