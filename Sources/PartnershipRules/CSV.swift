/// Comma-separated values as spreadsheets write them (RFC 4180): fields may be quoted, quotes inside are
/// doubled, and a quoted field may hold commas and line breaks.
public enum CSV {
    public struct Row: Equatable, Sendable {
        /// The line the row starts on, counting from 1, for messages about it.
        public let line: Int
        public let fields: [String]
    }

    public struct Problem: Error, Equatable, Sendable {
        public let line: Int
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// The rows of `text`; blank lines are skipped. An unclosed quote is the only thing that cannot be read.
    public static func parse(_ text: String) -> Result<[Row], Problem> {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var line = 1, rowStart = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { rows.append(Row(line: rowStart, fields: fields)) }
            fields = []
            field = ""
            wasQuoted = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
                wasQuoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\r" {
                // Part of a \r\n line end, or a lone \r line end.
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endRow()
                line += 1
                rowStart = line
            } else if c == "\n" {
                endRow()
                line += 1
                rowStart = line
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if quoted { return .failure(Problem(line: rowStart, message: "A quoted field is not closed.")) }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRow() }
        return .success(rows)
    }

    /// One line of CSV, quoting fields that need it. Fields starting with = + - @ are prefixed with an
    /// apostrophe so a spreadsheet does not run them as formulas.
    public static func line(_ fields: [String]) -> String {
        fields.map { raw in
            var value = raw
            if let first = value.first, "=+-@".contains(first) { value = "'" + value }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
