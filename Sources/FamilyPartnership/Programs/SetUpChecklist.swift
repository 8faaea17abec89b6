import Fluent
import Foundation
import PartnershipRules
import Plot

/// What a new program still has to set up before its staff can work in it: the program's details and year, its
/// sites, its classrooms (for programs with classrooms), its staff, and its families. Five counts, each on an index.
struct SetUpChecklist: Sendable {
    struct Item: Sendable {
        let title: String
        let done: Bool
        /// Where it stands ("2 sites"), or what to do.
        let detail: String
        /// Where it is done, when the viewer may do it.
        let link: String?
    }

    let items: [Item]

    var isComplete: Bool { items.allSatisfy(\.done) }

    /// The steps as `viewer` sees them: each links to where it is done, when the viewer's roles may do it.
    static func load(program: Program, for viewer: Access, on db: any Database) async throws -> SetUpChecklist {
        let id = try program.requireID()
        let sites = try await Site.query(on: db).filter(\.$program.$id == id).count()
        let classrooms = try await Classroom.query(on: db).filter(\.$program.$id == id).count()
        let staff = try await Staff.query(on: db).filter(\.$program.$id == id).filter(\.$status != .left)
            .filter(\.$rolesList != StaffRole.admin.rawValue).count()
        let families = try await Family.query(on: db).filter(\.$program.$id == id).count()
        let hasClassrooms = !Set(program.programOptions).isDisjoint(with: [.centerBased, .combination, .familyChildCare])
        var items = [
            Item(title: "Program details and year", done: program.programYearEnd != nil,
                 detail: program.programYearEnd.map { "Program year \(Display.date(program.programYearStart)) to \(Display.date($0)); kindergarten cutoff \(program.kindergarten.cutoff.label)" }
                    ?? "Name, options, program year, kindergarten cutoff and time zone.",
                 link: SiteURL.programDetails.path),
            Item(title: "Sites", done: sites > 0, detail: sites == 0 ? "Add your centers or offices." : count(sites, "site"), link: SiteURL.sites.path),
        ]
        if hasClassrooms {
            items.append(Item(title: "Classrooms", done: classrooms > 0,
                              detail: classrooms == 0 ? "Add each classroom with its site and teachers." : count(classrooms, "classroom"),
                              link: SiteURL.classrooms.path))
        }
        items.append(Item(title: "Staff", done: staff > 0,
                          detail: staff == 0 ? "Add accounts for your staff (an administrator)." : count(staff, "staff member", plural: "staff members"),
                          link: viewer.mayManageAccounts ? SiteURL.staffIndex.path : nil))
        items.append(Item(title: "Families", done: families > 0,
                          detail: families == 0 ? "Import them from another system's export (a manager or director), or add them one by one."
                                                : count(families, "family", plural: "families"),
                          link: viewer.mayImportFamilies ? SiteURL.familyImport.path : viewer.mayCreateFamilies ? SiteURL.familyNew.path : nil))
        return SetUpChecklist(items: items)
    }

    private static func count(_ n: Int, _ one: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? one : plural ?? one + "s")"
    }

    /// The list, each step linking to where it is done.
    func view() -> Node<HTML.BodyContext> {
        .ol(.class("checklist"), .forEach(items) { item in
            .li(.class(item.done ? "done" : "todo"),
                item.link.map { .a(.href($0), .text(item.title)) } ?? .text(item.title),
                .text(item.done ? " — done: " : " — to do: "),
                .text(item.detail))
        })
    }
}
