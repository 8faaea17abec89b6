import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Saving assessments and needs, shared by the pages and the API; each in one transaction with its audit entry.
enum AssessmentChanges {
    static func create(_ input: AssessmentInput, family: Family, req: Request) async throws -> Assessment {
        let staff = try req.staff()
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let valid = try await input.validated(program: program, today: .today(), on: req.db)
        let familyID = try family.requireID()
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
        assessment.$recordedBy.id = staff.staffID
        try await req.db.transaction { db in
            try await assessment.create(on: db)
            for need in valid.needs {
                try await makeNeed(need, family: familyID, assessment: assessment.id, itemKey: nil,
                                   on: valid.takenOn, db: db).create(on: db)
            }
            try await req.audit(.create, .assessment, family: familyID, recordID: assessment.id,
                                detail: "period=\(valid.period) needs=\(valid.needs.count)", on: db)
        }
        return assessment
    }

    /// Records a need, from an answer that proposed it or from the API.
    static func addNeed(_ input: NeedInput, family: Family, assessment: Assessment?, itemKey: String?,
                        req: Request) async throws -> FamilyNeed {
        var errors = FieldErrors()
        let catalog = try await ServiceCatalog.load(program: req.staff().programID, on: req.db)
        guard let valid = input.validated(errors: &errors, field: "need", catalog: catalog) else {
            var fields = FieldErrors()
            fields["category"] = errors["need"]
            throw fields
        }
        let need = makeNeed(valid, family: try family.requireID(), assessment: assessment?.id, itemKey: itemKey,
                            on: assessment.flatMap { CalendarDate($0.takenOn) } ?? .today(), db: req.db)
        try await req.db.transaction { db in
            try await need.create(on: db)
            try await req.audit(.create, .need, family: family.id, recordID: need.id, detail: valid.category, on: db)
        }
        return need
    }

    /// Marks a need met (today unless a date is given). An already met need keeps its date.
    static func markMet(_ needID: UUID, family: Family, on raw: String?, req: Request) async throws -> FamilyNeed {
        guard let need = try await FamilyNeed.query(on: req.db).filter(\.$id == needID).filter(\.$family.$id == family.requireID()).first()
        else { throw Abort(.notFound) }
        var errors = FieldErrors()
        let day = errors.take("met_on", FieldRules.date(raw, label: "Met on", required: false)) ?? nil
        if need.metOn != nil { errors["met_on"] = "This need is already marked met." }
        if let day, let identified = CalendarDate(need.identifiedOn), day < identified {
            errors["met_on"] = "A need cannot be met before it was identified."
        }
        try errors.throwIfAny()
        need.metOn = (day ?? .today()).description
        try await req.db.transaction { db in
            try await need.save(on: db)
            try await req.audit(.update, .need, family: family.id, recordID: need.id, detail: "met \(need.metOn ?? "")", on: db)
        }
        return need
    }

    private static func makeNeed(_ need: NeedInput.Valid, family: UUID, assessment: UUID?, itemKey: String?,
                                 on date: CalendarDate, db: any Database) -> FamilyNeed {
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
}

extension Optional {
    /// The value, or 404: for records that must exist once access has been checked.
    func orThrow() throws -> Wrapped {
        guard let self else { throw Abort(.notFound) }
        return self
    }
}
