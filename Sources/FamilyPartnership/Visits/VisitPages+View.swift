import Foundation
import PartnershipRules
import Plot

/// Scheduling a visit, a visit's page (with its record, or the ways to close it), and logging a contact.
enum VisitPages {
    /// How the family wants to be reached, shown wherever staff contact them.
    static func reachBy(_ family: Family) -> Node<HTML.BodyContext> {
        let parts = [family.preferredChannel.map { "by \($0.label.lowercased())" }, "in \(family.preferredLanguage)",
                     family.preferredTimes.map { "times: \($0)" }].compactMap { $0 }
        return .p(.class("reach"), .strong(.text("Reach the family: ")), .text(parts.joined(separator: ", ")),
                  .unwrap(family.phone) { .group(.text(" · "), .a(.href("tel:\($0)"), .text(Display.phone($0)))) })
    }

    /// "Thu, Nov 26, 2026, 4:30 pm, 45 min"
    static func when(_ visit: Visit) -> String {
        when(on: visit.scheduledOn, startsAt: visit.startsAt, minutes: visit.actualMinutes ?? visit.plannedMinutes)
    }

    static func when(on day: String, startsAt: String, minutes: Int) -> String {
        "\(Display.date(day)), \(TimeOfDay(startsAt)?.label ?? startsAt), \(minutes) min"
    }

    struct StaffChoice {
        let staff: Staff
        let courses: Set<String>
        /// On the family's team: offered first.
        var onTeam = false
    }

