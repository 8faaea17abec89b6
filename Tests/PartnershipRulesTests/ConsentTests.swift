import Foundation
import PartnershipRules
import Testing

/// Random consents, days and requests, checked against an independent description of what a consent allows:
/// the set of (day, category) points it grants, written out day by day.
@Suite struct ConsentPropertyTests {
    static let partners = (0..<3).map { _ in UUID() }
    static let families = (0..<4).map { _ in UUID() }
    static let firstDay = CalendarDate("2026-01-01")!
    static let span = 120

    static func day(_ offset: Int) -> CalendarDate { firstDay.adding(days: offset) }

    static func randomConsent(_ random: inout SeededGenerator) -> ConsentTerms {
        let start = Int.random(in: 0..<span, using: &random)
        let end = start + Int.random(in: 0..<60, using: &random)
        let revoked = Bool.random(using: &random) ? start + Int.random(in: -5..<70, using: &random) : nil
        let categories = Set(RecordCategory.allCases.filter { _ in Int.random(in: 0..<3, using: &random) == 0 })
        return ConsentTerms(partner: partners.randomElement(using: &random)!, family: families.randomElement(using: &random)!,
                            categories: categories, startsOn: day(start), endsOn: day(end), revokedOn: revoked.map(day))
    }

    /// The oracle: every day a consent grants, listed by walking from its start to the day before it ends or is revoked.
    static func grantedDays(_ consent: ConsentTerms) -> Set<CalendarDate> {
        var days: Set<CalendarDate> = []
        var day = consent.startsOn
        while day <= consent.endsOn {
            if let revoked = consent.revokedOn, day >= revoked { break }
            days.insert(day)
            day = day.adding(days: 1)
        }
        return days
    }

    static func oracleAllows(_ consents: [ConsentTerms], partner: UUID, family: UUID, categories: Set<RecordCategory>,
                             on day: CalendarDate) -> Bool {
        !categories.isEmpty && consents.contains { consent in
            consent.partner == partner && consent.family == family && grantedDays(consent).contains(day)
                && categories.allSatisfy(consent.categories.contains)
        }
    }

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func accessIsGrantedExactlyWhenOneConsentCoversIt(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let consents = (0..<Int.random(in: 0...8, using: &random)).map { _ in Self.randomConsent(&random) }
        for _ in 0..<60 {
            let partner = Self.partners.randomElement(using: &random)!
            let family = Self.families.randomElement(using: &random)!
            let day = Self.day(Int.random(in: -5..<(Self.span + 70), using: &random))
            let wanted = Set(RecordCategory.allCases.filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
            let granted = ConsentRules.covering(consents, partner: partner, family: family, categories: wanted, on: day)
            #expect((granted != nil) == Self.oracleAllows(consents, partner: partner, family: family, categories: wanted, on: day),
                    "seed \(seed): \(wanted) of \(family) for \(partner) on \(day)")
            if let granted {
                #expect(consents[granted].covers(partner: partner, family: family, categories: wanted, on: day))
            }
            // A partner sees a category exactly when some consent covers that category alone.
            for category in RecordCategory.allCases {
                let visible = ConsentRules.visibleCategories(consents, partner: partner, family: family, on: day).contains(category)
                #expect(visible == Self.oracleAllows(consents, partner: partner, family: family, categories: [category], on: day),
                        "seed \(seed): \(category) on \(day)")
            }
            // And sees the family exactly when some category of it is visible.
            let families = ConsentRules.visibleFamilies(consents, partner: partner, on: day)
            #expect(families.contains(family)
                    == !ConsentRules.visibleCategories(consents, partner: partner, family: family, on: day).isEmpty)
        }
    }

    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func revokingEndsAccessFromThatDayAndChangesNothingBefore(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let original = Self.randomConsent(&random)
        let consent = ConsentTerms(partner: original.partner, family: original.family, categories: original.categories,
                                   startsOn: original.startsOn, endsOn: original.endsOn, revokedOn: nil)
        let revokeOn = Self.day(Int.random(in: 0..<(Self.span + 60), using: &random))
        let revoked = ConsentTerms(partner: consent.partner, family: consent.family, categories: consent.categories,
                                   startsOn: consent.startsOn, endsOn: consent.endsOn, revokedOn: revokeOn)
        for offset in -5..<(Self.span + 70) {
            let day = Self.day(offset)
            let before = ConsentRules.visibleCategories([consent], partner: consent.partner, family: consent.family, on: day)
            let after = ConsentRules.visibleCategories([revoked], partner: consent.partner, family: consent.family, on: day)
            #expect(after == (day < revokeOn ? before : []), "seed \(seed) on \(day)")
        }
    }

    @Test func aConsentForOnePartnerOrFamilyGivesNothingToAnother() {
        let consent = ConsentTerms(partner: Self.partners[0], family: Self.families[0], categories: Set(RecordCategory.allCases),
                                   startsOn: Self.day(0), endsOn: Self.day(30), revokedOn: nil)
        #expect(ConsentRules.covering([consent], partner: Self.partners[1], family: Self.families[0], categories: [.enrollment], on: Self.day(1)) == nil)
        #expect(ConsentRules.covering([consent], partner: Self.partners[0], family: Self.families[1], categories: [.enrollment], on: Self.day(1)) == nil)
        #expect(ConsentRules.covering([consent], partner: Self.partners[0], family: Self.families[0], categories: [], on: Self.day(1)) == nil)
        #expect(ConsentRules.covering([consent], partner: Self.partners[0], family: Self.families[0], categories: [.health], on: Self.day(30)) == 0)
        #expect(ConsentRules.covering([consent], partner: Self.partners[0], family: Self.families[0], categories: [.health], on: Self.day(31)) == nil)
    }

    @Test func twoConsentsDoNotAddUpToOnePacket() {
        let a = ConsentTerms(partner: Self.partners[0], family: Self.families[0], categories: [.enrollment],
                             startsOn: Self.day(0), endsOn: Self.day(30), revokedOn: nil)
        let b = ConsentTerms(partner: Self.partners[0], family: Self.families[0], categories: [.services],
                             startsOn: Self.day(0), endsOn: Self.day(30), revokedOn: nil)
        #expect(ConsentRules.covering([a, b], partner: Self.partners[0], family: Self.families[0],
                                      categories: [.enrollment, .services], on: Self.day(3)) == nil)
        #expect(ConsentRules.visibleCategories([a, b], partner: Self.partners[0], family: Self.families[0], on: Self.day(3))
                == [.enrollment, .services])
    }

    @Test func datesToKeep() {
        #expect(PrivacyDates.inspectionDue(receivedOn: CalendarDate("2026-11-25")!).description == "2027-01-09")
        let expires = CalendarDate("2027-01-31")!
        #expect(!PrivacyDates.mouRenewalDue(expiresOn: expires, today: CalendarDate("2026-12-01")!))
        #expect(PrivacyDates.mouRenewalDue(expiresOn: expires, today: CalendarDate("2026-12-02")!))
        #expect(RecordCategory.of(serviceCategory: "mental_health") == .health)
        #expect(RecordCategory.of(serviceCategory: "housing") == .services)
        #expect(RecordCategory.parseList(RecordCategory.formatList([.health, .enrollment]) + ",bogus") == [.health, .enrollment])
        #expect(ConsentTerms.problems(categories: [], startsOn: Self.day(3), endsOn: Self.day(1)).keys.sorted() == ["categories", "ends_on"])
    }
}
