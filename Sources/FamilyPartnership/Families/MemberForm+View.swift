import Foundation
import PartnershipRules
import Plot

/// The form for one adult or child of a household.
enum MemberForm {
    struct Model {
        let family: Family
        let member: FamilyMember?
        let input: MemberInput
        let errors: FieldErrors
        let duplicates: [PossibleDuplicate]
        let homeVisitors: [Staff]
        /// The program's classrooms by name; empty until its set-up has any, when the classroom is typed.
        let classrooms: [String]

        var kind: MemberKind { member?.kind ?? MemberKind(rawValue: input.kind ?? "") ?? .adult }
        var title: String {
            member.map { "Edit \($0.name)" } ?? (kind == .child ? "Add a child" : "Add an adult")
        }
    }

    struct View {
        let model: Model
        let csrf: String

        var body: [Node<HTML.BodyContext>] {
            let familyID = model.family.id!
            let action = model.member.map { SiteURL.memberEdit(familyID, member: $0.id!).path } ?? SiteURL.memberNew(familyID).path
            return [
                .h1(.text(model.title)),
                .p(.text(model.family.householdName)),
                FormKit.summary(model.errors),
                PossibleDuplicate.warning(model.duplicates, heading: "This child may already be on record."),
                FormKit.form(action: action, csrf: csrf, [
                    FormKit.version(model.input.version),
                    FormKit.hidden("kind", model.kind.rawValue),
                    FormKit.field("name", "Full name", value: model.input.name, errors: model.errors, required: true),
                    .group(model.kind == .adult ? adultFields : childFields),
                    .if(!model.duplicates.isEmpty, FormKit.checkbox("confirm_new", "This is a different child: save anyway", checked: false)),
                    FormKit.submit("Save"),
                ]),
                .p(.a(.href(SiteURL.family(familyID).path), .text("Cancel"))),
            ]
        }

        private var adultFields: [Node<HTML.BodyContext>] {
            let input = model.input, errors = model.errors
            return [
                FormKit.select("relationship", "Relationship to the children", options: Relationship.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.relationship, errors: errors, required: true),
                FormKit.checkbox("is_father_figure", "Father or father figure", checked: input.isFatherFigure ?? false),
                FormKit.field("primary_language", "Primary language", value: input.primaryLanguage, errors: errors),
                FormKit.field("phone", "Phone", value: input.phone.map(Display.phone), errors: errors, type: .tel),
                FormKit.field("email", "Email", value: input.email, errors: errors, type: .email),
            ]
        }

        private var childFields: [Node<HTML.BodyContext>] {
            let input = model.input, errors = model.errors
            return [
                FormKit.field("date_of_birth", "Date of birth", value: input.dateOfBirth, errors: errors, type: .date, required: true),
                FormKit.select("program_type", "Program", options: ProgramType.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.programType, errors: errors, required: true),
                model.classrooms.isEmpty
                    ? FormKit.field("classroom", "Classroom", value: input.classroom, errors: errors, hint: "For center-based children.")
                    : FormKit.select("classroom", "Classroom", options: (model.classrooms + [input.classroom].compactMap { $0 }.filter { !model.classrooms.contains($0) }).map { ($0, $0) },
                                     selected: input.classroom, errors: errors, blank: "None"),
                FormKit.select("home_visitor_id", "Home visitor", options: model.homeVisitors.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: input.homeVisitorID?.lowercased(), errors: errors, blank: "None"),
                FormKit.checkbox("has_ifsp_or_iep", "Has an IFSP or IEP", checked: input.hasIFSPOrIEP ?? false),
                FormKit.checkbox("in_foster_care", "In foster care", checked: input.inFosterCare ?? false),
            ]
        }
    }
}
