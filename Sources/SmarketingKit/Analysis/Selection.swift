/// The k-th smallest of a list without sorting it all (quickselect): medians of a few
/// hundred thousand stays in linear time.
enum Selection {
    /// Reorders `values` so that `values[k]` is the k-th smallest (0-based), every value
    /// before it is at most it and every value after it at least it; returns it. Values
    /// must not be NaN. Falls back to sorting the part left after many rounds, so a
    /// pathological order costs n log n, never n².
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        precondition(values.indices.contains(k), "select: k outside the values")
        values.withUnsafeMutableBufferPointer { p in
            var low = 0, high = p.count - 1, rounds = 0
            while high > low {
                rounds += 1
                if rounds > 64 {
                    var rest = UnsafeMutableBufferPointer(rebasing: p[low...high])
                    rest.sort()
                    return
                }
                let middle = low + (high - low) / 2
                let (a, b, c) = (p[low], p[middle], p[high])
                let pivot = max(min(a, b), min(max(a, b), c))
                var i = low, j = high
                while i <= j {
                    while p[i] < pivot { i += 1 }
                    while p[j] > pivot { j -= 1 }
                    if i <= j {
                        p.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // low...j ≤ pivot, i...high ≥ pivot, and anything between equals it.
                if k <= j { high = j } else if k >= i { low = i } else { return }
            }
        }
        return values[k]
    }
}
