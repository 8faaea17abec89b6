import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to a family's household, members and team: the one writer of those records. Each command
/// checks the role, loads through the access scope, validates, and writes the change with its audit entry in
/// one transaction.
enum FamilyCommands {
    /// The family or child looks like one already on record; the caller shows the matches and asks to confirm.
    struct LooksLikeExisting: Error {
        let matches: [PossibleDuplicate]
    }

    // MARK: The household

    static func create(_ input: FamilyInput, in ctx: Context) async throws -> Family {
        try ctx.require(\.mayCreateFamilies, "Your role cannot add families.")
        let family = Family(programID: ctx.programID, householdName: "", preferredLanguage: "")
        family.enrollmentStatus = .applied
        try await input.apply(to: family, program: ctx.programID, today: ctx.today, on: ctx.db)
        if family.appliedOn == nil { family.appliedOn = ctx.today.description }
        // Whoever recruits the family is its first point of contact unless someone else was chosen, if they carry a caseload.
        let limit = try await Program.find(ctx.programID, on: ctx.db).orThrow().caseloadLimit
        if family.$pointOfContact.id == nil, ctx.staff.access.familyReach == .teamsAndSupervisees, limit.applies(to: ctx.staff.roles) {
            family.$pointOfContact.id = ctx.staff.staffID
        }
        if input.confirmNew != true {
            let matches = try await PossibleDuplicate.families(like: family, staff: ctx.staff, on: ctx.db)
            if !matches.isEmpty { throw LooksLikeExisting(matches: matches) }
        }
        try await ctx.transaction { ctx in
            if let worker = family.$pointOfContact.id {
                try await CaseloadCommands.ensureRoom(for: worker, adding: 1, field: "point_of_contact_id", in: ctx)
            }
            try await family.create(on: ctx.db)
            try await ctx.audit(.create, .family, family: family.id, recordID: family.id)
            try await putOnTeam(family.$pointOfContact.id, family: family.requireID(), in: ctx)
            // A recruiter who sees families by team (a home visitor, say) joins it, so they can see the family they added.
            if ctx.staff.access.familyReach == .teamsAndSupervisees {
                try await join(ctx.staff.staffID, family: family.requireID(), because: "added the family", in: ctx)
            }
        }
        return family
    }

