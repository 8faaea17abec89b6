import Fluent
import Foundation
import PartnershipRules

/// A community provider in the program's directory.
final class Provider: Model, Versioned, @unchecked Sendable {
    static let schema = "providers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Field(key: "name") var name: String
    /// Category keys between commas, with a comma at each end (",housing,food,") so one can be found with LIKE.
    @Field(key: "categories") var categoriesList: String
    /// Languages between semicolons, the same way (";English;Spanish;").
    @Field(key: "languages") var languagesList: String
    @OptionalField(key: "eligibility") var eligibility: String?
    @OptionalField(key: "cost") var cost: String?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "hours") var hours: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "website") var website: String?
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalField(key: "verified_on") var verifiedOn: String?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    var categories: [String] { categoriesList.split(separator: ",").map(String.init) }
    var languages: [String] { languagesList.split(separator: ";").map(String.init) }

    func isStale(today: CalendarDate) -> Bool {
        ProviderDirectory.isStale(verifiedOn: verifiedOn.flatMap(CalendarDate.init), today: today)
    }

    /// Copies a checked entry onto the record.
    func apply(_ entry: ProviderEntry) {
        name = entry.name ?? ""
        categoriesList = "," + entry.categories.joined(separator: ",") + ","
        languagesList = ";" + entry.languages.joined(separator: ";") + ";"
        eligibility = entry.eligibility
        cost = entry.cost
        address = entry.address
        hours = entry.hours
        phone = entry.phone
        email = entry.email
        website = entry.website
        contactName = entry.contactName
        verifiedOn = entry.verifiedOn
    }

    var entry: ProviderEntry {
        ProviderEntry(name: name, categories: categories, languages: languages, eligibility: eligibility, cost: cost,
                      address: address, hours: hours, phone: phone, email: email, website: website,
                      contactName: contactName, verifiedOn: verifiedOn)
    }

    /// The CSV cells, in `ProviderDirectory.columns` order.
    var csvFields: [String] {
        [name, categories.joined(separator: ";"), languages.joined(separator: ";"), eligibility ?? "", cost ?? "",
         address ?? "", hours ?? "", phone ?? "", email ?? "", website ?? "", contactName ?? "", verifiedOn ?? ""]
    }
}
