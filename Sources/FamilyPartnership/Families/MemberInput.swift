import Fluent
import Foundation
import PartnershipRules
import Vapor

/// An adult's or a child's details, from the member form and the members API.
struct MemberInput: Content, Sendable {
    var kind: String?
    var name: String?
    var relationship: String?
    var primaryLanguage: String?
    var isFatherFigure: Bool?
    var phone: String?
    var email: String?
    var dateOfBirth: String?
    var programType: String?
    var classroom: String?
    var homeVisitorID: String?
    var hasIFSPOrIEP: Bool?
    var inFosterCare: Bool?
    var confirmNew: Bool?
    /// The version of the member the form or request was based on.
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, name, relationship, primaryLanguage = "primary_language", isFatherFigure = "is_father_figure"
        case phone, email, dateOfBirth = "date_of_birth", programType = "program_type", classroom
        case homeVisitorID = "home_visitor_id", hasIFSPOrIEP = "has_ifsp_or_iep", inFosterCare = "in_foster_care"
        case confirmNew = "confirm_new", version
    }

    init(kind: MemberKind) {
        self.kind = kind.rawValue
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        relationship = try c.decodeIfPresent(String.self, forKey: .relationship)
        primaryLanguage = try c.decodeIfPresent(String.self, forKey: .primaryLanguage)
        isFatherFigure = try c.decodeFlag(.isFatherFigure)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        dateOfBirth = try c.decodeIfPresent(String.self, forKey: .dateOfBirth)
        programType = try c.decodeIfPresent(String.self, forKey: .programType)
        classroom = try c.decodeIfPresent(String.self, forKey: .classroom)
        homeVisitorID = try c.decodeIfPresent(String.self, forKey: .homeVisitorID)
        hasIFSPOrIEP = try c.decodeFlag(.hasIFSPOrIEP)
        inFosterCare = try c.decodeFlag(.inFosterCare)
        confirmNew = try c.decodeFlag(.confirmNew)
        version = try c.decodeVersion(.version)
    }

    init(_ member: FamilyMember) {
        kind = member.kind.rawValue
        name = member.name
        relationship = member.relationship?.rawValue
        primaryLanguage = member.primaryLanguage
        isFatherFigure = member.isFatherFigure
        phone = member.phone
        email = member.email
        dateOfBirth = member.dateOfBirth
        programType = member.programType?.rawValue
        classroom = member.classroom
        homeVisitorID = member.$homeVisitor.id?.uuidString.lowercased()
        hasIFSPOrIEP = member.hasIFSPOrIEP
        inFosterCare = member.inFosterCare
        version = member.version
    }

    /// The kind of member this input is for: taken from the record when editing (a member's kind is fixed).
    func validatedKind() throws -> MemberKind {
        var errors = FieldErrors()
        let kind = errors.take("kind", FieldRules.choice(kind, MemberKind.self, label: "Kind", required: true))
        try errors.throwIfAny()
        return kind!!
    }

    /// Checks every field for `member.kind` and copies the values; throws `FieldErrors`.
    func apply(to member: FamilyMember, program: UUID, today: CalendarDate, on db: any Database) async throws {
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(name, label: "Name", required: true, max: 120))
        switch member.kind {
        case .adult:
            let relationship = errors.take("relationship", FieldRules.choice(relationship, Relationship.self, label: "Relationship", required: true))
            let language = errors.take("primary_language", FieldRules.text(primaryLanguage, label: "Primary language", required: false, max: 60))
            let phone = errors.take("phone", FieldRules.phone(phone))
            let email = errors.take("email", FieldRules.email(email, required: false))
            try errors.throwIfAny()
            member.relationship = relationship ?? nil
            member.primaryLanguage = language ?? nil
            member.isFatherFigure = isFatherFigure ?? false
            member.phone = phone ?? nil
            member.email = email ?? nil
        case .child:
            let born = errors.take("date_of_birth", FieldRules.date(dateOfBirth, label: "Date of birth", required: true))
            let type = errors.take("program_type", FieldRules.choice(programType, ProgramType.self, label: "Program", required: true))
            if let born = born ?? nil, errors["program_type"] == nil,
               let problem = ChildAge.problem(dateOfBirth: born, program: type ?? nil, today: today) {
                errors["date_of_birth"] = problem
            }
            let classroom = errors.take("classroom", FieldRules.text(classroom, label: "Classroom", required: false, max: 80))
            if let room = classroom ?? nil, room != member.classroom,
               let problem = try await SetUpCommands.classroomProblem(room, program: program, on: db) {
                errors["classroom"] = problem
            }
            let visitor = try await FamilyInput.staff(homeVisitorID, field: "home_visitor_id", program: program, errors: &errors, on: db)
            try errors.throwIfAny()
            member.dateOfBirth = born!!.description
            member.programType = type ?? nil
            member.classroom = classroom ?? nil
            member.$homeVisitor.id = visitor
            member.hasIFSPOrIEP = hasIFSPOrIEP ?? false
            member.inFosterCare = inFosterCare ?? false
        }
        member.name = name!!
    }
}
