import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to assessments, needs and the program's instruments: the one writer of those records.
enum AssessmentCommands {
    static func find(_ id: UUID, in family: Family, on db: any Database) async throws -> Assessment {
        guard let assessment = try await Assessment.query(on: db).filter(\.$id == id)
            .filter(\.$family.$id == family.requireID()).with(\.$instrumentVersion).first() else { throw Abort(.notFound) }
        return assessment
    }

    static func create(_ input: AssessmentInput, family familyID: UUID, in ctx: Context) async throws -> Assessment {
        _ = try await ctx.editableFamily(familyID)
        let program = try await Program.find(ctx.programID, on: ctx.db).orThrow()
        let valid = try await input.validated(program: program, today: ctx.today, on: ctx.db)
        let assessment = Assessment()
        assessment.$family.id = familyID
        assessment.$instrumentVersion.id = try valid.version.requireID()
        assessment.period = valid.period
        assessment.takenOn = valid.takenOn.description
        assessment.mode = valid.mode
        assessment.participants = valid.participants
        assessment.answersJSON = String(decoding: try JSONEncoder().encode(valid.answers), as: UTF8.self)
        assessment.outcomesChosenList = Outcome.stored(valid.outcomesChosen)
        assessment.familyStrengths = valid.familyStrengths
        assessment.staffObservations = valid.staffObservations
        assessment.strengthTagsList = valid.strengthTags.joined(separator: ",")
        assessment.$recordedBy.id = ctx.staff.staffID
        try await ctx.transaction { ctx in
            try await assessment.create(on: ctx.db)
            for need in valid.needs {
                try await makeNeed(need, family: familyID, assessment: assessment.id, itemKey: nil, on: valid.takenOn).create(on: ctx.db)
            }
            try await ctx.audit(.create, .assessment, family: familyID, recordID: assessment.id,
                                detail: "period=\(valid.period) needs=\(valid.needs.count)")
        }
        return assessment
    }

    /// Records a need, from an answer that proposed it or from the API.
    static func addNeed(_ input: NeedInput, family familyID: UUID, assessment assessmentID: UUID?, itemKey: String?,
                        in ctx: Context) async throws -> FamilyNeed {
        let family = try await ctx.editableFamily(familyID)
        let assessment = try await assessmentID.asyncMap { try await find($0, in: family, on: ctx.db) }
        var errors = FieldErrors()
        let catalog = try await ServiceCatalog.load(program: ctx.programID, on: ctx.db)
        guard let valid = input.validated(errors: &errors, field: "need", catalog: catalog) else {
            throw FieldErrors.one("category", errors["need"] ?? "Check the need.")
        }
        let need = makeNeed(valid, family: familyID, assessment: assessment?.id, itemKey: itemKey,
                            on: assessment.flatMap { CalendarDate($0.takenOn) } ?? ctx.today)
        try await ctx.transaction { ctx in
            try await need.create(on: ctx.db)
            try await ctx.audit(.create, .need, family: familyID, recordID: need.id, detail: valid.category)
        }
        return need
    }

    /// Marks a need met (today unless a date is given). An already met need keeps its date.
    static func markNeedMet(_ needID: UUID, family familyID: UUID, on raw: String?, basedOn: BasedOn,
                            in ctx: Context) async throws -> FamilyNeed {
        _ = try await ctx.editableFamily(familyID)
        guard let need = try await FamilyNeed.query(on: ctx.db).filter(\.$id == needID).filter(\.$family.$id == familyID).first()
        else { throw Abort(.notFound) }
        var errors = FieldErrors()
        let day = errors.take("met_on", FieldRules.date(raw, label: "Met on", required: false)) ?? nil
        if need.metOn != nil { errors["met_on"] = "This need is already marked met." }
        if let day, let identified = CalendarDate(need.identifiedOn), day < identified {
            errors["met_on"] = "A need cannot be met before it was identified."
        }
        if let day, day > ctx.today { errors["met_on"] = "The date cannot be in the future." }
        try errors.throwIfAny()
        let expected = try basedOn.or(need)
        need.metOn = (day ?? ctx.today).description
        try await ctx.transaction { ctx in
            try await need.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .need, family: familyID, recordID: need.id, detail: "met \(need.metOn ?? "")")
        }
        return need
    }

    private static func makeNeed(_ need: NeedInput.Valid, family: UUID, assessment: UUID?, itemKey: String?,
                                 on date: CalendarDate) -> FamilyNeed {
        let record = FamilyNeed()
        record.$family.id = family
        record.$assessment.id = assessment
        record.category = need.category
        record.urgency = need.urgency
        record.intensity = need.intensity
        record.description = need.description
        record.itemKey = itemKey
        record.identifiedOn = date.description
        return record
    }

    // MARK: Instruments

    /// An instrument imported or written whole: saved as the next version of its key (version 1 when new).
    static func importInstrument(_ instrument: Instrument, in ctx: Context) async throws -> InstrumentVersion {
        try ctx.require(\.mayManageInstruments, "Instruments are added and changed by managers and directors.")
        for attempt in 1...3 {
            do {
                return try await ctx.transaction { ctx in
                    let latest = try await InstrumentVersion.query(on: ctx.db).filter(\.$program.$id == ctx.programID)
                        .filter(\.$key == instrument.key).sort(\.$version, .descending).first()
                    let version = try InstrumentVersion(programID: ctx.programID, instrument: instrument,
                                                        version: (latest?.version ?? 0) + 1, createdBy: ctx.staff.name)
                    try await version.create(on: ctx.db)
                    try await ctx.audit(.create, .instrument, family: nil, recordID: version.id, detail: "\(version.key) v\(version.version)")
                    return version
                }
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 3 {
                continue // someone else saved a version of the same key at that moment: take the next number
            }
        }
        throw Abort(.conflict, reason: "The instrument is being saved by someone else; try again.")
    }

    /// A change to the newest version `basedOn`: saved as exactly the next version, so that when two managers
    /// change the same version, the second is refused instead of quietly undoing the first.
    static func changeInstrument(_ instrument: Instrument, basedOn version: InstrumentVersion, in ctx: Context) async throws -> InstrumentVersion {
        try ctx.require(\.mayManageInstruments, "Instruments are added and changed by managers and directors.")
        let problems = instrument.problems
        guard problems.isEmpty else { throw FieldErrors.one("definition", problems.prefix(3).joined(separator: " ")) }
        let next = try InstrumentVersion(programID: ctx.programID, instrument: instrument,
                                         version: instrument.key == version.key ? version.version + 1 : 1, createdBy: ctx.staff.name)
        do {
            try await ctx.transaction { ctx in
                try await next.create(on: ctx.db)
                try await ctx.audit(.create, .instrument, family: nil, recordID: next.id, detail: "\(next.key) v\(next.version)")
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Abort(.conflict, reason: instrument.key == version.key
                ? "Someone else saved version \(version.version + 1) of this instrument meanwhile. Open it and make your change again."
                : "Your program already has an instrument with the key \"\(instrument.key)\".")
        }
        return next
    }
}

extension Optional {
    /// The value, or 404: for records that must exist once access has been checked.
    func orThrow() throws -> Wrapped {
        guard let self else { throw Abort(.notFound) }
        return self
    }
}
