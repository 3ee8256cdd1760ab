import CJSONRespace

extension JSONWriter {
    /// Appends valid JSON text with a save's spacing: no whitespace between tokens but one
    /// space after each `,` and `:` (as `compact` writes). Strings are copied as they are.
    /// Saving a compact file from another tool this way costs a copy, not a decode: the
    /// text is respaced 64 bytes at a time (`smk_respace`, a C kernel using the
    /// processor's vector instructions where it has them), straight into the output.
    mutating func appendRespaced(_ json: UnsafeBufferPointer<UInt8>) {
        guard let base = json.baseAddress, !json.isEmpty else { return }
        // Into scratch space first (at most one added byte per input byte, and room for
        // the kernel's wide stores), then appended once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * json.count + 128) { scratch in
            guard let out = scratch.baseAddress else { return }
            let written = smk_respace(base, json.count, out)
            append(UnsafeBufferPointer(start: out, count: written))
        }
    }
}
