import Fluent
import Foundation
import PartnershipRules

/// The demo's community resource directory: about forty providers across the service categories, in the
/// languages Riverside's families speak, a few not verified for over a year.
enum DemoDirectory {
    static func load(team: DemoTeam, today: CalendarDate) async throws {
        _ = try await DirectoryCommands.addCategory(.init(label: "Diaper bank", followUpDays: "14"), in: team.ctx("director"))
        for (index, row) in providers.enumerated() {
            let verified = index % 9 == 4 ? today.adding(months: -14 - index % 5) : today.adding(days: -(index * 11 % 300))
            let entry = ProviderEntry(
                name: row.name, categories: row.categories.split(separator: " ").map(String.init),
                languages: row.languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                eligibility: row.eligibility, cost: row.cost, address: "\(100 + index * 37) \(streets[index % streets.count]), Riverside, CA",
                hours: index % 3 == 0 ? "Mon–Fri 8–5" : "Mon–Thu 9–6, Sat 9–12",
                phone: "951555" + String(format: "%04d", 2000 + index * 13), email: nil,
                website: "https://\(row.name.lowercased().filter { $0.isLetter }.prefix(20)).example.org",
                contactName: row.contact, verifiedOn: verified.description)
            _ = try await DirectoryCommands.addProvider(ProviderInput(entry), in: team.ctx(["monica", "keisha", "manager"][index % 3]))
        }
    }

    static let streets = ["Market Street", "University Avenue", "Magnolia Avenue", "Arlington Avenue", "Main Street", "Chicago Avenue"]

    struct Row {
        let name: String
        let categories: String
        let languages: String
        let eligibility: String?
        let cost: String
        let contact: String?
    }

