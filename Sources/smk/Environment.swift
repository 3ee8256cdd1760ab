#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One environment variable, read with getenv: `ProcessInfo.processInfo.environment`
/// copies every variable into a dictionary on each call, and start-up asked it four
/// times before the first answer (a tenth of `smk -c help`'s own time).
enum Environment {
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