    /// Replaces the household's details with `input`, if the family is still at the version the change is based on.
    static func update(_ id: UUID, _ input: FamilyInput, basedOn: BasedOn, in ctx: Context) async throws -> Family {
        let family = try await ctx.editableFamily(id)
        let expected = try basedOn.required()
        let before = FamilyInput(family)
        let worker = family.$pointOfContact.id
        try await input.apply(to: family, program: ctx.programID, today: ctx.today, on: ctx.db)
        let changed = before.changedFields(to: FamilyInput(family))
        try await ctx.transaction { ctx in
            if let newWorker = family.$pointOfContact.id, newWorker != worker, family.enrollmentStatus != .exited {
                try await CaseloadCommands.ensureRoom(for: newWorker, adding: 1, field: "point_of_contact_id", in: ctx)
            }
            try await family.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .family, family: family.id, recordID: family.id,
                                detail: "changed: " + changed.joined(separator: ", "))
            try await putOnTeam(family.$pointOfContact.id, family: id, in: ctx)
        }
        return family
    }

    static func changeEnrollment(_ id: UUID, _ input: EnrollmentInput, basedOn: BasedOn, in ctx: Context) async throws -> Family {
        let family = try await ctx.editableFamily(id)
        try ctx.require(\.mayChangeEnrollment, "Your role cannot enroll or exit families.")
        let change = try input.validated()
        if let problem = change.problem(from: family.enrollmentStatus, appliedOn: family.appliedOn.flatMap(CalendarDate.init),
                                        enrolledOn: family.enrolledOn.flatMap(CalendarDate.init), today: ctx.today) {
            var errors = FieldErrors()
            errors[problem.field] = problem.message
            throw errors
        }
        let expected = try basedOn.or(family)
        switch change {
        case .enroll(let date):
            family.enrolledOn = date.description
            family.exitedOn = nil
            family.exitReason = nil
        case .exit(let date, let reason):
            family.exitedOn = date.description
            family.exitReason = reason
        }
        family.enrollmentStatus = change.resultingStatus
        try await ctx.transaction { ctx in
            try await family.save(expecting: expected, in: ctx)
            try await ctx.audit(change.resultingStatus == .enrolled ? .enroll : .exit, .family, family: family.id, recordID: family.id,
                                detail: family.exitReason.map { "reason: \($0.rawValue)" } ?? "")
        }
        return family
    }

    /// Records that the family said no to home visits (they are voluntary: the fair draw leaves it out), how they
    /// said it and in their words, and cancels the visits still scheduled when the user chose to; or that the family
    /// is open to them again.
    static func setDeclinedHomeVisits(_ id: UUID, _ input: HomeVisitsDeclinedInput, basedOn: BasedOn, in ctx: Context) async throws -> Family {
        let family = try await ctx.editableFamily(id)
        guard let declined = input.declined else {
            throw FieldErrors.one("declined", "Say true when the family declined home visits, false when it is open to them.")
        }
        let expected = try basedOn.or(family)
        var errors = FieldErrors()
        let how = declined ? errors.take("how", FieldRules.choice(input.how, ContactMedium.self, label: "How the family said it", required: true)) ?? nil : nil
        let words = declined ? errors.take("words", FieldRules.text(input.words, label: "In the family's words", required: false, max: 500)) ?? nil : nil
        try errors.throwIfAny()
        let cancelled = declined && input.cancelScheduled == true ? try await scheduledVisits(of: family, from: ctx.today, on: ctx.db) : []
        for visit in cancelled {
            visit.status = .cancelledByFamily
            visit.statusNote = "The family declined home visits."
        }
        if declined, family.declinedHomeVisitsOn == nil { family.declinedHomeVisitsOn = ctx.today.description }
        if !declined { family.declinedHomeVisitsOn = nil }
        family.declinedHomeVisitsHow = how
        family.declinedHomeVisitsWords = words
        try await ctx.transaction { ctx in
            try await family.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .family, family: family.id, recordID: family.id,
                                detail: declined ? "declined home visits (\(how!.rawValue))" : "open to home visits again")
            for visit in cancelled { try await visit.save(expecting: visit.version, in: ctx) }
            if !cancelled.isEmpty {
                try await ctx.audit(.changeState, .visit, family: family.id,
                                    detail: "\(VisitStatus.cancelledByFamily.rawValue): \(cancelled.count) scheduled visits, the family declined home visits")
            }
        }
        return family
    }

    /// The family's visits still scheduled from `day` on, soonest first.
    static func scheduledVisits(of family: Family, from day: CalendarDate, on db: any Database) async throws -> [Visit] {
        try await Visit.query(on: db).filter(\.$family.$id == family.requireID()).filter(\.$status == .scheduled)
            .filter(\.$scheduledOn >= day.description).sort(\.$scheduledOn).sort(\.$startsAt).limit(500).all()
    }

    // MARK: Members

    static func member(_ id: UUID, of family: Family, on db: any Database) async throws -> FamilyMember {
        guard let member = try await FamilyMember.query(on: db).filter(\.$id == id)
            .filter(\.$family.$id == family.requireID()).first() else { throw Abort(.notFound) }
        return member
    }

    static func addMember(to familyID: UUID, _ input: MemberInput, in ctx: Context) async throws -> FamilyMember {
        let family = try await ctx.editableFamily(familyID)
        let member = FamilyMember(familyID: try family.requireID(), kind: try input.validatedKind(), name: "")
        try await input.apply(to: member, program: ctx.programID, today: ctx.today, on: ctx.db)
        if member.kind == .child, input.confirmNew != true, let born = member.dateOfBirth {
            let matches = try await PossibleDuplicate.children(named: member.name, born: born, excluding: nil, staff: ctx.staff, on: ctx.db)
            if !matches.isEmpty { throw LooksLikeExisting(matches: matches) }
        }
        try await ctx.transaction { ctx in
            try await member.create(on: ctx.db)
            try await ctx.audit(.create, .member, family: familyID, recordID: member.id, detail: member.kind.rawValue)
        }
        return member
    }

    static func updateMember(_ id: UUID, of familyID: UUID, _ input: MemberInput, basedOn: BasedOn,
                             in ctx: Context) async throws -> FamilyMember {
        let family = try await ctx.editableFamily(familyID)
        let member = try await self.member(id, of: family, on: ctx.db)
        let expected = try basedOn.required()
        try await input.apply(to: member, program: ctx.programID, today: ctx.today, on: ctx.db)
        try await ctx.transaction { ctx in
            try await member.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .member, family: familyID, recordID: member.id)
        }
        return member
    }

    // MARK: The team

    /// Puts a staff member on the family's team with `input.role`, or changes their role (managers).
    static func addToTeam(_ familyID: UUID, _ input: TeamInput, in ctx: Context) async throws {
        _ = try await ctx.family(familyID, allowedTo: \.mayManageTeams, "Managers assign families' teams.")
        var errors = FieldErrors()
        let role = errors.take("role", FieldRules.choice(input.role, TeamRole.self, label: "Role on the team", required: true)) ?? nil
        if FieldRules.trimmed(input.staffID) == nil { errors["staff_id"] = "Choose a staff member." }
        let memberID = try await FamilyInput.staff(input.staffID, field: "staff_id", program: ctx.programID, errors: &errors, on: ctx.db)
        if let memberID, let role, let member = try await Staff.find(memberID, on: ctx.db), !role.fits(member.roles) {
            errors["staff_id"] = "\(member.name)'s roles (\(member.roles.map(\.label).sorted().joined(separator: ", "))) do not fit the part of \(role.label.lowercased()) on a family's team."
        }
        try errors.throwIfAny()
        try await ctx.transaction { ctx in
            if let existing = try await TeamMember.query(on: ctx.db).filter(\.$family.$id == familyID)
                .filter(\.$staff.$id == memberID!).first() {
                existing.role = role!
                try await existing.save(on: ctx.db)
            } else {
                try await TeamMember(familyID: familyID, staffID: memberID!, role: role!).create(on: ctx.db)
            }
            try await ctx.audit(.addTeamMember, .team, family: familyID, recordID: memberID, detail: role!.rawValue)
        }
    }

    static func removeFromTeam(_ familyID: UUID, staff memberID: UUID, in ctx: Context) async throws {
        let family = try await ctx.family(familyID, allowedTo: \.mayManageTeams, "Managers assign families' teams.")
        if family.$pointOfContact.id == memberID {
            var errors = FieldErrors()
            errors["staff_id"] = "This is the family's point of contact. Choose another point of contact first."
            throw errors
        }
        try await RecordRequest.refuseDeletionWhileInspectionPending(family: familyID, field: "staff_id", on: ctx.db)
        try await ctx.transaction { ctx in
            guard let member = try await TeamMember.query(on: ctx.db).filter(\.$family.$id == familyID)
                .filter(\.$staff.$id == memberID).first() else { throw Abort(.notFound) }
            try await member.delete(on: ctx.db)
            try await ctx.audit(.removeTeamMember, .team, family: familyID, recordID: memberID)
        }
    }

    /// The point of contact is always on the family's team, so they can always see the family.
    private static func putOnTeam(_ staffID: UUID?, family: UUID, in ctx: Context) async throws {
        guard let staffID else { return }
        try await join(staffID, family: family, because: "as point of contact", in: ctx)
    }

    /// Puts a staff member on the family's team, with the part their roles suggest, when they are not on it yet
    /// (audited with the reason): for staff the family's records now involve, such as those scheduled for its
    /// visits. Runs inside the caller's transaction, whose command has checked the caller's right to make it.
    static func join(_ staffID: UUID, family: UUID, because reason: String, in ctx: Context) async throws {
        let already = try await TeamMember.query(on: ctx.db).filter(\.$family.$id == family).filter(\.$staff.$id == staffID).count()
        guard already == 0 else { return }
        let roles = try await Staff.find(staffID, on: ctx.db)?.roles ?? []
        let role: TeamRole = roles.contains(.familyServiceWorker) ? .familyServiceWorker : roles.contains(.homeVisitor) ? .homeVisitor
            : roles.contains(.teacher) ? .teacher : .other
        try await TeamMember(familyID: family, staffID: staffID, role: role).create(on: ctx.db)
        try await ctx.audit(.addTeamMember, .team, family: family, recordID: staffID, detail: "\(role.rawValue), \(reason)")
    }
}
