import SmarketingKit
import SmarketingShell

/// libFuzzer target: a `.smk` script as bytes, as `smk -f` reads one (UTF-8 check, line
/// splitting with continuations and quotes, `let`, `expect`, `bail`, `run`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScripts(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = try? ScriptText.decode(bytes, file: "fuzz.smk") else { return 0 }
    let session = FuzzSession.make()
    _ = Interpreter(session: session).run(text, file: "fuzz.smk", mode: .script)
    session.redirect?.close()
    session.recorder?.close()
    return 0
}
