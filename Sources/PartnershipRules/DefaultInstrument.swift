extension Instrument {
    /// The instrument every program starts with: each family engagement outcome rated on five levels, then the
    /// family well-being domains, each of which proposes a need when the family is vulnerable or in crisis.
    public static let builtIn = Instrument(
        key: "fpp-outcomes",
        name: "Family outcomes and well-being",
        description: "The seven family engagement outcomes and ten well-being domains, each rated from in crisis to thriving.",
        sections: [
            Section(title: "Family engagement outcomes", items: [
                outcome(.familyWellBeing, "How safe, healthy and financially secure does the family feel?",
                        "No safe place to stay, or basic needs unmet today.", "Meeting basic needs some months but not others.",
                        "Basic needs met, with little to spare.", "Needs met; some savings or a plan for setbacks.",
                        "Secure, with plans for the family's future."),
                outcome(.parentChildRelationships, "How are the parents and children getting along day to day?",
                        "Parent overwhelmed; relationship under serious strain.", "Often stressed; warm moments are hard to find.",
                        "Caring routines in place most days.", "Warm, responsive routines; parent confident.",
                        "Parent confident and sharing what works with others."),
                outcome(.lifelongEducators, "How does the family support the children's learning at home?",
                        "Unable to focus on learning right now.", "Wants to help but unsure how.",
                        "Some reading, talking and play together.", "Learning woven into daily routines.",
                        "Plans learning with teachers and follows through."),
                outcome(.learners, "How is the parent pursuing their own learning, work or career goals?",
                        "No chance to think about own goals now.", "Has a goal but no way forward yet.",
                        "Has taken a first step (class, application).", "Enrolled or working towards the goal.",
                        "Goal reached or well under way; planning the next."),
                outcome(.transitions, "How ready is the family for the children's next move (to Head Start, kindergarten)?",
                        "Unaware a transition is coming.", "Worried; does not know what to expect.",
                        "Knows the dates and steps.", "Has visited or met the next teacher; has a plan.",
                        "Leading the transition and helping other families."),
                outcome(.peersAndCommunity, "How connected is the family to other families and the community?",
                        "Isolated; no one to call on.", "One or two contacts; rarely in touch.",
                        "Some friends or family to rely on.", "Takes part in groups or events.",
                        "A source of support for others."),
                outcome(.advocatesAndLeaders, "How does the family speak up for their children and take part in decisions?",
                        "Does not feel able to speak up.", "Speaks up with help.",
                        "Asks questions and shares views with staff.", "Takes part in parent meetings or committees.",
                        "Leads: policy council, school board, advocacy."),
            ]),
            Section(title: "Family well-being", items: [
                domain("housing", "Housing", .housing, "Homeless or about to lose housing.", "Doubled up, or housing unsafe or unaffordable.",
                       "Housed; rent a strain.", "Stable, affordable housing.", "Secure housing by choice."),
                domain("food", "Food", .food, "Not enough food today.", "Runs out of food before the month ends.",
                       "Enough food with help (SNAP, WIC, pantry).", "Enough food without worry.", "Healthy food by choice."),
                domain("income", "Income and employment", .employment, "No income.", "Income does not cover basic needs.",
                       "Income covers basics with help.", "Steady income covers needs.", "Income supports savings and goals."),
                domain("physical_health", "Physical health", .preventiveHealth, "Urgent health needs untreated.", "Health problems; no regular care.",
                       "Insured; care when sick.", "Regular preventive care for all.", "Healthy routines; care well managed."),
                domain("mental_health", "Mental health", .mentalHealth, "In danger, or unable to cope day to day.", "Struggling (sadness, worry); no support.",
                       "Some support; coping most days.", "Coping well, with support when needed.", "Thriving; supporting others."),
                domain("safety", "Safety", .emergencyCrisis, "Not safe at home now.", "Safety concerns at home or nearby.",
                       "Safe most of the time.", "Safe, with a plan if things change.", "Safe and secure."),
                domain("transportation", "Transportation", .transportation, "No way to get to appointments or school.", "Rides are unreliable.",
                       "Gets where needed with planning.", "Reliable transportation.", "Reliable, and helps others get around."),
                domain("child_care", "Child care", .childCare, "No care; cannot work or attend school.", "Care is unreliable or unsafe.",
                       "Care arranged, sometimes strained.", "Reliable, quality care.", "Reliable care with back-up."),
                domain("education", "Education and training", .educationJobTraining, "Cannot read or write well enough for daily life.", "No diploma; no plan.",
                       "Diploma or working on one.", "In training or college.", "Credential earned; still learning."),
                domain("legal", "Legal", .legal, "Urgent legal problem (eviction, custody, immigration).", "Legal problem without help.",
                       "Legal matter in hand with help.", "No legal problems.", "Knows rights and where to get help."),
            ]),
        ])

    private static let levelNames = ["In crisis", "Vulnerable", "Safe", "Stable", "Thriving"]

    private static func scale(_ descriptions: [String]) -> Scale {
        Scale(levels: zip(levelNames, descriptions).enumerated().map { Level($0.offset + 1, $0.element.0, $0.element.1) })
    }

    private static func outcome(_ outcome: Outcome, _ question: String, _ d1: String, _ d2: String, _ d3: String,
                                _ d4: String, _ d5: String) -> Item {
        Item(key: outcome.rawValue, text: "\(outcome.label): \(question)", outcomes: [outcome], scale: scale([d1, d2, d3, d4, d5]))
    }

    private static func domain(_ key: String, _ name: String, _ category: ServiceCategory, _ d1: String, _ d2: String,
                               _ d3: String, _ d4: String, _ d5: String) -> Item {
        Item(key: key, text: name, outcomes: [.familyWellBeing], scale: scale([d1, d2, d3, d4, d5]),
             proposesNeed: NeedTrigger(category: category, atOrWorseThan: 2))
    }
}
