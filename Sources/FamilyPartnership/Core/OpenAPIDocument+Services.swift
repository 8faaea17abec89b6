import Foundation
import PartnershipRules

extension OpenAPIDocument {
    /// Services and partners: categories, providers, referrals, services received, partner agencies, needs met, and the family's privacy (consents, disclosures, record requests, the export).
    static var servicePaths: [String: JSONValue] {
        let id = UUID.routeParameter
        let familyID = pathParameter("familyID"), providerID = pathParameter("providerID"), referralID = pathParameter("referralID"), partnerID = pathParameter("partnerID"), needID = pathParameter("needID"), consentID = pathParameter("consentID"), requestID = pathParameter("requestID")
        let paging = pagingParameters
        return [
            APIURL.serviceCategories.openAPIPath: [
                "get": operation("listServiceCategories", "The program's service categories, built-in and its own, with this year's PIR item.",
                                 parameters: paging, ok: page(of: "ServiceCategory")),
            ],
            APIURL.providers.openAPIPath: [
                "get": operation("listProviders", "The community resource directory, by name.", parameters: paging + [
                    query("q", ["type": "string", "maxLength": 100], "Part of the name."),
                    query("category", ["type": "string"], "A service category key."),
                    query("language", ["type": "string", "maxLength": 60], "A language the provider serves families in."),
                ], ok: page(of: "Provider")),
                "post": operation("createProvider", "Add a provider.", body: ref("ProviderInput"), created: ref("Provider")),
            ],
            APIURL.provider(id).openAPIPath: [
                "parameters": [providerID],
                "get": operation("getProvider", "One provider; its ETag is its version.", ok: ref("Provider")),
                "put": operation("updateProvider", "Replace a provider's details.", body: ref("ProviderInput"), ok: ref("Provider"), versioned: .required),
                "patch": operation("patchProvider", "Change only the provider's details sent.", body: ref("ProviderPatch"), ok: ref("Provider"),
                                   versioned: .required),
            ],
            APIURL.referrals(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listReferrals", "The family's referrals with their history, oldest first.", parameters: paging, ok: page(of: "Referral")),
                "post": operation("createReferral", "Refer the family (for a need or goal) to a provider.", body: ref("ReferralInput"), created: ref("Referral")),
            ],
            APIURL.referral(id, referral: id).openAPIPath: [
                "parameters": [familyID, referralID],
                "get": operation("getReferral", "One referral; its ETag is its version.", ok: ref("Referral")),
            ],
            APIURL.referralStatus(id, referral: id).openAPIPath: [
                "parameters": [familyID, referralID],
                "post": operation("changeReferralStatus", "Record the referral's next step; reaching receiving or completed records the service received.",
                                  body: ref("ReferralStatusInput"), ok: ref("Referral"), versioned: .optional),
            ],
            APIURL.services(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listServices", "Services the family received, oldest first.", parameters: paging, ok: page(of: "Service")),
                "post": operation("recordService", "Record a service received (in-house needs delivered_by).", body: ref("ServiceInput"), created: ref("Service")),
            ],
            APIURL.partners.openAPIPath: [
                "get": operation("listPartners", "The program's partner agencies, by name.", parameters: paging, ok: page(of: "Partner")),
                "post": operation("createPartner", "Add a partner agency (managers and directors).", body: ref("PartnerInput"), created: ref("Partner")),
            ],
            APIURL.partner(id).openAPIPath: [
                "parameters": [partnerID],
                "get": operation("getPartner", "One partner agency with its level history and meetings; its ETag is its version.", ok: ref("Partner")),
                "put": operation("updatePartner", "Replace an agency's details and MOU.", body: ref("PartnerInput"), ok: ref("Partner"), versioned: .required),
                "patch": operation("patchPartner", "Change only the agency's details sent.", body: ref("PartnerPatch"), ok: ref("Partner"),
                                   versioned: .required),
            ],
            APIURL.partnerLevels(id).openAPIPath: [
                "parameters": [partnerID],
                "post": operation("changePartnershipLevel", "Record a move along the partnership continuum.", body: ref("LevelInput"), ok: ref("Partner"),
                                  versioned: .optional),
            ],
            APIURL.partnerMeetings(id).openAPIPath: [
                "parameters": [partnerID],
                "post": operation("logPartnerMeeting", "Log a meeting with the agency.", body: ref("MeetingInput"), created: ref("Partner")),
            ],
            APIURL.agencyPlans(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listAgencyPlans", "Plans the family has with other agencies that this staff member may see, by agency.",
                                 parameters: paging, ok: page(of: "AgencyPlan")),
                "post": operation("createAgencyPlan", "Record a plan the family has with another agency.", body: ref("AgencyPlanInput"), created: ref("AgencyPlan")),
            ],
            APIURL.needMet(id, need: id).openAPIPath: [
                "parameters": [familyID, needID],
                "post": operation("markNeedMet", "Mark a need met (today unless met_on is given).", body: ref("NeedMetInput"), ok: ref("Need"),
                                  versioned: .optional),
            ],
            APIURL.consents(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listConsents", "The family's consents to share records, newest first.", parameters: paging, ok: page(of: "Consent")),
                "post": operation("createConsent", "Record a parent's consent to share records with a partner.", body: ref("ConsentInput"), created: ref("Consent")),
            ],
            APIURL.consentRevoke(id, consent: id).openAPIPath: [
                "parameters": [familyID, consentID],
                "post": operation("revokeConsent", "Revoke a consent (today unless revoked_on is given); the partner's access ends at once.",
                                  body: ref("RevokeInput"), ok: ref("Consent"), versioned: .optional),
            ],
            APIURL.disclosures(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listDisclosures", "The family's disclosure log, newest first.", parameters: paging, ok: page(of: "Disclosure")),
                "post": operation("disclose", "Share records: with a partner under a current consent covering every category, or under a 1303.22 exception with a reason. 422 when not covered. Logged.",
                                  body: ref("DisclosureInput"), created: ref("SharePacket")),
            ],
            APIURL.recordRequests(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("listRecordRequests", "The parent's requests to inspect or amend records, newest first.", parameters: paging,
                                 ok: page(of: "RecordRequest")),
                "post": operation("createRecordRequest", "Record a parent's request (inspections are due in 45 days).", body: ref("RecordRequestInput"), created: ref("RecordRequest")),
            ],
            APIURL.recordRequestAnswer(id, request: id).openAPIPath: [
                "parameters": [familyID, requestID],
                "post": operation("answerRecordRequest", "Answer a request; amendments need a decision (managers and directors).",
                                  body: ref("RecordAnswerInput"), ok: ref("RecordRequest"), versioned: .optional),
            ],
            APIURL.familyExport(id).openAPIPath: [
                "parameters": [familyID],
                "get": operation("exportFamilyRecord", "Everything held about the family, for a parent's inspection. Logged as a disclosure.",
                                 ok: ref("FamilyRecordExport")),
            ],
        ]
    }
}
