import Foundation
import PartnershipRules
import Plot

/// The referral form (find a provider by category and language, then refer), a referral's page, and the form
/// for a service received.
enum ReferralPages {
    /// A referral as a list item linking to it: the service, the provider and how to call them, where it stands
    /// and, while open, when to follow up. The provider must be loaded.
    static func item(_ referral: Referral, family: UUID, catalog: ServiceCatalog) -> Node<HTML.ListContext> {
        let provider = referral.provider.map { provider in
            provider.name + (provider.phone.map { " (\(Display.phone($0)))" } ?? "")
        } ?? "no provider yet"
        return .li(.a(.href(SiteURL.referral(family, referral: referral.id!).path), .text(catalog.label(referral.category))),
                   .text(" — \(provider) · \(referral.status.label.lowercased())"
                         + (referral.status.isClosed ? "" : " · follow up by \(Display.date(referral.followUpOn))")))
    }

    /// A service received as one line: when, what, and by whom.
    static func line(_ service: ServiceRecord, catalog: ServiceCatalog) -> String {
        "\(Display.date(service.providedOn)) · \(catalog.label(service.category)) · \(service.deliveredBy)"
    }

    struct FormModel {
        let family: Family
        let input: ReferralInput
        let category: String?
        let language: String?
        let providers: [Provider]
        let plans: [AgencyPlan]
        let catalog: ServiceCatalog
        let requiresRequest: Bool
        /// What the referral serves, in words: "the goal …" or "the need …".
        let serves: String?
        /// Who may follow up (the family's team and the person at the form), and that person.
        let followers: [(id: UUID, name: String)]
        let me: UUID
        let errors: FieldErrors
        let today: CalendarDate
    }

    static func form(_ model: FormModel, csrf: String) -> [Node<HTML.BodyContext>] {
        let familyID = model.family.id!, input = model.input, errors = model.errors
        let today = model.today
        let followUp = model.category.flatMap { model.catalog.category($0) }
        // Where the form came from (a need or a goal) goes with every step.
        let from = [input.needID.map { "need=\($0)" }, input.goalID.map { "goal=\($0)" }].compactMap { $0 }
        let language = model.language ?? model.family.preferredLanguage.split(separator: " ").first.map(String.init)
        // One choice of category: first the category (with the language), then the providers for it and the referral.
        let finder = Node<HTML.BodyContext>.element(named: "form", nodes: [
            .attribute(named: "method", value: "get"), .attribute(named: "action", value: SiteURL.referralNew(familyID).path),
            .class("filters"), .attribute(named: "role", value: "search"),
            .unwrap(input.needID) { FormKit.hidden("need", $0) },
            .unwrap(input.goalID) { FormKit.hidden("goal", $0) },
            followUp == nil
                ? FormKit.select("category", "Service category", options: model.catalog.options, selected: model.category, blank: "Choose…",
                                 idSuffix: "-find")
                : FormKit.hidden("category", followUp!.key),
            FormKit.field("language", followUp == nil ? "Language" : "Providers who speak", value: language, idSuffix: "-find"),
            FormKit.submit(followUp == nil ? "Find providers" : "Show providers", secondary: true),
        ])
        return [
            .p(.a(.href(SiteURL.family(familyID).path), .text("← \(model.family.householdName)"))),
            .h1(.text("Refer \(model.family.householdName)")),
            .unwrap(model.serves) { .p(.text("For \($0).")) },
            .if(!model.plans.isEmpty, .div(.class("warning"),
                .p(.strong(.text("This family already has plans with other agencies. Coordinate with them before referring:"))),
                AgencyPlanPages.list(model.plans))),
            .unwrap(followUp) { chosen in
                .p(.text("Service: "), .strong(.text(chosen.label)), .text(" · "),
                   .a(.href(SiteURL.referralNew(familyID).path + (from.isEmpty ? "" : "?" + from.joined(separator: "&"))), .text("Choose another service")))
            },
            finder,
            FormKit.summary(errors),
            .if(followUp != nil, FormKit.form(action: SiteURL.referralNew(familyID).path, csrf: csrf, [
                .unwrap(input.needID) { FormKit.hidden("need_id", $0) },
                .unwrap(input.goalID) { FormKit.hidden("goal_id", $0) },
                FormKit.hidden("category", followUp?.key ?? ""),
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
                FormKit.select("follow_up_by_id", "Who follows up", options: model.followers.map { ($0.id.uuidString.lowercased(), $0.name) },
                               selected: input.followUpByID?.lowercased() ?? model.me.uuidString.lowercased(), errors: errors, blank: nil,
                               hint: "The follow-up is on their to-do list and their week."),
                FormKit.textArea("notes", "Notes", value: input.notes, errors: errors),
                FormKit.submit("Save referral"),
            ])),
        ]
    }

    /// What a referral is part of: the need and goal it serves, who follows up, and who could.
    struct Thread {
        let need: FamilyNeed?
        let goal: Goal?
        let followUpBy: String?
        /// The family's team first, then whoever is taking the step.
        let followers: [(id: UUID, name: String)]
    }

    static func show(family: Family, referral: Referral, thread: Thread, events: [ReferralEvent], services: [ServiceRecord], catalog: ServiceCatalog,
                     plans: [AgencyPlan], mayEdit: Bool, errors: FieldErrors, input: ReferralStatusInput?, today: CalendarDate,
                     csrf: String) -> [Node<HTML.BodyContext>] {
        let familyID = family.id!
        let nextFollowUp = catalog.category(referral.category)?.followUp.due(from: today) ?? today.adding(days: 14)
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
                .unwrap(thread.goal) { goal in
                    .group(.dt(.text("For the goal")), .dd(.a(.href(SiteURL.goal(familyID, goal: goal.id!).path), .text(goal.goal))))
                },
                .unwrap(thread.need) { need in
                    .group(.dt(.text("For the need")),
                           .dd(.text(need.description + (need.metOn.map { " (met \(Display.date($0)))" } ?? "")),
                               .if(mayEdit && need.metOn == nil && referral.status == .completed,
                                   FormKit.form(action: SiteURL.needMet(familyID, need: need.id!).path, csrf: csrf, [
                                       FormKit.hidden("back", SiteURL.referral(familyID, referral: referral.id!).path),
                                       FormKit.submit("The need is met", secondary: true),
                                   ]))))
                },
                .dt(.text("Provider")),
                .dd(.text(referral.provider?.name ?? "—"),
                    .unwrap(referral.provider?.phone) { .group(.text(" · "), .a(.href("tel:\($0)"), .text(Display.phone($0)))) }),
                .detail("Family asked for it", referral.familyAsked ? "Yes" : "No"),
                .detail("Started", Display.date(referral.requestedOn)),
                .detail(referral.status.isClosed ? "Last follow-up date" : "Follow up by",
                        Display.date(referral.followUpOn) + (referral.status.isClosed ? "" : thread.followUpBy.map { " · \($0)" } ?? "")),
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
                    FormKit.field("follow_up_on", "Next follow-up", value: input?.followUpOn ?? nextFollowUp.description, errors: errors, type: .date,
                                  hint: "While the referral stays open; the usual time for \(catalog.label(referral.category).lowercased())."),
                    FormKit.select("follow_up_by_id", "Who follows up", options: thread.followers.map { ($0.id.uuidString.lowercased(), $0.name) },
                                   selected: input?.followUpByID?.lowercased() ?? referral.$followUpBy.id?.uuidString.lowercased(), errors: errors, blank: nil),
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
