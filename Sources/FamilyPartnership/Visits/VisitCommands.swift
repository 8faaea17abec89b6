import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to visits and contacts: the one writer of those records. A visit's status changes are checked
/// against its status as stored, in one conditional update, so a visit cannot be both cancelled and moved.
enum VisitCommands {
    /// A schedule that passed every check: the visits to create and who attends them.
    struct Schedule {
        let type: VisitType
        let visits: [Visit]
        let attendees: [Staff]
    }

    /// Schedules a visit, or a series of them, after checking the visit type's rules for each day.
    static func schedule(_ input: VisitInput, family familyID: UUID, in ctx: Context) async throws -> [Visit] {
        let family = try await ctx.editableFamily(familyID)
        let schedule = try await checked(input, family: family, in: ctx)
        try await ctx.transaction { ctx in
            try await insert(schedule, on: ctx.db)
            // Whoever visits the family must be able to see it: they join its team.
            for person in schedule.attendees { try await FamilyCommands.join(person.requireID(), family: familyID, because: "scheduled for a visit", in: ctx) }
            let first = schedule.visits[0]
            try await ctx.audit(.create, .visit, family: first.$family.id, recordID: first.id,
                                detail: "\(schedule.type.name), \(schedule.visits.count == 1 ? first.scheduledOn : "series of \(schedule.visits.count)")")
        }
        return schedule.visits
    }

    private static func insert(_ schedule: Schedule, on db: any Database) async throws {
        for visit in schedule.visits {
            try await visit.create(on: db)
            for person in schedule.attendees { try await VisitStaff(visit: visit.id!, staff: person.id!).create(on: db) }
        }
    }

    /// The visits `input` describes, checked against the fields and the visit type's rules but not saved. When
    /// `moving` a visit, its own time is no clash.
    static func checked(_ input: VisitInput, family: Family, moving: UUID? = nil, in ctx: Context) async throws -> Schedule {
        let staff = ctx.staff
        let familyID = try family.requireID()
        var errors = FieldErrors()
        let type = try await VisitTypes.find(input.typeID, program: staff.programID, on: ctx.db)
        if type == nil { errors["type_id"] = "Choose the kind of visit." }
        let day = errors.take("date", FieldRules.date(input.date, label: "Date", required: true)) ?? nil
        let start = errors.take("starts_at", FieldRules.timeOfDay(input.startsAt, label: "Time", required: true)) ?? nil
        let minutes = errors.take("planned_minutes", FieldRules.wholeNumber(input.plannedMinutes, label: "Planned length", required: true, in: 5...720)) ?? nil
        let place = errors.take("place", FieldRules.choice(input.place, VisitPlace.self, label: "Place", required: true)) ?? nil
        let placeNote = errors.take("place_note", FieldRules.text(input.placeNote, label: "Where", required: place == .elsewhere, max: 200)) ?? nil
        let way = errors.take("agreement_way", FieldRules.choice(input.agreementWay, ContactMedium.self, label: "How the family agreed", required: false)) ?? nil
        let attendees = try await Self.attendees(input.staff ?? [], program: staff.programID, errors: &errors, on: ctx.db)
        var days = day.map { [$0] } ?? []
        let every = errors.take("repeat_every_days", FieldRules.wholeNumber(input.repeatEveryDays, label: "Repeat every", required: false, in: 1...31)) ?? nil
        let until = errors.take("repeat_until", FieldRules.date(input.repeatUntil, label: "Repeat until", required: every != nil)) ?? nil
        if let day, let every, let until {
            days = errors.take("repeat_until", VisitSeries.days(from: day, everyDays: every, until: until)) ?? []
        } else if until != nil {
            errors["repeat_every_days"] = "Say how often the visits repeat, or leave the end date empty."
        }
        if let type, let minutes, let place, errors.isEmpty {
            let courses = try await VisitTypes.courseNames(program: staff.programID, on: ctx.db)
            let rules = type.rules(courses: courses)
            let trainings = try await currentTrainings(of: attendees.map { $0.id! }, on: ctx.db)
            for day in days {
                let plan = VisitPlan(minutes: minutes, place: place, attendees: attendees.map { person in
                    VisitAttendee(name: person.name, currentCourses: trainings.courses(of: person.id!, on: day, names: courses))
                }, familyAgreed: input.familyAgreed ?? false, agreementWay: way)
                let problems = VisitRules.scheduleProblems(plan, type: rules)
                for (field, message) in problems where errors[field] == nil {
                    errors[field] = days.count > 1 ? "On \(Display.date(day.description)): \(message)" : message
                }
                if !problems.isEmpty { break }
            }
        }
        if errors.isEmpty, let start, let minutes, input.despiteClash != true {
            let clashes = try await clashes(on: days, start: start, minutes: minutes, attendees: attendees, except: moving, on: ctx.db)
            if !clashes.isEmpty {
                errors["despite_clash"] = clashes.prefix(3).joined(separator: " ") + (clashes.count > 3 ? " And \(clashes.count - 3) more." : "")
                    + " Choose another time, or tick “Schedule anyway”."
            }
        }
        try errors.throwIfAny()

        let series = days.count > 1 ? UUID() : nil
        let visits = days.map { day in
            let visit = Visit()
            visit.$family.id = familyID
            visit.$type.id = type!.id!
            visit.status = .scheduled
            visit.scheduledOn = day.description
            visit.startsAt = start!.description
            visit.plannedMinutes = minutes!
            visit.place = place!
            visit.placeNote = placeNote
            visit.familyAgreed = input.familyAgreed ?? false
            visit.agreementWay = way
            visit.seriesID = series
            visit.$createdBy.id = staff.staffID
            return visit
        }
        return Schedule(type: type!, visits: visits, attendees: attendees)
    }

