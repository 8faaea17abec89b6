import SQLKit

/// The few SQL functions the two databases spell differently, for queries that must run on both.
enum SQLPortable {
    /// The largest of some values: `MAX(a, b, …)` on SQLite, `GREATEST(a, b, …)` on PostgreSQL. The two treat a
    /// null argument differently (SQLite answers null, PostgreSQL skips it), so give it values that are never
    /// null (COALESCE them).
    static func greatest(_ values: SQLQueryString...) -> SQLQueryString {
        "\(Call(sqlite: "MAX", postgres: "GREATEST", arguments: values))"
    }

    /// The smallest of some values: `MIN(a, b, …)` on SQLite, `LEAST(a, b, …)` on PostgreSQL; never null, as above.
    static func least(_ values: SQLQueryString...) -> SQLQueryString {
        "\(Call(sqlite: "MIN", postgres: "LEAST", arguments: values))"
    }

    /// The day of the week of a stored date ("2026-11-29"), Sunday 0 to Saturday 6, as an integer.
    static func weekday(_ date: SQLQueryString) -> SQLQueryString {
        "\(Weekday(date: date))"
    }

    /// Minutes since midnight of a stored time of day ("16:30" or "9:05").
    static func minutes(_ time: SQLQueryString) -> SQLQueryString {
        "(CAST(SUBSTR(\(time), 1, LENGTH(\(time)) - 3) AS INTEGER) * 60 + CAST(SUBSTR(\(time), LENGTH(\(time)) - 1, 2) AS INTEGER))"
    }

    private struct Call: SQLExpression {
        let sqlite: String
        let postgres: String
        let arguments: [SQLQueryString]

        func serialize(to serializer: inout SQLSerializer) {
            serializer.write((serializer.dialect.name == "sqlite" ? sqlite : postgres) + "(")
            SQLList(arguments).serialize(to: &serializer)
            serializer.write(")")
        }
    }

    private struct Weekday: SQLExpression {
        let date: SQLQueryString

        func serialize(to serializer: inout SQLSerializer) {
            let sqlite = serializer.dialect.name == "sqlite"
            serializer.write(sqlite ? "CAST(STRFTIME('%w', " : "CAST(EXTRACT(DOW FROM CAST(")
            date.serialize(to: &serializer)
            serializer.write(sqlite ? ") AS INTEGER)" : " AS DATE)) AS INTEGER)")
        }
    }
}
