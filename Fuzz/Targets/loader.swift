import SmarketingKit

/// libFuzzer target: the workspace loader. Every input must give a workspace or a
/// `WorkspaceError`, never a crash, a hang or a sanitizer report. Both decoders run: the
/// streaming column decoder (tried first by `decode`) and the tree parser behind it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let workspace = try? WorkspaceCodec.decode(bytes, path: "fuzz.json") {
        // A workspace that loads must save and load back.
        let saved = WorkspaceCodec.encode(workspace)
        guard (try? WorkspaceCodec.decode(saved, path: "saved.json")) != nil else { fatalError("a loaded workspace did not reload after save") }
    }
    _ = try? JSONParser.parse(bytes)
    return 0
}