    /// What a status change did beyond the visit itself.
    struct StatusChange {
        let visit: Visit
        /// The new visit a move made.
        var moved: Visit?
        /// The later visits of the series cancelled with it.
        var laterCancelled = 0
    }

    /// Cancels, marks missed, or moves a scheduled visit; a move makes a new scheduled visit linked to this one.
    /// A cancellation can take the series' later scheduled visits with it (the family stops weekly check-ins).
    @discardableResult
    static func changeStatus(_ visitID: UUID, family familyID: UUID, _ input: VisitStatusInput, basedOn: BasedOn,
                             in ctx: Context) async throws -> StatusChange {
        let family = try await ctx.editableFamily(familyID)
        let visit = try await find(visitID, in: family, on: ctx.db)
        let expected = try basedOn.or(visit)
        var errors = FieldErrors()
        let status = errors.take("status", FieldRules.choice(input.status, VisitStatus.self, label: "Status", required: true)) ?? nil
        if !visit.status.isOpen {
            errors["status"] = "This visit is already \(visit.status.label.lowercased()); schedule a new one instead."
        } else if status == .scheduled || status == .completed {
            errors["status"] = status == .completed ? "Record the visit to complete it." : "The visit is already scheduled."
        }
        let note = errors.take("note", FieldRules.text(input.note, label: "Note", required: false, max: 2000)) ?? nil
        var newDay: CalendarDate?, newStart: TimeOfDay?
        if status == .rescheduled {
            newDay = errors.take("new_date", FieldRules.date(input.newDate, label: "New date", required: true)) ?? nil
            newStart = errors.take("new_starts_at", FieldRules.timeOfDay(input.newStartsAt ?? visit.startsAt, label: "New time", required: true)) ?? nil
        }
        try errors.throwIfAny()

        var moved: Schedule?
        if let newDay, let newStart {
            // The new time is checked against the visit type's rules like any schedule (a training may lapse).
            let attendees = try await VisitStaff.query(on: ctx.db).filter(\.$visit.$id == visit.requireID()).all()
            var again = VisitInput()
            again.typeID = visit.$type.id.uuidString.lowercased()
            again.date = newDay.description
            again.startsAt = newStart.description
            again.plannedMinutes = String(visit.plannedMinutes)
            again.place = visit.place.rawValue
            again.placeNote = visit.placeNote
            again.staff = attendees.map { $0.$staff.id.uuidString.lowercased() }
            again.familyAgreed = visit.familyAgreed
            again.agreementWay = visit.agreementWay?.rawValue
            again.despiteClash = input.despiteClash
            do {
                moved = try await checked(again, family: family, moving: visit.id, in: ctx)
            } catch let problems as FieldErrors {
                // A clash keeps its own field (the form asks "Move anyway"); the rest is about the new date.
                var errors = FieldErrors()
                errors["despite_clash"] = problems["despite_clash"]?.replacingOccurrences(of: "Schedule anyway", with: "Move anyway")
                let others = problems.messages.filter { $0.key != "despite_clash" }.values.sorted()
                if !others.isEmpty { errors["new_date"] = others.joined(separator: " ") }
                throw errors
            }
            moved?.visits[0].seriesID = visit.seriesID
            moved?.visits[0].$rescheduledFrom.id = visit.id
        }
        var later: [Visit] = []
        if input.laterInSeries ?? false, let series = visit.seriesID {
            guard status == .cancelledByFamily || status == .cancelledByStaff else {
                var errors = FieldErrors()
                errors["later_in_series"] = "Only a cancellation can take the later visits of the series with it."
                throw errors
            }
            later = try await Visit.query(on: ctx.db).filter(\.$family.$id == familyID).filter(\.$seriesID == series)
                .filter(\.$status == .scheduled).filter(\.$scheduledOn > visit.scheduledOn).all()
        }
        for next in [visit] + later {
            next.status = status!
            next.statusNote = note
        }
        try await ctx.transaction { [moved, later] ctx in
            try await visit.save(expecting: expected, in: ctx)
            for changed in later { try await changed.save(expecting: changed.version, in: ctx) }
            if let moved { try await insert(moved, on: ctx.db) }
            try await ctx.audit(.changeState, .visit, family: familyID, recordID: visit.id,
                                detail: status!.rawValue + (later.isEmpty ? "" : " with \(later.count) later visits of the series"))
        }
        return StatusChange(visit: visit, moved: moved?.visits.first, laterCancelled: later.count)
    }

