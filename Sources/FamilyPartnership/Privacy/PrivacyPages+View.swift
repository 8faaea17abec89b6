import Foundation
import PartnershipRules
import Plot

enum PrivacyPages {
    struct Model {
        let family: Family
        let consents: [Consent]
        let disclosures: [Disclosure]
        let requests: [RecordRequest]
        let mayShare: Bool
        let mayAnswer: Bool
        let today: CalendarDate
    }

    static func show(_ model: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = model.family.id!
        let today = model.today
        return [
            .p(.a(.href(SiteURL.family(id).path), .text("← \(model.family.householdName)"))),
            .h1(.text("Privacy and sharing")),
            .if(model.mayShare, .div(.class("actions"),
                .a(.href(SiteURL.consentNew(id).path), .text("Record a consent")),
                .a(.href(SiteURL.familyShare(id).path), .text("Share with a partner")),
                .a(.href(SiteURL.disclosureNew(id).path), .text("Disclose without consent (1303.22)")),
                .a(.href(SiteURL.recordRequestNew(id).path), .text("Record a parent's request")))),
            .if(model.mayAnswer, .p(.text("Everything held about the family: "),
                                    .a(.href(SiteURL.familyExport(id).path), .text("readable page")), .text(" · "),
                                    .a(.href(SiteURL.familyExport(id).path + "?format=json"), .text("JSON")))),
            .h2(.id("consents"), .text("Consents")),
            model.consents.isEmpty ? .p(.text("The family has not consented to share records with any partner.")) :
                .ul(.class("plain"), .forEach(model.consents) { consent in
                    let standing = consent.standing(on: today)
                    return .li(
                        .strong(.text(consent.partner.name)), .text(" — \(standing)"),
                        .p(.text(RecordCategory.allCases.filter(consent.categories.contains).map(\.label).joined(separator: "; "))),
                        .p(.class("hint"), .text("Given by \(consent.givenBy) (\(consent.method.label.lowercased())) for: \(consent.purpose). "
                                                 + "\(Display.date(consent.startsOn)) to \(Display.date(consent.endsOn)).")),
                        .if(model.mayShare && consent.revokedOn == nil && standing != "expired \(Display.date(consent.endsOn))",
                            FormKit.form(action: SiteURL.consentRevoke(id, consent: consent.id!).path, csrf: csrf, class: "inline", [
                                FormKit.submit("Revoke now (\(consent.partner.name))", secondary: true),
                            ]))
                    )
                }),
            .h2(.id("requests"), .text("The parent's requests")),
            model.requests.isEmpty ? .p(.text("None.")) : .ul(.forEach(model.requests) { request in
                .li(.a(.href(SiteURL.recordRequest(id, request: request.id!).path), .text(request.kind.label)),
                    .text(" — from \(request.requestedBy), received \(Display.date(request.receivedOn)); "
                          + (request.answeredOn.map { "answered \(Display.date($0))" } ?? "pending" + (request.dueOn.map { ", answer by \(Display.date($0))" } ?? ""))))
            }),
            .h2(.id("disclosures"), .text("Disclosure log")),
            .p(.class("hint"), .text("Every time the family's records left the program: kept as long as the family's record.")),
            model.disclosures.isEmpty ? .p(.text("Nothing has been disclosed.")) : .div(.class("scroll"), .table(
                .tr(.th("When"), .th("To"), .th("What"), .th("Under"), .th("By")),
                .forEach(model.disclosures) { d in
                    .tr(.td(.text(Display.timestamp(d.disclosedAt))), .td(.text("\(d.recipient) (\(d.channel))")),
                        .td(.text(RecordCategory.allCases.filter(d.categories.contains).map(\.label).joined(separator: "; "))),
                        .td(.text(under(d, consents: model.consents))), .td(.text(d.disclosedByName)))
                })),
        ]
    }

    private static func under(_ d: Disclosure, consents: [Consent]) -> String {
        if let exception = d.exception { return "Exception: \(exception.label). \(d.reason ?? "")" }
        if let consent = consents.first(where: { $0.id == d.$consent.id }) {
            return "Consent of \(consent.givenBy), \(Display.date(consent.startsOn))"
        }
        return d.channel == "inspection export" ? "The parent's right to inspect (1303.23)" : "—"
    }

