import Fluent
import Vapor

/// Sessions kept in the database, written only when they change. Vapor writes the session back after every
/// request; most requests (reading a page) leave it as it was, and that write would be a transaction per page.
struct QuietSessions: SessionDriver {
    let stored: any SessionDriver

    /// The session's data as read at the start of this request.
    private struct AsRead: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        stored.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        stored.readSession(sessionID, for: request).map { data in
            if let data { request.storage[AsRead.self] = data }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if request.storage[AsRead.self] == data { return request.eventLoop.makeSucceededFuture(sessionID) }
        return stored.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        stored.deleteSession(sessionID, for: request)
    }
}