    /// Records a visit that took place: what the family shared about each child, concerns, requests and next
    /// steps. A request can start a referral (marked as asked for by the family) in the same transaction.
    static func record(_ visitID: UUID, family familyID: UUID, _ input: VisitRecordInput, basedOn: BasedOn,
                       in ctx: Context) async throws -> (Visit, Referral?) {
        let family = try await ctx.editableFamily(familyID)
        let visit = try await find(visitID, in: family, on: ctx.db)
        let expected = try basedOn.or(visit)
        let today = ctx.today
        var errors = FieldErrors()
        if !visit.status.isOpen && visit.status != .completed {
            errors["actual_minutes"] = "This visit was \(visit.status.label.lowercased()); it has no record."
        } else if let day = visit.day, day > today {
            errors["actual_minutes"] = "This visit is on \(Display.date(visit.scheduledOn)); record it once it has taken place."
        }
        let minutes = errors.take("actual_minutes", FieldRules.wholeNumber(input.actualMinutes, label: "How long it lasted", required: true, in: 1...720)) ?? nil
        let participants = errors.take("family_participants", FieldRules.text(input.familyParticipants, label: "Who took part", required: false, max: 500)) ?? nil
        let concerns = errors.take("concerns", FieldRules.text(input.concerns, label: "Concerns", required: false, max: 4000)) ?? nil
        let requests = errors.take("family_requests", FieldRules.text(input.familyRequests, label: "What the family asked for", required: false, max: 4000)) ?? nil
        let nextSteps = errors.take("next_steps", FieldRules.text(input.nextSteps, label: "Next steps", required: false, max: 4000)) ?? nil
        let scheduled = try await VisitStaff.query(on: ctx.db).filter(\.$visit.$id == visit.requireID()).all()
        var present = Set(scheduled.map(\.$staff.id))
        if let sent = input.staffPresent {
            // The form sends an empty entry first, so that ticking nobody is told apart from not asking.
            let chosen = sent.filter { !$0.isEmpty }
            let ids = chosen.compactMap { UUID(uuidString: $0) }
            if ids.count != chosen.count || !Set(ids).isSubset(of: present) {
                errors["staff_present[]"] = "Only staff scheduled for this visit can be marked as taking part."
            } else if ids.isEmpty {
                errors["staff_present[]"] = "Tick at least one staff member who took part."
            }
            present = Set(ids)
        }
        let children = try await FamilyMember.query(on: ctx.db).filter(\.$family.$id == familyID).filter(\.$kind == .child).all()
        let childIDs = Set(children.compactMap(\.id))
        let covered = (input.children ?? []).compactMap { UUID(uuidString: $0) }
        if covered.count != (input.children ?? []).count || !Set(covered).isSubset(of: childIDs) {
            errors["children[]"] = "One of the children is not in this family."
        }
        var notes: [UUID: (hopes: String?, interests: String?)] = [:]
        for child in children where covered.contains(child.id!) {
            let key = child.id!.uuidString.lowercased()
            let hopes = errors.take("hopes_and_dreams[\(key)]", FieldRules.text(input.hopesAndDreams?[key],
                                                                              label: "Hopes and dreams for \(child.name)", required: false, max: 4000)) ?? nil
            let interests = errors.take("interests_and_strengths[\(key)]", FieldRules.text(input.interestsAndStrengths?[key],
                                                                                         label: "Interests and strengths of \(child.name)", required: false, max: 4000)) ?? nil
            notes[child.id!] = (hopes, interests)
        }
        var referral: Referral?
        if input.startReferral ?? false {
            if requests == nil { errors["family_requests"] = "Write what the family asked for, to start a referral for it." }
            var ask = ReferralInput()
            ask.category = input.referralCategory
            ask.familyAsked = true
            ask.status = ReferralStatus.requested.rawValue
            ask.requestedOn = min(visit.day ?? today, today).description
            ask.notes = requests
            do {
                referral = try await ReferralCommands.checked(ask, family: family, in: ctx)
            } catch let problems as FieldErrors {
                errors["referral_category"] = problems["category"] ?? problems.messages.values.sorted().joined(separator: " ")
            }
        }
        try errors.throwIfAny()
        let kept = try await VisitChild.query(on: ctx.db).filter(\.$visit.$id == visit.requireID()).all()
        let dropped = kept.filter { notes[$0.$child.id] == nil }
        if !dropped.isEmpty {
            // Taking a child off a recorded visit deletes what was written about them.
            try await RecordRequest.refuseDeletionWhileInspectionPending(family: familyID, field: "children[]", on: ctx.db)
        }

        visit.status = .completed
        visit.actualMinutes = minutes
        visit.familyParticipants = participants
        visit.concerns = concerns
        visit.familyRequests = requests
        visit.nextSteps = nextSteps
        for attendee in scheduled { attendee.attended = present.contains(attendee.$staff.id) }
        try await ctx.transaction { [notes, referral] ctx in
            let db = ctx.db
            try await visit.save(expecting: expected, in: ctx)
            for attendee in scheduled { try await attendee.save(on: db) }
            for entry in dropped { try await entry.delete(on: db) }
            for (childID, note) in notes {
                let entry = kept.first { $0.$child.id == childID } ?? VisitChild()
                entry.$visit.id = visit.id!
                entry.$child.id = childID
                entry.hopesAndDreams = note.hopes
                entry.interestsAndStrengths = note.interests
                try await entry.save(on: db)
            }
            if let referral { try await ReferralCommands.insert(referral, in: ctx) }
            if let day = visit.day { try await Family.contacted(familyID, on: day, db) }
            try await ctx.audit(.update, .visit, family: familyID, recordID: visit.id, detail: "visit record")
        }
        return (visit, referral)
    }