    static func consentForm(family: Family, partners: [PartnerAgency], adults: [String], input: ConsentInput, errors: FieldErrors,
                            csrf: String) -> [Node<HTML.BodyContext>] {
        let chosen = Set(input.categories ?? [])
        return [
            .p(.a(.href(SiteURL.familyPrivacy(family.id!).path), .text("← Privacy and sharing"))),
            .h1(.text("Record a consent")),
            .p(.class("hint"), .text("The parent's signed consent to share named records with one partner agency, for a purpose, for a time.")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.consentNew(family.id!).path, csrf: csrf, [
                FormKit.select("partner_agency_id", "Partner agency", options: partners.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: input.partnerAgencyID, errors: errors, required: true),
                adults.isEmpty
                    ? FormKit.field("given_by", "Parent or guardian who gave consent", value: input.givenBy, errors: errors, required: true)
                    : FormKit.select("given_by", "Parent or guardian who gave consent", options: adults.map { ($0, $0) },
                                     selected: input.givenBy, errors: errors, required: true),
                categoryChoices(chosen, errors: errors, legend: "Records the parent agreed to share (required)"),
                FormKit.field("purpose", "Purpose", value: input.purpose, errors: errors, required: true,
                              hint: "For example: coordinate the family's case plan with child welfare."),
                FormKit.field("starts_on", "From", value: input.startsOn, errors: errors, type: .date, required: true),
                FormKit.field("ends_on", "Until", value: input.endsOn, errors: errors, type: .date, required: true),
                FormKit.select("method", "How consent was given", options: ConsentMethod.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.method, errors: errors, required: true),
                FormKit.submit("Save consent"),
            ]),
        ]
    }

    static func disclosureForm(family: Family, partners: [PartnerAgency], consents: [Consent], exception: Bool, input: DisclosureInput,
                               errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = family.id!
        let chosen = Set(input.categories ?? [])
        return [
            .p(.a(.href(SiteURL.familyPrivacy(id).path), .text("← Privacy and sharing"))),
            .h1(.text(exception ? "Disclose without consent" : "Share with a partner")),
            .p(.class("hint"), .text(exception
                ? "Only where 45 CFR 1303.22 allows it. Choose the exception and give the reason; the disclosure is logged with the family's record."
                : "Only records that one current consent from the family covers for that partner can be shared. Every share is logged.")),
            .if(!exception, .group(
                .h2(.text("Current consents")),
                consents.isEmpty ? .p(.text("None: nothing can be shared with a partner until a parent consents.")) :
                    .ul(.forEach(consents) { c in
                        .li(.strong(.text(c.partner.name)), .text(": " + RecordCategory.allCases.filter(c.categories.contains).map(\.label).joined(separator: "; ")
                                                                  + " (until \(Display.date(c.endsOn)))"))
                    })
            )),
            FormKit.summary(errors),
            FormKit.form(action: (exception ? SiteURL.disclosureNew(id) : SiteURL.familyShare(id)).path, csrf: csrf, [
                FormKit.select("partner_agency_id", exception ? "Partner agency (if the recipient is one)" : "Partner agency",
                               options: partners.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: input.partnerAgencyID, errors: errors, required: !exception, blank: exception ? "Not a partner agency" : "Choose…"),
                .if(exception, .group(
                    FormKit.field("recipient", "Recipient (when not a partner agency)", value: input.recipient, errors: errors),
                    FormKit.select("exception", "Exception under 1303.22", options: DisclosureException.allCases.map { ($0.rawValue, $0.label) },
                                   selected: input.exception, errors: errors, required: true),
                    FormKit.textArea("reason", "Reason", value: input.reason, errors: errors)
                )),
                categoryChoices(chosen, errors: errors, legend: "Records to share (required)"),
                FormKit.radios("format", "As", options: [("html", "A page to print or save as PDF", nil), ("json", "A JSON file", nil)],
                               selected: input.format ?? "html", errors: errors),
                FormKit.submit(exception ? "Disclose and log" : "Share"),
            ]),
        ]
    }

    static func categoryChoices(_ chosen: Set<String>, errors: FieldErrors, legend: String) -> Node<HTML.BodyContext> {
        FormKit.fieldset(legend, id: FormKit.id("categories"), [
            .unwrap(errors["categories"]) { .p(.class("error"), .id(FormKit.id("categories") + "-error"), .text($0)) },
        ] + RecordCategory.allCases.map { FormKit.checkbox("categories[]", $0.label, checked: chosen.contains($0.rawValue), value: $0.rawValue) })
    }

