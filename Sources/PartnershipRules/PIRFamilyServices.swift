/// Which PIR family-services item each service category counts under, per edition of the Program Information
/// Report. The PIR's wording and items change from year to year, so this is data: an edition names the first
/// program year it applies to and lists its items in the form's order. Add an edition here when the form
/// changes; a category in no item of an edition (or a program's own category) is counted under none.
///
/// Item letters follow the order of the form's family-services list; check them against the year's PIR form
/// when adding an edition.
public struct PIREdition: Sendable, Equatable {
    public let name: String
    /// The first program year (by its start year) this edition is used for.
    public let firstYear: Int
    public let items: [PIRItem]

    public func item(for category: String) -> PIRItem? {
        items.first { $0.categories.contains(category) }
    }
}

public struct PIRItem: Sendable, Equatable {
    public let letter: String
    public let wording: String
    /// Category keys counted under this item.
    public let categories: [String]
}

public enum PIRFamilyServices {
    /// Newest first.
    public static let editions: [PIREdition] = [current, earlier]

    /// The edition for a program year: the newest whose first year is not after it.
    public static func edition(for year: ProgramYear) -> PIREdition {
        editions.first { $0.firstYear <= year.startYear } ?? earlier
    }

    static let current = PIREdition(name: "Family services (2022–23 onward)", firstYear: 2022, items: items([
        ("Emergency or crisis intervention (e.g. immediate needs for food, clothing or shelter)", [.emergencyCrisis, .food]),
        ("Housing assistance (e.g. subsidies, utilities, repairs)", [.housing]),
        ("Asset building services (e.g. financial education, debt counseling)", [.assetBuilding]),
        ("Mental health services", [.mentalHealth]),
        ("Substance misuse prevention", [.substanceMisusePrevention]),
        ("Substance misuse treatment", [.substanceMisuseTreatment]),
        ("English as a second language (ESL) training", [.englishLanguage]),
        ("Assistance in enrolling into an education or job training program", [.educationJobTraining, .adultEducation, .jobTraining]),
        ("Research-based parenting curriculum", [.parentingEducation]),
        ("Involvement in discussing their child's screening and assessment results and their child's progress", [.screeningResults]),
        ("Supporting transitions between programs (i.e. EHS to HS, HS to kindergarten)", [.transitions]),
        ("Education on preventive medical and oral health", [.preventiveHealth, .healthEducation]),
        ("Education on health and developmental consequences of tobacco product use", [.tobaccoEducation]),
        ("Education on nutrition", [.nutrition]),
        ("Education on postpartum care (e.g. breastfeeding support)", [.postpartumCare]),
        ("Education on relationship or marriage", [.relationshipEducation]),
        ("Assistance to families of incarcerated individuals", [.familiesOfIncarcerated]),
    ]))

    static let earlier = PIREdition(name: "Family services (up to 2021–22)", firstYear: 1965, items: items([
        ("Emergency or crisis intervention", [.emergencyCrisis, .food]),
        ("Housing assistance", [.housing]),
        ("Mental health services", [.mentalHealth]),
        ("English as a second language (ESL) training", [.englishLanguage]),
        ("Adult education such as GED programs and college selection", [.adultEducation, .educationJobTraining]),
        ("Job training", [.jobTraining]),
        ("Substance abuse prevention", [.substanceMisusePrevention]),
        ("Substance abuse treatment", [.substanceMisuseTreatment]),
        ("Child abuse and neglect services", [.childAbuseNeglect]),
        ("Domestic violence services", [.domesticViolence]),
        ("Child support assistance", [.childSupport]),
        ("Health education", [.healthEducation, .preventiveHealth, .tobaccoEducation, .postpartumCare, .nutrition]),
        ("Assistance to families of incarcerated individuals", [.familiesOfIncarcerated]),
        ("Parenting education", [.parentingEducation]),
        ("Relationship or marriage education", [.relationshipEducation]),
        ("Asset building services", [.assetBuilding]),
    ]))

    private static func items(_ rows: [(String, [ServiceCategory])]) -> [PIRItem] {
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        return rows.enumerated().map { PIRItem(letter: letters[$0.offset], wording: $0.element.0, categories: $0.element.1.map(\.rawValue)) }
    }
}
