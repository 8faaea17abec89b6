import Foundation
import SQLKit

/// Rows written many hundreds to a statement: what lets the generator fill a program of 100,000 families in
/// minutes. Each row type's stored properties are its table's columns (camel case here, snake case there).
/// A table's gathered rows, whatever their type.
protocol BulkWritable: Sendable {
    func write(to sql: any SQLDatabase) async throws -> Int
}

struct BulkRows<Row: Sendable>: BulkWritable {
    let table: String
    private(set) var rows: [Row] = []

    init(_ table: String) { self.table = table }

    mutating func append(_ row: Row) { rows.append(row) }

    /// Writes what has been gathered, in as few statements as the database's limit on bound values allows;
    /// returns how many rows.
    func write(to sql: any SQLDatabase) async throws -> Int {
        guard let first = rows.first else { return 0 }
        let columns = Mirror(reflecting: first).children.compactMap(\.label).map(Self.snakeCase)
        // SQLite allows 32,766 bound values in a statement, PostgreSQL 65,535.
        let perStatement = max(1, 30_000 / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let end = min(start + perStatement, rows.count)
            let insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<end] { _ = insert.values(Self.values(of: row)) }
            try await insert.run()
            start = end
        }
        return rows.count
    }

    /// A row's values in its columns' order: bound, or NULL for an absent optional.
    private static func values(of row: Row) -> [any SQLExpression] {
        Mirror(reflecting: row).children.map { child in
            if let optional = child.value as? any OptionalColumn {
                guard let wrapped = optional.wrapped else { return SQLLiteral.null }
                return SQLBind(wrapped as! any Encodable & Sendable)
            }
            return SQLBind(child.value as! any Encodable & Sendable)
        }
    }

    private static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }
}

/// An optional column's value, without reflecting on it a second time.
private protocol OptionalColumn {
    var wrapped: Any? { get }
}

extension Optional: OptionalColumn {
    var wrapped: Any? { self }
}
