import SmarketingKit
import SmarketingShell

/// libFuzzer target: the command line. The input runs as typed commands (lexer, parser,
/// every command's arguments) and as a query (`count where …`: the query lexer, parser,
/// compiler and evaluation) against the fixture workspace.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommands(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let session = FuzzSession.make()
    let interpreter = Interpreter(session: session)
    _ = interpreter.run(text, mode: .prompt)
    if !text.contains("\n") {
        _ = Interpreter(session: FuzzSession.make()).run("count where " + text, mode: .prompt)
    }
    session.redirect?.close()
    session.recorder?.close()
    return 0
}
