/// The 64-bit FNV-1a hash (Fowler, Noll, Vo; http://www.isthe.com/chongo/tech/comp/fnv/).
///
/// Used for the de-duplication key of imported rows, which must be the same in every process
/// and every version: Swift's `Hasher` is seeded randomly per process, so it cannot be used.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    @inline(__always)
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var v = value
        for byte in bytes { v = (v ^ UInt64(byte)) &* Self.prime }
        value = v
    }

    /// The 8 bytes of `word`, little-endian.
    @inline(__always)
    mutating func add(word: UInt64) {
        var v = value
        var w = word
        for _ in 0..<8 {
            v = (v ^ (w & 0xff)) &* Self.prime
            w >>= 8
        }
        value = v
    }
}
