import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The program-wide visit commands: the fair draw, staff trainings and the kinds of visit.
extension VisitCommands {
    // MARK: The fair draw and trainings

    /// Draws families for home visits from a roster, and logs the draw with its seed.
    static func draw(_ input: DrawInput, seed: UInt64? = nil, in ctx: Context) async throws -> VisitDraw {
        try ctx.require(\.mayManageVisits, "Only managers and directors run the draw.")
        let me = ctx.staff
        var errors = FieldErrors()
        let program = try await Program.find(me.programID, on: ctx.db).orThrow()
        let roster = try await DrawRoster.candidates(input.roster ?? "", program: me.programID,
                                                     yearStart: program.yearStart(containing: ctx.today), on: ctx.db)
        if roster == nil { errors["roster"] = "Choose a classroom or site to draw from." }
        let places = errors.take("places", FieldRules.wholeNumber(input.places, label: "Number of visits there is time for", required: true, in: 1...500)) ?? nil
        try errors.throwIfAny()

        var system = SystemRandomNumberGenerator()
        let seed = seed ?? system.next()
        let draw = VisitDraw(program: me.programID, roster: roster!.label, candidates: roster!.candidates, places: places!,
                             seed: seed, drawnBy: me.name)
        try await ctx.transaction { ctx in
            try await draw.create(on: ctx.db)
            try await ctx.audit(.create, .draw, family: nil, recordID: draw.id,
                                detail: "\(draw.roster): \(draw.chosen.count) of \(draw.chosen.count + draw.waiting.count) eligible")
        }
        return draw
    }

    /// Checks and saves a completed training, adding the course when it is new; shared with the API.
    static func recordTraining(_ input: TrainingInput, in ctx: Context) async throws -> (StaffTraining, TrainingCourse) {
        try ctx.require(\.mayManageVisits, "Only managers and directors record trainings.")
        let me = ctx.staff
        var errors = FieldErrors()
        let staffID = FieldRules.trimmed(input.staffID).flatMap(UUID.init(uuidString:))
        let person = try await staffID.asyncMap { try await Staff.query(on: ctx.db).filter(\.$id == $0).filter(\.$program.$id == me.programID).first() } ?? nil
        if person == nil { errors["staff_id"] = "Choose a staff member of this program." }
        let newCourse = errors.take("new_course", FieldRules.text(input.newCourse, label: "New course", required: false, max: 120)) ?? nil
        let existing = try await FieldRules.trimmed(input.courseID).flatMap(UUID.init(uuidString:)).asyncMap {
            try await TrainingCourse.query(on: ctx.db).filter(\.$id == $0).filter(\.$program.$id == me.programID).first()
        } ?? nil
        if existing == nil, newCourse == nil { errors["course_id"] = "Choose the course, or name a new one." }
        if existing != nil, newCourse != nil { errors["new_course"] = "Choose a course or name a new one, not both." }
        if let newCourse, try await TrainingCourse.query(on: ctx.db).filter(\.$program.$id == me.programID).filter(\.$name == newCourse).count() > 0 {
            errors["new_course"] = "That course is already on the list: choose it."
        }
        let completed = errors.take("completed_on", FieldRules.date(input.completedOn, label: "Completed on", required: true)) ?? nil
        if let completed, completed > ctx.today { errors["completed_on"] = "The completion date cannot be in the future." }
        let expires = errors.take("expires_on", FieldRules.date(input.expiresOn, label: "Expires on", required: false)) ?? nil
        if let completed, let expires, expires < completed { errors["expires_on"] = "A training cannot expire before it was completed." }
        try errors.throwIfAny()

        let course = existing ?? TrainingCourse()
        let record = try await ctx.transaction { ctx in
            if let newCourse {
                course.$program.id = me.programID
                course.name = newCourse
                try await course.create(on: ctx.db)
            }
            let record = StaffTraining(staff: person!.id!, course: course.id!, completedOn: completed!, expiresOn: expires, recordedBy: me.name)
            try await record.create(on: ctx.db)
            try await ctx.audit(.create, .training, family: nil, recordID: record.id, detail: "\(course.name), staff \(person!.id!)")
            return record
        }
        return (record, course)
    }

    // MARK: Kinds of visit

    static func visitType(_ id: UUID, in ctx: Context) async throws -> VisitType {
        try await VisitType.query(on: ctx.db).filter(\.$id == id).filter(\.$program.$id == ctx.programID).first().orThrow()
    }

    /// Adds a kind of visit (`id` nil) or changes one, if it is still at the version the change is based on.
    static func saveVisitType(_ id: UUID?, _ input: VisitTypeInput, basedOn: BasedOn, in ctx: Context) async throws -> VisitType {
        try ctx.require(\.mayChangeProgramSettings, "Program settings are changed by the director.")
        let programID = ctx.programID
        let type = try await id.asyncMap { try await visitType($0, in: ctx) } ?? VisitType()
        let expected = id == nil ? nil : try basedOn.required()
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(input.name, label: "Name", required: true, max: 80)) ?? nil
        if let name, try await VisitType.query(on: ctx.db).filter(\.$program.$id == programID).filter(\.$name == name)
            .filter(\.$id != type.id ?? UUID()).count() > 0 {
            errors["name"] = "There is already a kind of visit called that."
        }
        let minutes = errors.take("minimum_minutes", FieldRules.wholeNumber(input.minimumMinutes, label: "Minimum length", required: true, in: 5...480)) ?? nil
        let staff = errors.take("staff_required", FieldRules.wholeNumber(input.staffRequired, label: "Staff required", required: true, in: 1...4)) ?? nil
        let courses = try await VisitTypes.courseNames(program: programID, on: ctx.db)
        let course = FieldRules.trimmed(input.requiredCourseID).flatMap(UUID.init(uuidString:))
        if FieldRules.trimmed(input.requiredCourseID) != nil, course.flatMap({ courses[$0] }) == nil {
            errors["required_course_id"] = "Choose one of the program's training courses."
        }
        let places = (input.places ?? []).compactMap(VisitPlace.init(rawValue:))
        if places.isEmpty || places.count != (input.places ?? []).count { errors["places[]"] = "Choose where visits of this kind may be held." }
        let countsAs = errors.take("counts_as", FieldRules.choice(input.countsAs, VisitCountsAs.self, label: "Counts as", required: true)) ?? nil
        try errors.throwIfAny()
        type.$program.id = programID
        type.name = name!
        type.minimumMinutes = minutes!
        type.staffRequired = staff!
        type.$requiredCourse.id = course
        type.familyAgreementRequired = FieldRules.flag(input.familyAgreementRequired)
        type.placesList = places.map(\.rawValue).joined(separator: ",")
        type.countsAs = countsAs!
        try await ctx.transaction { ctx in
            if let expected { try await type.save(expecting: expected, in: ctx) } else { try await type.create(on: ctx.db) }
        }
        return type
    }
}
