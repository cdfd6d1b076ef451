import Dispatch

/// Splits work over the machine's cores in fixed chunks, and adds the chunk results in chunk
/// order, so a sum is the same bit for bit on every run on one machine.
public enum Parallel {
    /// Below this many items the work runs on the calling thread.
    public static let threshold = 16_384

    /// Σ over `0..<count` of what `body` returns for each chunk range.
    public static func sum(count: Int, _ body: @Sendable (Range<Int>) -> Double) -> Double {
        guard count >= threshold else { return body(0..<count) }
        let chunks = chunkRanges(count)
        var partial = [Double](repeating: 0, count: chunks.count)
        partial.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks.count) { out[$0] = body(chunks[$0]) }
        }
        return partial.reduce(0, +)
    }

    /// Element-wise sum of the vectors `body` returns per chunk (for gradients).
    public static func sum(count: Int, width: Int, _ body: @Sendable (Range<Int>) -> [Double]) -> [Double] {
        guard count >= threshold else { return body(0..<count) }
        let chunks = chunkRanges(count)
        var partial = [[Double]](repeating: [], count: chunks.count)
        partial.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks.count) { out[$0] = body(chunks[$0]) }
        }
        var total = [Double](repeating: 0, count: width)
        for vector in partial { for k in 0..<width { total[k] += vector[k] } }
        return total
    }

    /// Fills `output[i]` for every i, in parallel chunks.
    public static func forEach(count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count >= threshold else { return body(0..<count) }
        let chunks = chunkRanges(count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { body(chunks[$0]) }
    }

    /// 64 chunks regardless of core count, so results do not depend on the machine's cores.
    static func chunkRanges(_ count: Int) -> [Range<Int>] {
        let pieces = 64
        let size = (count + pieces - 1) / pieces
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}

extension Parallel {
    /// `[body(0), body(1), …, body(count − 1)]`, computed in parallel chunks.
    ///
    /// Each element is computed independently, so the result does not depend on the chunking.
    public static func map(count: Int, _ body: @Sendable (Int) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            forEach(count: count) { range in
                for i in range { (out.baseAddress! + i).initialize(to: body(i)) }
            }
            initialized = count
        }
    }
}
