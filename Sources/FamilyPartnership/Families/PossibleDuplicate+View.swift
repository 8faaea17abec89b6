import Plot

extension PossibleDuplicate {
    /// The warning shown above a form when what is being entered looks like a record already on file:
    /// a link to each match this staff member may see, and only the fact of a match for the others.
    static func warning(_ matches: [PossibleDuplicate], heading: String, advice: String? = nil) -> Node<HTML.BodyContext> {
        guard !matches.isEmpty else { return .empty }
        return .div(
            .class("warning"), .attribute(named: "role", value: "alert"),
            .p(.strong(.text(heading))),
            .ul(.forEach(matches) { match in
                .li(.unwrap(match.householdName, { .a(.href(SiteURL.family(match.familyID).path), .text($0)) },
                            else: .text("A family you do not have access to (ask your manager)")),
                    .text(": \(match.reason)."))
            }),
            .unwrap(advice) { .p(.text($0)) }
        )
    }
}