    /// Logs a contact with the family.
    static func logContact(_ input: ContactInput, family familyID: UUID, in ctx: Context) async throws -> Contact {
        let family = try await ctx.editableFamily(familyID)
        let staff = ctx.staff
        var errors = FieldErrors()
        let day = errors.take("date", FieldRules.date(input.date, label: "Date", required: true)) ?? nil
        if let day, day > ctx.today { errors["date"] = "The date cannot be in the future." }
        let start = errors.take("starts_at", FieldRules.timeOfDay(input.startsAt, label: "Time", required: false)) ?? nil
        let medium = errors.take("medium", FieldRules.choice(input.medium, ContactMedium.self, label: "How", required: true)) ?? nil
        let starter = errors.take("started_by", FieldRules.choice(input.startedBy, ContactStarter.self, label: "Who reached out", required: true)) ?? nil
        let language = errors.take("language", FieldRules.text(input.language ?? family.preferredLanguage, label: "Language", required: true, max: 60)) ?? nil
        let minutes = errors.take("minutes", FieldRules.wholeNumber(input.minutes, label: "Length in minutes", required: true, in: 1...600)) ?? nil
        let summary = errors.take("summary", FieldRules.text(input.summary, label: "Summary", required: true, max: 4000)) ?? nil
        try errors.throwIfAny()

        let contact = Contact()
        contact.$family.id = familyID
        contact.$staff.id = staff.staffID
        contact.contactedOn = day!.description
        contact.startsAt = start?.description
        contact.medium = medium!
        contact.startedBy = starter!
        contact.language = language!
        contact.interpreter = input.interpreter ?? false
        contact.minutes = minutes!
        contact.summary = summary!
        try await ctx.transaction { ctx in
            try await contact.create(on: ctx.db)
            try await Family.contacted(familyID, on: day!, ctx.db)
            try await ctx.audit(.create, .contact, family: familyID, recordID: contact.id, detail: medium!.rawValue)
        }
        return contact
    }

