import Foundation
import PartnershipRules
import Plot

/// The caseload pages' pieces: a staff member's table of families, the supervisor's staff side by side, and a
/// proposal of who should serve which family.
enum CaseloadViews {
    /// A caseload as a compact table: each row one tap from the family; on a phone each row is a card with
    /// its labels. `sortPath` is the page the sort links go to.
    static func table(_ table: CaseloadTable, sort: CaseloadTable.Sort, sortPath: String) -> Node<HTML.BodyContext> {
        guard !table.rows.isEmpty else { return .p(.text("No families yet.")) }
        func label(_ text: String) -> Node<HTML.BodyContext> { .span(.class("cell-label"), .text(text + ": ")) }
        return .group(
            .p(.class("sort"), .text("Sort by: "), .forEach(CaseloadTable.Sort.allCases) { option in
                option == sort ? .strong(.text(option.label + " ")) : .group(.a(.href("\(sortPath)?sort=\(option.rawValue)"), .text(option.label)), .text(" "))
            }),
            .table(.class("stack caseload"),
                   .thead(.tr(.forEach([CaseloadTable.Sort.family, .stage, .contact, .visit, .referrals, .overdue]) { .th(.text($0.label)) })),
                   .tbody(.forEach(table.sorted(by: sort)) { row in
                       .tr(.td(.a(.href(SiteURL.family(row.familyID).path), .strong(.text(row.family))),
                               .if(!row.isPointOfContact, .span(.class("tag"), .text("team"))),
                               .if(!row.isEnrolled, .span(.class("tag"), .text("applied"))),
                               .unwrap(row.coveringFor) { .span(.class("tag"), .text("covering for \($0)")) }),
                           .td(.text(row.stage.label)),
                           .td(label("Contact"), .text(row.lastContact.map(Display.date) ?? "none"),
                               .if(row.contactOverdue, .span(.class("tag warn"), .text("overdue")))),
                           .td(label("Visit"), .text(row.nextVisit.map(Display.date) ?? "none")),
                           .td(label("Referrals"), .text("\(row.openReferrals)")),
                           .td(label("Overdue"), row.overdue.isEmpty ? .text("—") : .strong(.text(row.overdue.joined(separator: ", ")))))
                   }))
        )
    }

    /// Staff side by side: families against what is allowed, workload, overdue work by kind, away or over.
    static func staff(_ rows: [CaseloadOverview.StaffRow], today: CalendarDate) -> Node<HTML.BodyContext> {
        .table(.class("stack"),
               .thead(.tr(.th(.text("Staff member")), .th(.text("Families")), .th(.text("Workload")), .th(.text("Overdue")), .th(.text("Status")))),
               .tbody(.forEach(rows) { row in
                   .tr(.td(.a(.href(SiteURL.caseload(row.id).path), .strong(.text(row.name)))),
                       .td(.span(.class("cell-label"), .text("Families: ")), .text("\(row.families) of \(row.allowed)"),
                           .if(row.overLimit, .span(.class("tag warn"), .text("over the limit")))),
                       .td(.span(.class("cell-label"), .text("Workload: ")), .text("\(row.weight)")),
                       .td(.span(.class("cell-label"), .text("Overdue: ")),
                           .text(row.overdue.isEmpty ? "nothing" : row.overdue.map { "\($0.count) \($0.what.label($0.count))" }.joined(separator: ", "))),
                       .td(.unwrap(row.away) { .text("Away until \(Display.date($0.endsOn)). ") },
                           .unwrap(row.exception) { exceptionText($0, today: today) }))
               }))
    }

    /// An exception in words; one that has ended is flagged.
    static func exceptionText(_ exception: CaseloadException, today: CalendarDate) -> Node<HTML.BodyContext> {
        let reference = exception.reference.map { " (\($0))" } ?? ""
        guard exception.endsOn >= today.description else {
            return .group(.span(.class("tag warn"), .text("exception expired")),
                          .text(" \(exception.kind.label)\(reference) ended \(Display.date(exception.endsOn))."))
        }
        return .text("\(exception.kind.label)\(reference): up to \(exception.upTo) families, \(Display.date(exception.startsOn)) to \(Display.date(exception.endsOn)).")
    }

    /// A proposal as a form: each family with the worker proposed preselected, and why.
    static func proposal(_ proposal: CaseloadProposal, action: String, csrf: String, version: Int?, errors: FieldErrors,
                         chosen: [String: String]?, submit: String) -> Node<HTML.BodyContext> {
        let options = proposal.workers.map { worker in
            (worker.id.uuidString.lowercased(),
             "\(worker.name) — \(worker.families) of \(worker.limit), speaks \(worker.languages.sorted().map(\.capitalized).joined(separator: ", "))")
        }
        return FormKit.form(action: action, csrf: csrf, [
            FormKit.version(version),
            .if(proposal.lines.isEmpty, .p(.text("No families to place."))),
            .forEach(proposal.lines) { line in
                let key = line.familyID.uuidString.lowercased()
                return .div(.class("proposal"),
                    FormKit.select("assign[\(key)]", "\(line.family) (\(line.language), workload \(line.weight))", options: options,
                                   selected: chosen?[key] ?? line.proposed?.uuidString.lowercased(), errors: errors, blank: "Leave as it is",
                                   hint: line.proposed == nil ? "No worker has room." : "Proposed: " + line.reasons.map(\.text).joined(separator: "; ") + "."))
            },
            .if(!proposal.lines.isEmpty, FormKit.submit(submit)),
        ])
    }
}
