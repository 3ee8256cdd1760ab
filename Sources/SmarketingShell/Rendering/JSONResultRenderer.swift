import SmarketingKit

/// Results as JSON: a table is an array of objects, a record an object.
struct JSONResultRenderer {
    func render(_ result: CommandResult) -> String {
        guard let value = json(result) else { return "" }
        var writer = JSONWriter()
        writer.pretty(value)
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }

    func json(_ result: CommandResult) -> JSONValue? {
        switch result {
        case .none, .quit, .message: return nil
        case .text(let text): return .string(text)
        case .partial(let inner, _): return json(inner)
        case .document(let value, _): return value
        case .table(let table):
            return .array(table.rows.map { row in
                .object(JSONObject(zip(table.columns, row).map { JSONMember($0, $1.json) }))
            })
        case .record(let record):
            return .object(JSONObject(record.fields.map { JSONMember($0.name, $0.value.json) }))
        case .many(let parts):
            let values = parts.compactMap(json)
            return values.count == 1 ? values[0] : .array(values)
        }
    }
}
