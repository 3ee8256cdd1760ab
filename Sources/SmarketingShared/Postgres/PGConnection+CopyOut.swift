import CLibPQ

extension PGConnection {
    /// COPY … TO STDOUT: hands each piece the server sends to `receive` as it arrives
    /// (for the binary format, one piece per row), so the caller works while the server
    /// is still sending. `receive` returns false to say the data is not what it expected;
    /// the rest is then read and dropped, and `copyOut` returns false.
    public func copyOut(_ statement: String, receive: (UnsafeBufferPointer<UInt8>) -> Bool) throws(PGError) -> Bool {
        guard let started = PQexec(raw, statement) else { throw PGError(message: PGConnection.text(PQerrorMessage(raw))) }
        if PQresultStatus(started) != PGRES_COPY_OUT {
            _ = try PGResult.checked(started, connection: raw)
            throw PGError(message: "COPY did not start")
        }
        PQclear(started)
        var accepted = true
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let count = PQgetCopyData(raw, &buffer, 0)
            if count > 0, let buffer {
                if accepted {
                    accepted = buffer.withMemoryRebound(to: UInt8.self, capacity: Int(count)) {
                        receive(UnsafeBufferPointer(start: $0, count: Int(count)))
                    }
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
        return accepted
    }

    /// A value quoted as an SQL string literal (COPY takes no parameters).
    public func quoteLiteral(_ value: String) -> String {
        guard let quoted = PQescapeLiteral(raw, value, value.utf8.count) else { return "''" }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }
}
