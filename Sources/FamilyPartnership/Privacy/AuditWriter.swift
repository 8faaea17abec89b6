import Fluent
import Foundation
import Vapor

/// Writes the audit entries of reads for all requests together (group commit). Each request hands over its
/// entries and waits until they are saved, so no response goes out before its entry is in the log; whatever
/// has been handed over while the previous write was under way goes in the next single INSERT, one commit for
/// many readers instead of one each. Changes do not come here: their entries are written in the change's own
/// transaction.
actor AuditWriter {
    typealias Write = @Sendable ([AuditEntry]) async throws -> Void

    /// At most this many entries in one statement (PostgreSQL and SQLite both cap the values bound in one).
    static let largestBatch = 1_000

    private let save: Write
    private var waiting: [(entries: [AuditEntry], done: CheckedContinuation<Void, any Error>)] = []
    private var isWriting = false

    init(save: @escaping Write) { self.save = save }

    /// Saves `entries`, together with whatever else is waiting; returns once they are committed.
    func write(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await withCheckedThrowingContinuation { done in
            waiting.append((entries, done))
            if !isWriting {
                isWriting = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            var batch: [(entries: [AuditEntry], done: CheckedContinuation<Void, any Error>)] = []
            var count = 0
            while let next = waiting.first, batch.isEmpty || count + next.entries.count <= Self.largestBatch {
                batch.append(waiting.removeFirst())
                count += next.entries.count
            }
            do {
                try await save(batch.flatMap(\.entries))
                for request in batch { request.done.resume() }
            } catch {
                for request in batch { request.done.resume(throwing: error) }
            }
        }
        isWriting = false
    }
}

extension Application {
    private struct AuditWriterKey: StorageKey {
        typealias Value = AuditWriter
    }

    /// The one writer of read audit entries, on the application's database; set up by `configure`.
    var auditWriter: AuditWriter {
        get { storage[AuditWriterKey.self]! }
        set { storage[AuditWriterKey.self] = newValue }
    }
}
