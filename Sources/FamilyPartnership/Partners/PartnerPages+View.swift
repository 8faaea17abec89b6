import Foundation
import PartnershipRules
import Plot

/// The partner agency pages: the list, one agency with its level history and meetings, and the form.
enum PartnerPages {
    static func index(_ partners: [PartnerAgency], mayEdit: Bool, today: CalendarDate) -> [Node<HTML.BodyContext>] {
        return [
            .h1(.text("Partner agencies")),
            .if(mayEdit, .p(.a(.class("button"), .href(SiteURL.partnerNew.path), .text("Add a partner agency")))),
            partners.isEmpty ? .p(.text("No partner agencies yet.")) : .ul(.class("plain"), .forEach(partners) { partner in
                .li(.a(.href(SiteURL.partner(partner.id!).path), .text(partner.name)),
                    .text(" — \(partner.kind.label), \(partner.level.name.lowercased())"),
                    .if(partner.isMOURenewalDue(today: today),
                        .strong(.class("warning"), .text(" · MOU expires \(Display.date(partner.mouExpiresOn ?? "")): renew"))))
            }),
        ]
    }

    static func show(_ partner: PartnerAgency, levels: [PartnershipLevelChange], meetings: [PartnerMeeting], mayEdit: Bool,
                     errors: FieldErrors, today: CalendarDate, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = partner.id!
        return [
            .p(.a(.href(SiteURL.partners.path), .text("← Partner agencies"))),
            .h1(.text(partner.name)),
            .if(partner.isMOURenewalDue(today: today),
                .p(.class("warning"), .text("The MOU expires \(Display.date(partner.mouExpiresOn ?? "")). Start its renewal now."))),
            .if(mayEdit, .p(.a(.href(SiteURL.partnerEdit(id).path), .text("Edit details and MOU")))),
            FormKit.summary(errors),
            .dl(
                .detail("Kind", partner.kind.label),
                .detail("Partnership level", partner.level.label),
                .detail("MOU signed", partner.mouSignedOn.map(Display.date)),
                .detail("MOU expires", partner.mouExpiresOn.map(Display.date)),
                .detail("The MOU covers", partner.mouCovers),
                .detail("Our point person", partner.ourPointPerson),
                .detail("Their point person", partner.theirPointPerson),
                .detail("Notes", partner.notes)
            ),
            .h2(.text("Partnership level over time")),
            .ul(.forEach(levels) { change in
                .li(.text("\(Display.date(change.changedOn)): \(change.level.rawValue)"
                          + (change.note.map { " — \($0)" } ?? "") + " (\(change.recordedByName))"))
            }),
            .if(mayEdit, FormKit.form(action: SiteURL.partnerLevel(id).path, csrf: csrf, [
                FormKit.version(partner.version),
                FormKit.select("level", "New level", options: PartnershipLevel.allCases.map { ($0.rawValue, $0.label) },
                               selected: partner.level.rawValue, errors: errors, required: true, blank: nil),
                FormKit.field("changed_on", "Since", value: today.description, errors: errors, type: .date, required: true),
                FormKit.field("note", "What changed", value: nil, errors: errors),
                FormKit.submit("Record level", secondary: true),
            ])),
            .h2(.id("meetings"), .text("Meetings")),
            meetings.isEmpty ? .p(.text("No meetings logged.")) : .ul(.forEach(meetings) { meeting in
                .li(.strong(.text(Display.date(meeting.heldOn))), .text(" — \(meeting.attendees)"),
                    .unwrap(meeting.notes) { .p(.class("hint"), .text($0)) })
            }),
            .if(mayEdit, FormKit.form(action: SiteURL.partnerMeetings(id).path, csrf: csrf, [
                FormKit.field("held_on", "Meeting date", value: today.description, errors: errors, type: .date, required: true),
                FormKit.field("attendees", "Who attended", value: nil, errors: errors, required: true),
                FormKit.textArea("notes", "Notes", value: nil, errors: errors),
                FormKit.submit("Log meeting", secondary: true),
            ])),
        ]
    }

    static func form(_ partner: PartnerAgency?, input: PartnerInput, errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let action = partner.map { SiteURL.partnerEdit($0.id!).path } ?? SiteURL.partnerNew.path
        return [
            .p(.a(.href(partner.map { SiteURL.partner($0.id!).path } ?? SiteURL.partners.path), .text("← Back"))),
            .h1(.text(partner.map { "Edit \($0.name)" } ?? "Add a partner agency")),
            FormKit.summary(errors),
            FormKit.form(action: action, csrf: csrf, [
                FormKit.version(input.version),
                FormKit.field("name", "Name", value: input.name, errors: errors, required: true),
                FormKit.select("kind", "Kind of agency", options: PartnerKind.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.kind, errors: errors, required: true),
                FormKit.select("level", "Partnership level", options: PartnershipLevel.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.level, errors: errors, required: true, blank: nil),
                FormKit.field("mou_signed_on", "MOU signed", value: input.mouSignedOn, errors: errors, type: .date),
                FormKit.field("mou_expires_on", "MOU expires", value: input.mouExpiresOn, errors: errors, type: .date,
                              hint: "Its renewal is flagged 60 days before."),
                FormKit.textArea("mou_covers", "What the MOU covers", value: input.mouCovers, errors: errors),
                FormKit.field("our_point_person", "Our point person", value: input.ourPointPerson, errors: errors),
                FormKit.field("their_point_person", "Their point person", value: input.theirPointPerson, errors: errors),
                FormKit.textArea("notes", "Notes", value: input.notes, errors: errors),
                FormKit.submit("Save"),
            ]),
        ]
    }
}