    static func scheduleForm(family: Family, types: [VisitType], courseNames: [UUID: String], staff: [StaffChoice], input: VisitInput,
                             errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = family.id!
        let chosen = Set((input.staff ?? []).map { $0.lowercased() })
        return [
            .p(.a(.href(SiteURL.family(id).path + "#visits"), .text("← \(family.householdName)"))),
            .h1(.text("Schedule a visit with \(family.householdName)")),
            reachBy(family),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.visitNew(id).path, csrf: csrf, [
                FormKit.radios("type_id", "Kind of visit", options: types.map { type in
                    let rules = type.rules(courses: courseNames)
                    return (type.id!.uuidString.lowercased(), type.name,
                            ["at least \(rules.minimumMinutes) min", "\(rules.staffRequired) staff",
                             rules.requiredCourse.map { "\($0) required" }, rules.familyAgreementRequired ? "family agrees first" : nil,
                             rules.places.map { $0.label.lowercased() }.joined(separator: " or ")].compactMap { $0 }.joined(separator: " · "))
                }, selected: input.typeID?.lowercased(), errors: errors),
                FormKit.field("date", "Date", value: input.date, errors: errors, type: .date, required: true),
                FormKit.field("starts_at", "Time", value: input.startsAt, errors: errors, type: .time, required: true),
                FormKit.field("planned_minutes", "Planned length in minutes", value: input.plannedMinutes ?? "45", errors: errors, type: .number, required: true),
                FormKit.select("place", "Place", options: VisitPlace.allCases.map { ($0.rawValue, $0.label) }, selected: input.place ?? VisitPlace.home.rawValue,
                               errors: errors, required: true, blank: nil,
                               hint: "A visit can be held at another safe place when the parent asks."),
                FormKit.field("place_note", "Where, if not at home", value: input.placeNote, errors: errors),
                staffAttending(staff, chosen: chosen, errors: errors),
                FormKit.fieldset("The family's agreement", [
                    .p(.class("hint"), .text("Visits are voluntary. Schedule only with the family's agreement.")),
                    FormKit.checkbox("family_agreed", "The family agreed to this visit", checked: input.familyAgreed ?? false),
                    .unwrap(errors["family_agreed"]) { .p(.class("error"), .id("f-family_agreed-error"), .text($0)) },
                    FormKit.select("agreement_way", "How they agreed", options: ContactMedium.allCases.map { ($0.rawValue, $0.label) },
                                   selected: input.agreementWay, errors: errors, blank: "Choose…"),
                ]),
                FormKit.fieldset("Repeat (optional)", [
                    .p(.class("hint"), .text("For a series, such as weekly 15-minute video check-ins until a date.")),
                    FormKit.field("repeat_every_days", "Every how many days", value: input.repeatEveryDays, errors: errors, type: .number),
                    FormKit.field("repeat_until", "Until", value: input.repeatUntil, errors: errors, type: .date),
                ]),
                .if(errors["despite_clash"] != nil || input.despiteClash == true, .group(
                    .unwrap(errors["despite_clash"]) { .p(.class("error"), .id("f-despite_clash-error"), .text($0)) },
                    FormKit.checkbox("despite_clash", "Schedule anyway", checked: input.despiteClash ?? false))),
                FormKit.submit("Schedule"),
            ]),
        ]
    }

    /// The family's team first (they know the family); the rest of the program's staff folded away unless one of
    /// them is already chosen.
    private static func staffAttending(_ staff: [StaffChoice], chosen: Set<String>, errors: FieldErrors) -> Node<HTML.BodyContext> {
        func box(_ choice: StaffChoice) -> Node<HTML.BodyContext> {
            let id = choice.staff.id!.uuidString.lowercased()
            return FormKit.checkbox("staff[]", choice.staff.name + (choice.courses.isEmpty ? "" : " — " + choice.courses.sorted().joined(separator: ", ")),
                                    checked: chosen.contains(id), value: id)
        }
        let team = staff.filter(\.onTeam), others = staff.filter { !$0.onTeam }
        let otherChosen = others.contains { chosen.contains($0.staff.id!.uuidString.lowercased()) }
        return FormKit.fieldset("Staff attending", id: FormKit.id("staff"), [
            .unwrap(errors["staff"]) { .p(.class("error"), .id("f-staff-error"), .text($0)) },
            .if(!team.isEmpty, .p(.class("hint"), .text("The family's team"))),
            .group(team.map(box)),
            .if(!others.isEmpty, .element(named: "details", nodes: [
                .attribute(named: "open", value: otherChosen || team.isEmpty ? "open" : nil),
                .element(named: "summary", text: team.isEmpty ? "Staff" : "Other staff (\(others.count))"),
                .group(others.map(box)),
            ])),
        ])
    }

    struct ShowModel {
        let family: Family
        let visit: Visit
        let type: VisitType
        let attendees: [VisitStaff]
        let children: [FamilyMember]
        let notes: [VisitChild]
        let catalog: ServiceCatalog
        let movedTo: Visit?
        let mayEdit: Bool
        let errors: FieldErrors
        let recordInput: VisitRecordInput?
        let statusInput: VisitStatusInput?
        let today: CalendarDate
    }

    static func show(_ m: ShowModel, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = m.family.id!, visit = m.visit
        let canRecord = m.mayEdit && (visit.status == .scheduled || visit.status == .completed) && (visit.day ?? m.today) <= m.today
        return [
            .p(.a(.href(SiteURL.family(id).path + "#visits"), .text("← \(m.family.householdName)"))),
            .h1(.text("\(m.type.name) — \(Display.date(visit.scheduledOn))")),
            FormKit.summary(m.errors),
            .dl(
                .dt("When"), .dd(.text(when(visit))),
                .dt("Where"), .dd(.text(visit.place.label + (visit.placeNote.map { ": \($0)" } ?? ""))),
                .dt("Staff"), .dd(.text(m.attendees.map { attendee in
                    // A supervisor of another staff member on the visit is there for a joint visit.
                    let supervises = m.attendees.contains { $0.staff.$supervisor.id == attendee.staff.id }
                    return attendee.staff.name + (supervises ? " (supervisor: joint visit)" : "") + (attendee.attended ? "" : " (did not take part)")
                }.joined(separator: ", "))),
                .dt("Status"), .dd(.text(visit.status.label + (visit.statusNote.map { " — \($0)" } ?? ""))),
                .dt("Family's agreement"), .dd(.text(visit.familyAgreed ? "Agreed" + (visit.agreementWay.map { " (\($0.label.lowercased()))" } ?? "") : "Not recorded"))
            ),
            .unwrap(m.movedTo) { .p(.text("Moved to "), .a(.href(SiteURL.visit(id, visit: $0.id!).path), .text(when($0)))) },
            reachBy(m.family),
            visit.status == .completed ? record(m) : .empty,
            canRecord ? recordForm(m, csrf: csrf) : .empty,
            m.mayEdit && visit.status == .scheduled ? statusForm(m, csrf: csrf) : .empty,
        ]
    }

    private static func record(_ m: ShowModel) -> Node<HTML.BodyContext> {
        let names = Dictionary(uniqueKeysWithValues: m.children.map { ($0.id!, $0.name) })
        return .group(
            .h2(.text("What the family shared")),
            .unwrap(m.visit.familyParticipants) { .p(.strong("Took part: "), .text($0)) },
            .forEach(m.notes) { note in
                .section(.h3(.text(names[note.$child.id] ?? "Child")),
                         .unwrap(note.hopesAndDreams) { .p(.strong("Hopes and dreams: "), .text($0)) },
                         .unwrap(note.interestsAndStrengths) { .p(.strong("Interests and strengths: "), .text($0)) })
            },
            .unwrap(m.visit.concerns) { .p(.strong("Concerns: "), .text($0)) },
            .unwrap(m.visit.familyRequests) { .p(.strong("The family asked for: "), .text($0)) },
            .unwrap(m.visit.nextSteps) { .p(.strong("Next steps: "), .text($0)) }
        )
    }

    private static func recordForm(_ m: ShowModel, csrf: String) -> Node<HTML.BodyContext> {
        let input = m.recordInput ?? VisitRecordInput(m.visit, notes: m.notes, members: m.children)
        let covered = Set((input.children ?? []).map { $0.lowercased() })
        let errors = m.errors
        let form = FormKit.form(action: SiteURL.visitRecord(m.family.id!, visit: m.visit.id!).path, csrf: csrf, [
            FormKit.version(m.visit.version),
                FormKit.field("actual_minutes", "How long it lasted, in minutes", value: input.actualMinutes ?? String(m.visit.plannedMinutes),
                              errors: errors, type: .number, required: true),
                FormKit.hidden("staff_present[]", ""),
                FormKit.fieldset("Staff who took part", id: FormKit.id("staff_present[]"), m.attendees.map { attendee in
                    let id = attendee.$staff.id.uuidString.lowercased()
                    return FormKit.checkbox("staff_present[]", attendee.staff.name,
                                            checked: input.staffPresent.map { $0.contains { $0.lowercased() == id } } ?? attendee.attended, value: id)
                } + [.unwrap(errors["staff_present[]"]) { .p(.class("error"), .text($0)) }]),
                FormKit.field("family_participants", "Who in the family took part", value: input.familyParticipants, errors: errors),
                FormKit.fieldset("Children this visit covered", id: FormKit.id("children[]"), m.children.map { child in
                    FormKit.checkbox("children[]", child.name, checked: covered.contains(child.id!.uuidString.lowercased()), value: child.id!.uuidString.lowercased())
                }),
                .forEach(m.children) { child in
                    let key = child.id!.uuidString.lowercased()
                    return .group(
                        .h3(.text(child.name)),
                        FormKit.textArea("hopes_and_dreams[\(key)]", "The family's hopes and dreams for \(child.name)", value: input.hopesAndDreams?[key], errors: errors),
                        FormKit.textArea("interests_and_strengths[\(key)]", "Interests and strengths the family shared about \(child.name)",
                                         value: input.interestsAndStrengths?[key], errors: errors))
                },
                .unwrap(errors["children[]"]) { .p(.class("error"), .text($0)) },
                FormKit.textArea("concerns", "Concerns", value: input.concerns, errors: errors),
                FormKit.textArea("family_requests", "Anything the family asked for", value: input.familyRequests, errors: errors),
                FormKit.checkbox("start_referral", "Start a referral for what the family asked for", checked: input.startReferral ?? false),
                FormKit.select("referral_category", "Referral category", options: m.catalog.options, selected: input.referralCategory, errors: errors),
                FormKit.textArea("next_steps", "Next steps", value: input.nextSteps, errors: errors),
                FormKit.submit("Save the visit record"),
            ])
        // A completed visit shows its record; the form to change it stays folded unless it has errors.
        guard m.visit.status == .completed else { return .group(.h2(.text("Record the visit")), form) }
        return .element(named: "details", nodes: [
            .attribute(named: "open", value: errors.isEmpty ? nil : "open"),
            .element(named: "summary", text: "Change the record"),
            form,
        ])
    }

    private static func statusForm(_ m: ShowModel, csrf: String) -> Node<HTML.BodyContext> {
        let input = m.statusInput ?? VisitStatusInput()
        let errors = m.recordInput == nil ? m.errors : FieldErrors()
        return .group(
            .h2(.text("Cancel, mark missed or move")),
            FormKit.form(action: SiteURL.visitStatus(m.family.id!, visit: m.visit.id!).path, csrf: csrf, [
                FormKit.version(m.visit.version),
                FormKit.radios("status", "What happened", options: [VisitStatus.cancelledByFamily, .cancelledByStaff, .missed, .rescheduled].map {
                    ($0.rawValue, $0.label, $0 == .rescheduled ? "give the new date below" : nil)
                }, selected: input.status, errors: errors),
                FormKit.field("new_date", "New date", value: input.newDate, errors: errors, type: .date),
                FormKit.field("new_starts_at", "New time", value: input.newStartsAt ?? m.visit.startsAt, errors: errors, type: .time),
                FormKit.field("note", "Note", value: input.note, errors: errors),
                .if(m.visit.seriesID != nil, FormKit.checkbox("later_in_series", "When cancelling: cancel the later visits of this series too",
                                                               checked: input.laterInSeries ?? false)),
                .unwrap(errors["later_in_series"]) { .p(.class("error"), .id("f-later_in_series-error"), .text($0)) },
                .if(errors["despite_clash"] != nil || input.despiteClash == true, .group(
                    .unwrap(errors["despite_clash"]) { .p(.class("error"), .id("f-despite_clash-error"), .text($0)) },
                    FormKit.checkbox("despite_clash", "Move anyway", checked: input.despiteClash ?? false))),
                FormKit.submit("Save", secondary: true),
            ])
        )
    }

    /// Asks before recording that a family declined home visits: how they said it, in their words, and whether
    /// the visits still scheduled are cancelled (left as they are unless the user chooses).
    static func declineForm(family: Family, scheduled: [Visit], typeNames: [UUID: String], input: HomeVisitsDeclinedInput,
                            errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = family.id!
        return [
            .p(.a(.href(SiteURL.family(id).path + "#visits"), .text("← \(family.householdName)"))),
            .h1(.text("The family declined home visits")),
            .p(.text("Home visits are voluntary. Once this is recorded, the fair draw leaves the family out; the family can be open to visits again at any time.")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.visitsDeclined(id).path, csrf: csrf, [
                FormKit.hidden("declined", "on"),
                FormKit.hidden("confirmed", "yes"),
                FormKit.version(family.version),
                FormKit.radios("how", "How the family said it", options: ContactMedium.allCases.map { ($0.rawValue, $0.label, nil) },
                               selected: input.how, errors: errors),
                FormKit.textArea("words", "In the family's words (optional)", value: input.words, errors: errors),
                scheduled.isEmpty ? .p(.text("No visits are scheduled."))
                    : .group(
                        .p(.strong(.text("\(scheduled.count) visit\(scheduled.count == 1 ? " is" : "s are") still scheduled:"))),
                        .ul(.forEach(scheduled.prefix(5)) { VisitFamilySection.item($0, family: id, typeName: typeNames[$0.$type.id]) }),
                        .if(scheduled.count > 5, .p(.text("and \(scheduled.count - 5) more."))),
                        FormKit.checkbox("cancel_scheduled", "Cancel the \(scheduled.count) scheduled visit\(scheduled.count == 1 ? "" : "s") (cancelled by the family)",
                                         checked: input.cancelScheduled ?? false)),
                .div(.class("actions"),
                     FormKit.submit("Record that the family declined"),
                     .a(.href(SiteURL.family(id).path + "#visits"), .text("Go back without recording"))),
            ]),
        ]
    }

    static func contactForm(family: Family, input: ContactInput, errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = family.id!
        return [
            .p(.a(.href(SiteURL.family(id).path + "#visits"), .text("← \(family.householdName)"))),
            .h1(.text("Log a contact with \(family.householdName)")),
            reachBy(family),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.contactNew(id).path, csrf: csrf, [
                FormKit.radios("medium", "How", options: ContactMedium.allCases.map { ($0.rawValue, $0.label, nil) }, selected: input.medium, errors: errors),
                FormKit.radios("started_by", "Who reached out", options: ContactStarter.allCases.map { ($0.rawValue, $0.label, nil) },
                               selected: input.startedBy ?? ContactStarter.staff.rawValue, errors: errors),
                FormKit.field("date", "Date", value: input.date, errors: errors, type: .date, required: true),
                FormKit.field("starts_at", "Time", value: input.startsAt, errors: errors, type: .time),
                FormKit.field("minutes", "Length in minutes", value: input.minutes, errors: errors, type: .number, required: true),
                FormKit.field("language", "Language used", value: input.language ?? family.preferredLanguage, errors: errors, required: true),
                FormKit.checkbox("interpreter", "An interpreter helped", checked: input.interpreter ?? false),
                FormKit.textArea("summary", "Summary", value: input.summary, errors: errors),
                FormKit.submit("Save contact"),
            ]),
        ]
    }
}

extension VisitRecordInput {
    /// The form filled from a visit: what was recorded, or for a new record every child ticked.
    init(_ visit: Visit, notes: [VisitChild], members: [FamilyMember]) {
        self.init()
        actualMinutes = visit.actualMinutes.map(String.init)
        familyParticipants = visit.familyParticipants
        let keyed = { (id: UUID) in id.uuidString.lowercased() }
        children = visit.status == .completed ? notes.map { keyed($0.$child.id) } : members.map { keyed($0.id!) }
        hopesAndDreams = Dictionary(uniqueKeysWithValues: notes.compactMap { note in note.hopesAndDreams.map { (keyed(note.$child.id), $0) } })
        interestsAndStrengths = Dictionary(uniqueKeysWithValues: notes.compactMap { note in note.interestsAndStrengths.map { (keyed(note.$child.id), $0) } })
        concerns = visit.concerns
        familyRequests = visit.familyRequests
        nextSteps = visit.nextSteps
    }
}
