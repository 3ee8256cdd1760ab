import SmarketingKit

/// libFuzzer target: the CSV reader behind `import`. Every input must give a document or
/// a `CSVError` (a file refused with its reason), never a crash, a hang or a sanitizer
/// report, whatever the separator: sniffed, or each one `import` accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for separator in [nil, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")] as [UInt8?] {
        _ = try? CSVReader.read(bytes, separator: separator)
    }
    return 0
}
