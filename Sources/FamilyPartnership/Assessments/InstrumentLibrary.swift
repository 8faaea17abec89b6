import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A program's instruments: the built-in one, which every program has from its first use, and any it imports
/// or writes. Each save of an instrument is a new version; the newest version of each key is the one in use.
enum InstrumentLibrary {
    /// The newest version of each of the program's instruments, by name.
    static func current(program: UUID, on db: any Database) async throws -> [InstrumentVersion] {
        try await ensureBuiltIn(program: program, on: db)
        let all = try await InstrumentVersion.query(on: db).filter(\.$program.$id == program)
            .sort(\.$key).sort(\.$version, .descending).all()
        var newest: [String: InstrumentVersion] = [:]
        for version in all where newest[version.key] == nil { newest[version.key] = version }
        return newest.values.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
    }

    /// Every version of one instrument, newest first.
    static func versions(key: String, program: UUID, on db: any Database) async throws -> [InstrumentVersion] {
        try await InstrumentVersion.query(on: db).filter(\.$program.$id == program).filter(\.$key == key)
            .sort(\.$version, .descending).all()
    }

    /// One version belonging to the program, or 404.
    static func find(_ id: UUID, program: UUID, on db: any Database) async throws -> InstrumentVersion {
        guard let version = try await InstrumentVersion.query(on: db).filter(\.$id == id)
            .filter(\.$program.$id == program).first() else { throw Abort(.notFound) }
        return version
    }

    static func ensureBuiltIn(program: UUID, on db: any Database) async throws {
        let key = Instrument.builtIn.key
        guard try await InstrumentVersion.query(on: db).filter(\.$program.$id == program).filter(\.$key == key).count() == 0
        else { return }
        try await InstrumentVersion(programID: program, instrument: .builtIn, version: 1, createdBy: "Built in").create(on: db)
    }

    /// Reads an instrument from JSON and checks it; problems are reported against `field`.
    static func parse(_ json: String?, field: String) throws -> Instrument {
        var errors = FieldErrors()
        guard let json = FieldRules.trimmed(json) else {
            errors[field] = "Paste or upload the instrument as JSON."
            throw errors
        }
        guard json.utf8.count <= 500_000 else {
            errors[field] = "The instrument is larger than 500 KB."
            throw errors
        }
        let instrument: Instrument
        do {
            instrument = try JSONDecoder().decode(Instrument.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            errors[field] = "This is not an instrument in the expected JSON form: \(Self.explain(error))"
            throw errors
        }
        let problems = instrument.problems
        if !problems.isEmpty {
            errors[field] = problems.prefix(5).joined(separator: " ")
            throw errors
        }
        return instrument
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\"\(key.stringValue)\" is missing at \(path(context).isEmpty ? "the top" : path(context))."
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "the value at \(path(context)) has the wrong type."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the text is not valid JSON." : "the value at \(path(context)) is not allowed."
        @unknown default: return "it could not be read."
        }
    }
}
