import Foundation
import PartnershipRules
import Plot

/// The referral form (find a provider by category and language, then refer), a referral's page, and the form
/// for a service received.
enum ReferralPages {
    struct FormModel {
        let family: Family
        let input: ReferralInput
        let category: String?
        let language: String?
        let providers: [Provider]
        let plans: [AgencyPlan]
        let catalog: ServiceCatalog
        let requiresRequest: Bool
        let errors: FieldErrors
        let today: CalendarDate
    }

    static func form(_ model: FormModel, csrf: String) -> [Node<HTML.BodyContext>] {
        let familyID = model.family.id!, input = model.input, errors = model.errors
        let today = model.today
        let followUp = model.category.flatMap { model.catalog.category($0) }
        return [
            .p(.a(.href(SiteURL.family(familyID).path), .text("← \(model.family.householdName)"))),
            .h1(.text("Refer \(model.family.householdName)")),
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "get"), .attribute(named: "action", value: SiteURL.referralNew(familyID).path),
                .class("filters"), .attribute(named: "role", value: "search"),
                .unwrap(input.needID) { FormKit.hidden("need", $0) },
                .unwrap(input.goalID) { FormKit.hidden("goal", $0) },
                FormKit.select("category", "Service category", options: model.catalog.options, selected: model.category, blank: "Choose…",
                               idSuffix: "-find"),
                FormKit.field("language", "Language", value: model.language ?? model.family.preferredLanguage.split(separator: " ").first.map(String.init),
                              idSuffix: "-find"),
                FormKit.submit("Find providers", secondary: true),
            ]),
            .if(!model.plans.isEmpty, .div(.class("warning"),
                .p(.strong(.text("This family already has plans with other agencies. Coordinate with them before referring:"))),
                AgencyPlanPages.list(model.plans))),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.referralNew(familyID).path, csrf: csrf, [
                .unwrap(input.needID) { FormKit.hidden("need_id", $0) },
                .unwrap(input.goalID) { FormKit.hidden("goal_id", $0) },
                FormKit.select("category", "Service category", options: model.catalog.options, selected: model.category, errors: errors, required: true),
                model.providers.isEmpty && model.category != nil
                    ? .p(.class("warning"), .text("No provider in the directory offers this in that language. Try without the language, or refer without a provider and add one later."))
                    : FormKit.radios("provider_id", "Provider", options: [("", "No provider yet", "choose one later")] + model.providers.map { provider in
                        (provider.id!.uuidString.lowercased(), provider.name,
                         [provider.languages.joined(separator: ", "), provider.phone.map(Display.phone),
                          provider.isStale(today: today) ? "not verified in 12 months" : nil].compactMap { $0 }.joined(separator: " · "))
                    }, selected: input.providerID?.lowercased() ?? "", errors: errors),
                FormKit.checkbox("family_asked", model.requiresRequest ? "The family asked for this referral (required by your program)"
                                                                       : "The family asked for this referral", checked: input.familyAsked ?? false),
                .unwrap(errors["family_asked"]) { .p(.class("error"), .id("f-family_asked-error"), .text($0)) },
                FormKit.select("status", "Where it stands", options: [("referred", ReferralStatus.referred.label), ("requested", ReferralStatus.requested.label)],
                               selected: input.status ?? "referred", errors: errors, blank: nil),
                FormKit.field("requested_on", "Date", value: input.requestedOn, errors: errors, type: .date, required: true),
                FormKit.field("follow_up_on", "Follow up by", value: input.followUpOn, errors: errors, type: .date,
                              hint: followUp.map { "Left blank: \($0.followUp.label) from the date, the usual time for \($0.label.lowercased())." }
                                  ?? "Left blank: the category's usual follow-up time."),
                FormKit.textArea("notes", "Notes", value: input.notes, errors: errors),
                FormKit.submit("Save referral"),
            ]),
        ]
    }

    static func show(family: Family, referral: Referral, events: [ReferralEvent], services: [ServiceRecord], catalog: ServiceCatalog,
                     plans: [AgencyPlan], mayEdit: Bool, errors: FieldErrors, input: ReferralStatusInput?, today: CalendarDate,
                     csrf: String) -> [Node<HTML.BodyContext>] {
        let familyID = family.id!
        let overdue = ReferralRules.isFollowUpOverdue(status: referral.status, followUpOn: CalendarDate(referral.followUpOn) ?? today, today: today)
        return [
            .p(.a(.href(SiteURL.family(familyID).path), .text("← \(family.householdName)"))),
            .h1(.text("Referral: \(catalog.label(referral.category))")),
            .p(.span(.class("tag"), .text(referral.status.label)),
               .if(overdue, .span(.class("tag stale"), .text("Follow-up overdue")))),
            .if(!plans.isEmpty, .div(.class("warning"),
                .p(.strong(.text("The family already has a plan with this agency. Work within it rather than starting over:"))),
                AgencyPlanPages.list(plans))),
            .dl(
                .detail("Provider", referral.provider?.name),
                .detail("Family asked for it", referral.familyAsked ? "Yes" : "No"),
                .detail("Started", Display.date(referral.requestedOn)),
                .detail("Follow up by", Display.date(referral.followUpOn)),
                .detail("Outcome", referral.outcome?.label),
                .detail("Notes", referral.notes)
            ),
            .h2(.text("History")),
            .ol(.forEach(events) { event in
                .li(.strong(.text(Display.date(event.happenedOn))), .text(" · \(event.status.label) · \(event.recordedByName)"),
                    .unwrap(event.note) { .text(" — \($0)") })
            }),
            .if(!services.isEmpty, .p(.text("Service received on \(services.map { Display.date($0.providedOn) }.joined(separator: ", ")); it counts in the family services report."))),
            FormKit.summary(errors),
            .if(mayEdit && !referral.status.isClosed, FormKit.form(action: SiteURL.referralStatus(familyID, referral: referral.id!).path, csrf: csrf, [
                FormKit.version(referral.version),
                FormKit.fieldset("Record what happened", [
                    FormKit.select("status", "Now", options: referral.status.next.map { ($0.rawValue, $0.label) }, selected: input?.status,
                                   errors: errors, required: true),
                    FormKit.field("date", "On", value: input?.date ?? today.description, errors: errors, type: .date, required: true),
                    FormKit.select("outcome", "Was the need met? (when closing)", options: ReferralOutcome.allCases.map { ($0.rawValue, $0.label) },
                                   selected: input?.outcome, errors: errors, blank: "—"),
                    FormKit.textArea("note", "Note", value: input?.note, errors: errors),
                    FormKit.submit("Save", secondary: true),
                ]),
            ])),
        ]
    }

    static func serviceForm(family: Family, input: ServiceInput, catalog: ServiceCatalog, providers: [Provider], errors: FieldErrors,
                            csrf: String) -> [Node<HTML.BodyContext>] {
        let familyID = family.id!
        return [
            .p(.a(.href(SiteURL.family(familyID).path), .text("← \(family.householdName)"))),
            .h1(.text("Record a service received")),
            .p(.class("hint"), .text("Only services the family actually received count in the PIR family services report.")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.serviceNew(familyID).path, csrf: csrf, [
                FormKit.select("category", "Service category", options: catalog.options, selected: input.category, errors: errors, required: true),
                FormKit.field("provided_on", "Date", value: input.providedOn, errors: errors, type: .date, required: true),
                FormKit.select("provider_id", "Provider", options: providers.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: input.providerID?.lowercased(), errors: errors, blank: "In-house (the program's own staff)"),
                FormKit.field("delivered_by", "Delivered by", value: input.deliveredBy, errors: errors,
                              hint: "Needed for in-house services: who on the staff provided it."),
                FormKit.textArea("notes", "Notes", value: input.notes, errors: errors),
                FormKit.submit("Save service"),
            ]),
        ]
    }
}
