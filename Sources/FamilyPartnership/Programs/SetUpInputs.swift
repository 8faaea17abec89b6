import Foundation
import PartnershipRules
import Vapor

/// The program's own details, as the set-up form and `PATCH /api/v1/program` send them.
struct ProgramProfileInput: Content, Sendable {
    var name: String?
    var agency: String?
    /// `ProgramOption` raw values.
    var options: [String]?
    /// `ProgramType` raw values: Head Start, Early Head Start or both.
    var services: [String]?
    var programYearStart: String?
    var programYearEnd: String?
    var kindergartenCutoff: String?
    var kindergartenStarts: String?
    var timeZone: String?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, agency, options, services, programYearStart = "program_year_start", programYearEnd = "program_year_end"
        case kindergartenCutoff = "kindergarten_cutoff", kindergartenStarts = "kindergarten_starts", timeZone = "time_zone", version
    }

    init(_ program: Program) {
        name = program.name
        agency = program.grantee
        options = program.programOptions.map(\.rawValue)
        services = program.services.map(\.rawValue)
        programYearStart = program.programYearStart
        programYearEnd = program.programYearEnd
        kindergartenCutoff = program.kindergartenCutoff
        kindergartenStarts = program.kindergartenStarts
        timeZone = program.timeZone
        version = program.version
    }
}

/// A site's name, address and phone.
struct SiteInput: Content, Sendable {
    var name: String?
    var address: String?
    var phone: String?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, address, phone, version }

    init(name: String? = nil, address: String? = nil, phone: String? = nil) {
        self.name = name
        self.address = address
        self.phone = phone
    }

    init(_ site: Site) {
        self.init(name: site.name, address: site.address, phone: site.phone)
        version = site.version
    }
}

/// A classroom: its name, site, program option and teachers.
struct ClassroomInput: Content, Sendable {
    var name: String?
    var siteID: String?
    var programOption: String?
    var teacherIDs: [String]?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, siteID = "site_id", programOption = "program_option", teacherIDs = "teacher_ids", version
    }

    init(name: String? = nil, siteID: String? = nil, programOption: String? = nil, teacherIDs: [String]? = nil) {
        self.name = name
        self.siteID = siteID
        self.programOption = programOption
        self.teacherIDs = teacherIDs
    }

    init(_ classroom: Classroom, teachers: [UUID]) {
        self.init(name: classroom.name, siteID: classroom.$site.id.uuidString.lowercased(), programOption: classroom.programOption.rawValue,
                  teacherIDs: teachers.map { $0.uuidString.lowercased() })
        version = classroom.version
    }
}

extension ProgramProfileInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension SiteInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension ClassroomInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