    static func requestForm(family: Family, input: RecordRequestInput, errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .p(.a(.href(SiteURL.familyPrivacy(family.id!).path), .text("← Privacy and sharing"))),
            .h1(.text("A parent's request about the family's records")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.recordRequestNew(family.id!).path, csrf: csrf, [
                FormKit.radios("kind", "The parent asks to", options: RecordRequestKind.allCases.map {
                    ($0.rawValue, $0.label, $0 == .inspection ? "answered within 45 days" : "say which part and what should change")
                }, selected: input.kind, errors: errors),
                FormKit.field("requested_by", "Asked by", value: input.requestedBy, errors: errors, required: true),
                FormKit.field("received_on", "Received on", value: input.receivedOn, errors: errors, type: .date, required: true),
                FormKit.select("category", "Part of the record (amendments)", options: RecordCategory.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.category, errors: errors),
                FormKit.textArea("requested_change", "Change asked for (amendments)", value: input.requestedChange, errors: errors),
                FormKit.submit("Record request"),
            ]),
        ]
    }

    static func request(_ request: RecordRequest, family: Family, mayAnswer: Bool, input: RecordAnswerInput, errors: FieldErrors,
                        csrf: String) -> [Node<HTML.BodyContext>] {
        let id = family.id!
        let path = SiteURL.recordRequest(id, request: request.id!).path
        return [
            .p(.a(.href(SiteURL.familyPrivacy(id).path), .text("← Privacy and sharing"))),
            .h1(.text(request.kind.label)),
            .dl(
                .detail("Family", family.householdName),
                .detail("Asked by", request.requestedBy),
                .detail("Received", Display.date(request.receivedOn)),
                .unwrap(request.dueOn) { .detail("Answer by", Display.date($0)) },
                .detail("Answered", request.answeredOn.map(Display.date) ?? "Pending"),
                .if(request.kind == .amendment, .group(
                    .detail("Part of the record", request.category?.label),
                    .detail("Change asked for", request.requestedChange),
                    .detail("Decision", request.decision?.label),
                    .detail("Reason", request.decisionReason),
                    .detail("Told of the right to a hearing", request.answeredOn == nil ? nil : (request.hearingOffered ? "Yes" : "No")),
                    .detail("Parent's statement (attached to the record)", request.parentStatement)
                ))
            ),
            .if(request.kind == .inspection && request.isPending,
                .p(.class("hint"), .text("While this request is pending nothing in the family's record can be removed."))),
            .if(mayAnswer && request.kind == .inspection,
                .p(.text("Give the parent everything held: "), .a(.href(SiteURL.familyExport(id).path), .text("readable page")),
                   .text(" · "), .a(.href(SiteURL.familyExport(id).path + "?format=json"), .text("JSON")))),
            .if(mayAnswer && request.isPending, .group(
                .h2(.text("Answer")),
                FormKit.summary(errors),
                FormKit.form(action: path, csrf: csrf, [
                    .if(request.kind == .amendment, .group(
                        FormKit.radios("decision", "Decision", options: AmendmentDecision.allCases.map { ($0.rawValue, $0.label, nil) },
                                       selected: input.decision, errors: errors),
                        FormKit.textArea("decision_reason", "Reason for the decision", value: input.decisionReason, errors: errors,
                                         hint: "Required when the record is not changed."),
                        FormKit.checkbox("hearing_offered", "The parent was told of the right to a hearing", checked: input.hearingOffered ?? false),
                        .unwrap(errors["hearing_offered"]) { .p(.class("error"), .text($0)) },
                        FormKit.textArea("parent_statement", "Parent's statement, if the record is not changed", value: input.parentStatement,
                                         errors: errors, hint: "It is attached to that part of the record and included whenever that part is disclosed.")
                    )),
                    FormKit.field("answered_on", "Answered on", value: input.answeredOn, errors: errors, type: .date, required: true),
                    FormKit.submit("Record answer"),
                ])
            )),
        ]
    }

    /// Everything held about the family, as one printable page.
    static func export(_ export: FamilyRecordExport) -> HTML {
        let packet = export.records
        return HTML(
            .attribute(named: "lang", value: "en"),
            .head(.meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                  .title("Family record · \(packet.family)"), .style(AgreementPrint.css)),
            .body(.element(named: "main", nodes: [.h1(.text("Everything held about the \(packet.family) family"))] + packet.body + [
                .h2(.text("Team")), .ul(.forEach(export.team) { .li(.text($0)) }),
                .h2(.text("Plans with other agencies")),
                .ul(.forEach(export.agencyPlans) { .li(.text("\($0.agency) — \($0.kind.label)" + ($0.summary.map { ": \($0)" } ?? ""))) }),
                .h2(.text("Consents")),
                .ul(.forEach(export.consents) { c in
                    .li(.text("Given by \(c.givenBy) for \(c.purpose): \(c.categories.map(\.label).joined(separator: "; ")), "
                              + "\(Display.date(c.startsOn)) to \(Display.date(c.endsOn))" + (c.revokedOn.map { ", revoked \(Display.date($0))" } ?? "")))
                }),
                .h2(.text("Who the records were shared with")),
                .ul(.forEach(export.disclosures) { d in
                    .li(.text("\(Display.timestamp(d.disclosedAt)): \(d.recipient) — \(d.categories.map(\.rawValue).joined(separator: ", "))"
                              + (d.exception.map { " (exception: \($0.label))" } ?? "")))
                }),
                .h2(.text("Requests")),
                .ul(.forEach(export.requests) { r in
                    .li(.text("\(r.kind.label), received \(Display.date(r.receivedOn))" + (r.answeredOn.map { ", answered \(Display.date($0))" } ?? ", pending")))
                }),
            ]))
        )
    }
}