    static let providers: [Row] = [
        Row(name: "Riverside County Behavioral Health — Family Clinic", categories: "mental_health substance_misuse_treatment", languages: "English, Spanish", eligibility: "Medi-Cal or uninsured county residents", cost: "Free", contact: "Intake line"),
        Row(name: "Lifeline Phone and Internet Program", categories: "internet_phone public_benefits", languages: "English, Spanish, Vietnamese, Korean", eligibility: "SNAP, Medicaid or income under 135% of poverty", cost: "Free to apply", contact: nil),
        Row(name: "Riverside Workforce Development Center", categories: "employment job_training education_job_training", languages: "English, Spanish", eligibility: "Adults 18+", cost: "Free", contact: "Career coach desk"),
        Row(name: "Riverside Adult School", categories: "adult_education english_language education_job_training", languages: "English, Spanish, Arabic", eligibility: "Adults 18+", cost: "Free ESL; low-cost GED", contact: "Counseling office"),
        Row(name: "Path of Life Family Shelter", categories: "housing emergency_crisis", languages: "English, Spanish", eligibility: "Families with children experiencing homelessness", cost: "Free", contact: "Shelter coordinator"),
        Row(name: "Fair Housing Council of Riverside County", categories: "housing legal", languages: "English, Spanish", eligibility: "Renters and homeowners", cost: "Free", contact: nil),
        Row(name: "Feeding Riverside Food Bank", categories: "food emergency_crisis", languages: "English, Spanish, Vietnamese", eligibility: "Anyone in need", cost: "Free", contact: "Pantry line"),
        Row(name: "Eastside Community Pantry", categories: "food nutrition", languages: "English, Spanish", eligibility: "Eastside residents", cost: "Free", contact: nil),
        Row(name: "WIC Riverside — Magnolia Office", categories: "nutrition postpartum_care food", languages: "English, Spanish, Tagalog", eligibility: "Pregnant and postpartum women, children under 5", cost: "Free", contact: nil),
        Row(name: "Alternatives to Domestic Violence", categories: "domestic_violence emergency_crisis legal", languages: "English, Spanish", eligibility: "Anyone affected by domestic violence", cost: "Free, confidential", contact: "24-hour hotline"),
        Row(name: "Inland Counseling Network", categories: "mental_health relationship_education", languages: "English, Vietnamese", eligibility: "Families with Medi-Cal", cost: "Sliding scale", contact: nil),
        Row(name: "Parenting Partners Riverside", categories: "parenting_education relationship_education", languages: "English, Spanish", eligibility: "Parents of children 0–5", cost: "Free", contact: "Group facilitator"),
        Row(name: "Triple P Parenting — County Library Sessions", categories: "parenting_education", languages: "English, Spanish", eligibility: "All parents", cost: "Free", contact: nil),
        Row(name: "Riverside University Health System — Pediatrics", categories: "preventive_health health_education screening_results", languages: "English, Spanish, Punjabi", eligibility: "Children and families", cost: "Medi-Cal accepted", contact: nil),
        Row(name: "Smile Bright Community Dental", categories: "preventive_health", languages: "English, Spanish", eligibility: "Children under 12", cost: "Medi-Cal; sliding scale", contact: nil),
        Row(name: "Tobacco-Free Riverside", categories: "tobacco_education health_education", languages: "English, Spanish", eligibility: "Anyone", cost: "Free", contact: nil),
        Row(name: "Breastfeeding Support Circle", categories: "postpartum_care", languages: "English, Spanish, Arabic", eligibility: "New parents", cost: "Free", contact: "Lactation consultant"),
        Row(name: "Riverside County Child Support Services", categories: "child_support legal", languages: "English, Spanish", eligibility: "Parents and caregivers", cost: "Free", contact: nil),
        Row(name: "Hope for Families of the Incarcerated", categories: "families_of_incarcerated mental_health", languages: "English, Spanish", eligibility: "Families with a member in jail or prison", cost: "Free", contact: nil),
        Row(name: "Inland Empire Legal Aid", categories: "legal housing", languages: "English, Spanish, Korean", eligibility: "Low-income residents", cost: "Free", contact: "Intake"),
        Row(name: "Immigrant Rights Clinic at UCR", categories: "legal", languages: "English, Spanish, Tagalog", eligibility: "Immigrant families", cost: "Free", contact: nil),
        Row(name: "Riverside Transit Agency — Reduced Fare", categories: "transportation", languages: "English, Spanish", eligibility: "Low-income riders", cost: "Reduced fares", contact: nil),
        Row(name: "Medical Transportation Benefit (Medi-Cal)", categories: "transportation preventive_health", languages: "English, Spanish", eligibility: "Medi-Cal members", cost: "Free", contact: nil),
        Row(name: "Child Care Resource Center", categories: "child_care public_benefits", languages: "English, Spanish, Vietnamese", eligibility: "Working or studying parents", cost: "Subsidized", contact: "Referral specialist"),
        Row(name: "CalFresh and CalWORKs — Department of Public Social Services", categories: "public_benefits food", languages: "English, Spanish, Vietnamese, Korean, Arabic", eligibility: "Income-eligible families", cost: "Free", contact: nil),
        Row(name: "Community Action — Utility Assistance (LIHEAP)", categories: "housing emergency_crisis asset_building", languages: "English, Spanish", eligibility: "Income-eligible households", cost: "Free", contact: nil),
        Row(name: "Money Smart Family Finance Classes", categories: "asset_building", languages: "English, Spanish", eligibility: "Anyone", cost: "Free", contact: nil),
        Row(name: "VITA Free Tax Preparation", categories: "asset_building public_benefits", languages: "English, Spanish", eligibility: "Income under $67,000", cost: "Free", contact: nil),
        Row(name: "Recovery Road Outpatient Program", categories: "substance_misuse_treatment substance_misuse_prevention", languages: "English, Spanish", eligibility: "Adults", cost: "Medi-Cal accepted", contact: nil),
        Row(name: "Friday Night Live Prevention Program", categories: "substance_misuse_prevention", languages: "English", eligibility: "Families and youth", cost: "Free", contact: nil),
        Row(name: "SafeCare Child Abuse Prevention", categories: "child_abuse_neglect parenting_education", languages: "English, Spanish", eligibility: "Families referred by staff", cost: "Free", contact: nil),
        Row(name: "Riverside Unified — Kindergarten Enrollment Center", categories: "transitions", languages: "English, Spanish", eligibility: "Children turning 5 by September 1", cost: "Free", contact: "Enrollment office"),
        Row(name: "Inland Regional Center — Early Start", categories: "screening_results transitions", languages: "English, Spanish", eligibility: "Children 0–3 with developmental concerns", cost: "Free", contact: "Service coordinator"),
        Row(name: "Digital Bridge Device Lending Library", categories: "internet_phone education_job_training", languages: "English, Spanish", eligibility: "Library card holders", cost: "Free loan", contact: nil),
        Row(name: "Marriage and Family Strengthening Workshops", categories: "relationship_education", languages: "English, Spanish", eligibility: "Couples and co-parents", cost: "Free", contact: nil),
        Row(name: "Riverside Mothers' Mental Health Collaborative", categories: "mental_health postpartum_care", languages: "English, Spanish", eligibility: "Pregnant and postpartum parents", cost: "Free", contact: "Peer counselor"),
        Row(name: "Goodwill Job Connection", categories: "employment job_training", languages: "English", eligibility: "Job seekers", cost: "Free", contact: nil),
        Row(name: "Habitat for Humanity Riverside", categories: "housing asset_building", languages: "English", eligibility: "First-time buyers with steady income", cost: "Affordable mortgage", contact: nil),
        Row(name: "Little Steps Diaper Bank", categories: "diaper-bank emergency_crisis", languages: "English, Spanish", eligibility: "Families with children in diapers", cost: "Free", contact: nil),
        Row(name: "Vietnamese Community Center of Riverside", categories: "english_language public_benefits mental_health", languages: "Vietnamese, English", eligibility: "Vietnamese-speaking families", cost: "Free", contact: nil),
    ]
}
