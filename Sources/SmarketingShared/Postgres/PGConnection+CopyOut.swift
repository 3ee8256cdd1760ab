import CLibPQ

extension PGConnection {
    /// COPY … TO STDOUT: everything the server sends, as one byte array (for the binary
    /// format, which needs no unescaping: the fastest way to hand a whole table over).
    public func copyOut(_ statement: String, expectedBytes: Int = 0) throws(PGError) -> [UInt8] {
        guard let started = PQexec(raw, statement) else { throw PGError(message: PGConnection.text(PQerrorMessage(raw))) }
        let status = PQresultStatus(started)
        if status != PGRES_COPY_OUT {
            _ = try PGResult.checked(started, connection: raw)
            throw PGError(message: "COPY did not start")
        }
        PQclear(started)
        var data: [UInt8] = []
        data.reserveCapacity(expectedBytes)
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let count = PQgetCopyData(raw, &buffer, 0)
            if count > 0, let buffer {
                buffer.withMemoryRebound(to: UInt8.self, capacity: Int(count)) {
                    data.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(count)))
                }
                PQfreemem(buffer)
            } else if count == -1 {
                break
            } else {
                throw PGError(message: PGConnection.text(PQerrorMessage(raw)))
            }
        }
        var failure: PGError?
        while let result = PQgetResult(raw) {
            do { _ = try PGResult.checked(result, connection: raw) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        return data
    }

    /// A value quoted as an SQL string literal (COPY takes no parameters).
    public func quoteLiteral(_ value: String) -> String {
        guard let quoted = PQescapeLiteral(raw, value, value.utf8.count) else { return "''" }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }
}
