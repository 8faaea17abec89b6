import Fluent
import Foundation
import PartnershipRules
import Plot

/// The form to add a family or edit its household details.
enum FamilyForm {
    /// Choices offered on the form: the program's sites and its current staff.
    struct Options {
        let sites: [Site]
        let staff: [Staff]

        static func load(program: UUID, on db: any Database) async throws -> Options {
            let sites = try await Site.query(on: db).filter(\.$program.$id == program).sort(\.$name).all()
            return Options(sites: sites, staff: try await Staff.pointsOfContact(program: program, on: db))
        }
    }

    struct Model {
        let family: Family?
        let input: FamilyInput
        let errors: FieldErrors
        let duplicates: [PossibleDuplicate]
        let options: Options
    }

    struct View {
        let model: Model
        let csrf: String

        var body: [Node<HTML.BodyContext>] {
            let input = model.input, errors = model.errors
            let action = model.family.map { SiteURL.familyEdit($0.id!).path } ?? SiteURL.familyNew.path
            return [
                .h1(.text(model.family.map { "Edit \($0.householdName)" } ?? "Add a family")),
                FormKit.summary(errors),
                PossibleDuplicate.warning(model.duplicates, heading: "This family may already be on record.", advice: "Open the existing record instead, or tick \"This is a different family\" below and save again."),
                FormKit.form(action: action, csrf: csrf, [
                    FormKit.version(input.version),
                    FormKit.field("household_name", "Household name", value: input.householdName, errors: errors,
                                  required: true, hint: "How the family wants to be named, e.g. \"Alvarez family\"."),
                    FormKit.fieldset("How to reach the family", [
                        FormKit.field("phone", "Phone", value: input.phone.map(Display.phone), errors: errors, type: .tel),
                        FormKit.field("alternate_phone", "Other phone", value: input.alternatePhone.map(Display.phone), errors: errors, type: .tel),
                        FormKit.field("email", "Email", value: input.email, errors: errors, type: .email),
                        FormKit.field("preferred_language", "Preferred language", value: input.preferredLanguage, errors: errors, required: true),
                        FormKit.select("preferred_channel", "Best way to reach", options: ContactChannel.allCases.map { ($0.rawValue, $0.label) },
                                              selected: input.preferredChannel, errors: errors, blank: "Not said"),
                        FormKit.field("preferred_times", "Best times to reach", value: input.preferredTimes, errors: errors,
                                             hint: "For example: weekday evenings after 6"),
                    ]),
                    FormKit.fieldset("Address", [
                        FormKit.field("address_line", "Street address", value: input.addressLine, errors: errors),
                        FormKit.field("city", "City", value: input.city, errors: errors),
                        FormKit.field("state", "State", value: input.state, errors: errors),
                        FormKit.field("postal_code", "ZIP code", value: input.postalCode, errors: errors),
                    ]),
                    FormKit.fieldset("Program", [
                        FormKit.select("program_option", "Program option", options: ProgramOption.allCases.map { ($0.rawValue, $0.label) },
                                              selected: input.programOption, errors: errors, blank: "Not decided"),
                        FormKit.select("site_id", "Site", options: model.options.sites.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                              selected: input.siteID?.lowercased(), errors: errors, blank: "Not decided"),
                        FormKit.select("point_of_contact_id", "Point of contact", options: model.options.staff.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                              selected: input.pointOfContactID?.lowercased(), errors: errors, blank: "Me / not decided",
                                              hint: "Usually the family service worker. They join the family's team."),
                        FormKit.field("applied_on", "Application date", value: input.appliedOn, errors: errors, type: .date),
                    ]),
                    .if(!model.duplicates.isEmpty, FormKit.checkbox("confirm_new", "This is a different family: save it anyway", checked: false)),
                    FormKit.submit(model.family == nil ? "Add family" : "Save"),
                ]),
                .p(.a(.href(model.family.map { SiteURL.family($0.id!).path } ?? SiteURL.home.path), .text("Cancel"))),
            ]
        }
    }
}

/// Enroll an applicant, exit an enrolled family, or re-enroll one that left.
enum EnrollmentForm {
    struct View {
        let family: Family
        let input: EnrollmentInput
        let errors: FieldErrors
        let today: CalendarDate
        let csrf: String

        var body: [Node<HTML.BodyContext>] {
            var actions: [(value: String, label: String)] = []
            if family.enrollmentStatus != .enrolled {
                actions.append(("enroll", family.enrollmentStatus == .exited ? "Re-enroll" : "Enroll"))
            }
            if family.enrollmentStatus != .exited {
                actions.append(("exit", family.enrollmentStatus == .applied ? "Withdraw the application" : "Exit the program"))
            }
            return [
                .h1(.text("Enrollment: \(family.householdName)")),
                .p(.text("Now: \(family.enrollmentStatus.label).")),
                FormKit.summary(errors),
                FormKit.form(action: SiteURL.familyEnrollment(family.id!).path, csrf: csrf, [
                    FormKit.select("action", "Change", options: actions, selected: input.action ?? actions.first?.value,
                                   errors: errors, required: true, blank: nil),
                    FormKit.field("date", "Date", value: input.date ?? today.description,
                                  errors: errors, type: .date, required: true),
                    FormKit.select("reason", "Reason for leaving", options: ExitReason.allCases.map { ($0.rawValue, $0.label) },
                                   selected: input.reason, errors: errors, hint: "Needed when the family exits."),
                    FormKit.submit("Save"),
                ]),
                .p(.a(.href(SiteURL.family(family.id!).path), .text("Back to the family"))),
            ]
        }
    }
}
