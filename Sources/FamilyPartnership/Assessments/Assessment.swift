import Fluent
import Foundation
import PartnershipRules

/// One version of an assessment instrument as a program uses it. Editing an instrument adds a version; an
/// assessment points at the version it was taken on, so old answers keep their meaning.
final class InstrumentVersion: Model, @unchecked Sendable {
    static let schema = "instrument_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Field(key: "key") var key: String
    @Field(key: "version") var version: Int
    @Field(key: "name") var name: String
    /// The `Instrument` as JSON.
    @Field(key: "definition") var definition: String
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(programID: UUID, instrument: Instrument, version: Int, createdBy: String) throws {
        self.$program.id = programID
        self.key = instrument.key
        self.version = version
        self.name = instrument.name
        self.definition = try Self.encode(instrument)
        self.createdByName = createdBy
    }

    var instrument: Instrument {
        get throws { try JSONDecoder().decode(Instrument.self, from: Data(definition.utf8)) }
    }

    static func encode(_ instrument: Instrument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(instrument), as: UTF8.self)
    }
}

/// A family's assessment: on which instrument version, when, with whom and how, the answers, the outcomes the
/// family wants to work on, and its strengths in the family's words and in staff's.
final class Assessment: Model, @unchecked Sendable {
    static let schema = "assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Parent(key: "instrument_version_id") var instrumentVersion: InstrumentVersion
    @Field(key: "period") var period: String
    @Field(key: "taken_on") var takenOn: String
    @Field(key: "mode") var mode: MeetingMode
    @Field(key: "participants") var participants: String
    /// `Answers` as JSON: item key to level value.
    @Field(key: "answers") var answersJSON: String
    /// Comma-separated `Outcome` raw values the family chose to work on.
    @Field(key: "outcomes_chosen") var outcomesChosenList: String
    @OptionalField(key: "family_strengths") var familyStrengths: String?
    @OptionalField(key: "staff_observations") var staffObservations: String?
    /// Comma-separated short strength tags ("bilingual", "organized").
    @Field(key: "strength_tags") var strengthTagsList: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: Staff?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var answers: Answers {
        (try? JSONDecoder().decode(Answers.self, from: Data(answersJSON.utf8))) ?? [:]
    }

    var outcomesChosen: [Outcome] { Outcome.list(outcomesChosenList) }
    var strengthTags: [String] { strengthTagsList.split(separator: ",").map(String.init) }
}

/// Something the family needs, from an assessment or noticed later, tagged with the service category that
/// referrals and the PIR count use.
final class FamilyNeed: Model, Versioned, @unchecked Sendable {
    static let schema = "family_needs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @OptionalParent(key: "assessment_id") var assessment: Assessment?
    /// A category key from the program's `ServiceCatalog`.
    @Field(key: "category") var category: String
    @Field(key: "urgency") var urgency: Urgency
    @Field(key: "intensity") var intensity: Intensity
    @Field(key: "description") var description: String
    /// The instrument item that proposed this need, if one did.
    @OptionalField(key: "item_key") var itemKey: String?
    @Field(key: "identified_on") var identifiedOn: String
    @OptionalField(key: "met_on") var metOn: String?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }
}