    static func find(_ id: UUID, in family: Family, on db: any Database) async throws -> Visit {
        try await Visit.query(on: db).filter(\.$id == id).filter(\.$family.$id == family.requireID()).first().orThrow()
    }

    /// Each attendee's other scheduled visits that overlap the new ones, said as "Keisha Brown has another visit on
    /// Dec 7, 2026, 10:00 am–10:45 am." The other family is not named: it may be one the scheduler may not see.
    static func clashes(on days: [CalendarDate], start: TimeOfDay, minutes: Int, attendees: [Staff], except moving: UUID? = nil,
                        on db: any Database) async throws -> [String] {
        guard !days.isEmpty, !attendees.isEmpty else { return [] }
        var query = try VisitStaff.query(on: db).join(Visit.self, on: \VisitStaff.$visit.$id == \Visit.$id)
            .filter(\.$staff.$id ~~ attendees.map { try $0.requireID() })
            .filter(Visit.self, \.$status == .scheduled).filter(Visit.self, \.$scheduledOn ~~ days.map(\.description))
        if let moving { query = query.filter(Visit.self, \.$id != moving) }
        let rows = try await query.sort(Visit.self, \.$scheduledOn).sort(Visit.self, \.$startsAt).limit(200).all()
        let names = Dictionary(uniqueKeysWithValues: attendees.map { ($0.id!, $0.name) })
        let end = start.minutes + minutes
        return try rows.compactMap { row in
            let other = try row.joined(Visit.self)
            guard let otherStart = other.start, otherStart.minutes < end, start.minutes < otherStart.minutes + other.plannedMinutes else { return nil }
            let otherEnd = TimeOfDay(minutes: otherStart.minutes + other.plannedMinutes)
            return "\(names[row.$staff.id] ?? "Someone") has another visit on \(Display.date(other.scheduledOn)), "
                + "\(otherStart.label)\(otherEnd.map { "–\($0.label)" } ?? "")."
        }
    }

    /// The program's active staff named in `ids`; unknown, inactive or partner accounts are refused by name.
    private static func attendees(_ ids: [String], program: UUID, errors: inout FieldErrors, on db: any Database) async throws -> [Staff] {
        let wanted = ids.compactMap { UUID(uuidString: $0) }
        let found = wanted.isEmpty ? [] : try await Staff.query(on: db).filter(\.$id ~~ wanted).filter(\.$program.$id == program)
            .filter(\.$status == .active).all().filter { !$0.roles.contains(.partner) }
        if found.count != Set(ids).count { errors["staff"] = "One of the staff chosen is not active in this program." }
        return found.sorted { $0.name < $1.name }
    }

    /// Each staff member's trainings, to ask which are current on a day.
    struct Trainings {
        let records: [UUID: [StaffTraining]]

        func courses(of staff: UUID, on day: CalendarDate, names: [UUID: String]) -> Set<String> {
            Set((records[staff] ?? []).filter { $0.terms?.isCurrent(on: day) ?? false }.compactMap { names[$0.$course.id] })
        }
    }

    static func currentTrainings(of staff: [UUID], on db: any Database) async throws -> Trainings {
        guard !staff.isEmpty else { return Trainings(records: [:]) }
        let all = try await StaffTraining.query(on: db).filter(\.$staff.$id ~~ staff).all()
        return Trainings(records: Dictionary(grouping: all, by: { $0.$staff.id }))
    }
}
