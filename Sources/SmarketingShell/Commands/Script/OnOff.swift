/// `on` or `off`, for the session's toggles.
enum OnOff {
    static func parse(_ arguments: inout Arguments) throws(ShellError) -> Bool {
        let token = try arguments.text("on or off")
        try arguments.finish()
        switch token.text.lowercased() {
        case "on": return true
        case "off": return false
        default: throw arguments.unexpected(token, expected: "on or off")
        }
    }
}
