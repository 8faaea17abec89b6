import PartnershipRules

/// The words a generated program is made of: names, streets, goals families often set, steps and contacts.
enum Names {
    static let given = ["Maria", "Jose", "Aaliyah", "Liam", "Sofia", "Mateo", "Ava", "Noah", "Camila", "Elijah", "Mia",
                        "Lucas", "Zoe", "Ethan", "Valentina", "James", "Amara", "Diego", "Hana", "Omar", "Layla", "Minh",
                        "Grace", "Samuel", "Isabella", "Andre", "Nia", "Carlos", "Fatima", "Daniel", "Emily", "Kai",
                        "Yesenia", "Marcus", "Priya", "Luis", "Ana", "David", "Keisha", "Tran"]
    static let family = ["Garcia", "Johnson", "Nguyen", "Rodriguez", "Smith", "Martinez", "Brown", "Lopez", "Williams",
                         "Hernandez", "Davis", "Gonzalez", "Wilson", "Perez", "Anderson", "Sanchez", "Thomas", "Ramirez",
                         "Jackson", "Torres", "White", "Flores", "Harris", "Rivera", "Clark", "Gomez", "Lewis", "Diaz",
                         "Walker", "Reyes", "Hall", "Cruz", "Young", "Morales", "King", "Ortiz", "Tran", "Haddad",
                         "Okafor", "Petrova"]
    static let streets = ["Maple Street", "Willow Court", "Harbor Avenue", "Orange Grove Road", "Magnolia Avenue",
                          "Mission Boulevard", "Cedar Lane", "Palm Drive", "Sunset Way", "Elm Street"]
    static let languages = ["English", "English", "English", "English", "English", "English", "Spanish", "Spanish",
                            "Spanish", "Vietnamese", "Arabic", "Spanish and English"]
    /// Every item of the built-in instrument, answered in each generated assessment.
    static let instrumentItems = Instrument.builtIn.sections.flatMap(\.items).map(\.key)
    static let needs: [ServiceCategory] = [.housing, .food, .employment, .childCare, .transportation, .mentalHealth,
                                           .adultEducation, .parentingEducation, .publicBenefits, .healthEducation]
    static let goals: [(goal: String, outcome: Outcome, child: Bool)] = [
        ("Find a stable two-bedroom apartment", .familyWellBeing, false),
        ("Finish the GED", .lifelongEducators, false),
        ("Read together every night", .learners, true),
        ("Get a driver's license", .familyWellBeing, false),
        ("Start a savings account", .familyWellBeing, false),
        ("Help our child get ready for kindergarten", .transitions, true),
        ("Join the parent committee", .advocatesAndLeaders, false),
        ("Find a part-time job with daytime hours", .familyWellBeing, false),
        ("Spend play time together after dinner", .parentChildRelationships, true),
        ("Meet other parents at the library group", .peersAndCommunity, false),
    ]
    static let steps = ["Call the adult school about evening classes", "Fill in the housing application",
                        "Visit the library and get cards", "Make a budget together", "Ask the clinic about a dental visit",
                        "Go to the parent meeting", "Practise the driving test questions", "Bring documents to the office"]
    static let contacts = ["Reminded the family about the parent meeting", "Checked in about the housing application",
                           "Family asked about diapers; shared the pantry hours", "Confirmed the next home visit",
                           "Talked about how the new schedule is going", "Sent the kindergarten registration dates"]
}
