import SQLKit

/// The largest of some values, for both databases: `MAX(a, b, …)` on SQLite, `GREATEST(a, b, …)` on
/// PostgreSQL. The two treat a null argument differently (SQLite answers null, PostgreSQL skips it), so give
/// it values that are never null (COALESCE them).
struct SQLGreatest: SQLExpression {
    let values: [SQLQueryString]

    init(_ values: [SQLQueryString]) { self.values = values }

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(serializer.dialect.name == "sqlite" ? "MAX(" : "GREATEST(")
        SQLList(values).serialize(to: &serializer)
        serializer.write(")")
    }
}
