import Foundation

/// JSON text of the documents cvm returns: the same bytes for `--format json` and for the web API.
///
/// - Keys stand in the order the type declares them (a synthesized `Encodable` encodes its
///   properties in declaration order). Foundation's `JSONEncoder` on Linux orders object keys by
///   hash, and none of the packages we may depend on keeps the order, hence this small encoder.
/// - Keys are snake_case: `observationEnd` is written `observation_end`; a key with no lowercase
///   letter (`T`, as in the BTYD literature) is written as it is.
/// - Numbers: integers as integers, other doubles in the shortest form that reads back the same;
///   a non-finite double (which no analysis should produce) is written `null`, never `nan`.
/// - Dictionaries are written with their keys sorted, so a document reads the same every time.
public enum JSONDocument {
    /// Pretty-printed (two-space indent) JSON text of `value`.
    public static func text<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        var out = ""
        write(encoder.storage.value ?? .null, to: &out, pretty: pretty, indent: 0)
        return out
    }

    /// Which part of a document's one long list to write: `limit` items from `offset` of the
    /// top-level array `list` (a snake_case key, as written).
    public struct Page: Sendable, Equatable {
        public var list: String
        public var offset: Int
        public var limit: Int

        public init(list: String, offset: Int, limit: Int) {
            self.list = list
            self.offset = offset
            self.limit = limit
        }
    }

    /// The document of `value` with its list `page.list` cut to the page, and at the end
    /// `page: {list, offset, limit, total}` (total = the list's length before the cut). The rest
    /// of the document is as `text(_:)` writes it. A document without that list is written whole.
    public static func text<T: Encodable>(_ value: T, page: Page, pretty: Bool = true) throws -> String {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        guard case .object(var object)? = encoder.storage.value, case .array(let items)? = object.values[page.list]
        else {
            var out = ""
            write(encoder.storage.value ?? .null, to: &out, pretty: pretty, indent: 0)
            return out
        }
        let start = min(max(page.offset, 0), items.count)
        let end = min(start + max(page.limit, 0), items.count)
        object.set(page.list, .array(Array(items[start..<end])))
        var info = Object()
        info.set("list", .string(page.list))
        info.set("offset", .integer(Int64(page.offset)))
        info.set("limit", .integer(Int64(page.limit)))
        info.set("total", .integer(Int64(items.count)))
        object.set("page", .object(info))
        var out = ""
        write(.object(object), to: &out, pretty: pretty, indent: 0)
        return out
    }

    /// The key as written: camelCase to snake_case.
    static func snakeCase(_ key: String) -> String {
        // Keys are nearly always ASCII: the same rule on bytes, without Unicode property lookups
        // (every key of every row goes through here; a page of 500 customers has 5,000).
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(key.utf8)
            let upper = { (b: UInt8) in b >= 0x41 && b <= 0x5A }
            let lower = { (b: UInt8) in b >= 0x61 && b <= 0x7A }
            let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
            guard bytes.contains(where: lower), bytes.contains(where: upper) else { return key }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 4)
            for (i, b) in bytes.enumerated() {
                if upper(b), i > 0 {
                    let previous = bytes[i - 1]
                    let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
                    if lower(previous) || digit(previous) || (upper(previous) && next.map(lower) == true),
                        result.last != 0x5F
                    {
                        result.append(0x5F)
                    }
                }
                result.append(upper(b) ? b + 0x20 : b)
            }
            return String(decoding: result, as: UTF8.self)
        }
        guard key.contains(where: \.isLowercase), key.contains(where: \.isUppercase) else { return key }
        let characters = Array(key)
        var result = ""
        for (i, c) in characters.enumerated() {
            if c.isUppercase, i > 0 {
                let previous = characters[i - 1]
                let next = i + 1 < characters.count ? characters[i + 1] : nil
                // A word starts at lower→Upper ("observationEnd") and at the last capital of an
                // acronym followed by lowercase ("PAlive" → "p_alive").
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true),
                    result.last != "_"
                {
                    result.append("_")
                }
            }
            result += c.lowercased()
        }
        return result
    }

    private static func write(_ value: Value, to out: inout String, pretty: Bool, indent: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .string(let s): writeString(s, to: &out)
        case .integer(let i): out += String(i)
        case .number(let d): out += number(d)
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, pretty: pretty, indent: indent + 1)
                write(item, to: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty: pretty, indent: indent)
            out += "]"
        case .object(let object):
            guard !object.keys.isEmpty else { return out += "{}" }
            out += "{"
            for (i, key) in object.keys.enumerated() {
                if i > 0 { out += "," }
                newline(&out, pretty: pretty, indent: indent + 1)
                writeString(key, to: &out)
                out += pretty ? ": " : ":"
                write(object.values[key] ?? .null, to: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty: pretty, indent: indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, pretty: Bool, indent: Int) {
        guard pretty else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        // Most strings need no escape: appended whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A JSON value with objects in insertion order.
    indirect enum Value {
        case null, bool(Bool), string(String), integer(Int64), number(Double), array([Value])
        case object(Object)
    }

    struct Object {
        var keys: [String] = []
        var values: [String: Value] = [:]

        mutating func set(_ key: String, _ value: Value) {
            if values.updateValue(value, forKey: key) == nil { keys.append(key) }
        }
    }
}

// MARK: - The Encoder that builds the tree

/// A mutable box for the value a container is building (containers nest by reference).
private final class Box {
    enum Content {
        case single(JSONDocument.Value?)
        case object([String], [String: Box])
        case array([Box])
    }

    var content: Content = .single(nil)

    var value: JSONDocument.Value? {
        switch content {
        case .single(let v): return v
        case .object(let keys, let boxes):
            var object = JSONDocument.Object()
            for key in keys { object.set(key, boxes[key]?.value ?? .null) }
            return .object(object)
        case .array(let boxes): return .array(boxes.map { $0.value ?? .null })
        }
    }
}

private struct TreeEncoder: Encoder {
    let storage: Box
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Dictionary keys are data, not property names: written as they are, sorted.
    var isDictionary = false

    init(storage: Box = Box(), codingPath: [CodingKey] = []) {
        self.storage = storage
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = storage.content {} else { storage.content = .object([], [:]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(storage: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = storage.content {} else { storage.content = .array([]) }
        return UnkeyedContainer(storage: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleContainer(storage: storage, codingPath: codingPath)
    }
}

/// Encodes one value into a box, turning dictionaries with string keys into sorted objects.
private func encodeValue<T: Encodable>(_ value: T, into box: Box, codingPath: [CodingKey]) throws {
    switch value {
    case let v as String: box.content = .single(.string(v))
    case let v as Bool: box.content = .single(.bool(v))
    case let v as Double: box.content = .single(v.isFinite ? .number(v) : .null)
    case let v as Float: box.content = .single(v.isFinite ? .number(Double(v)) : .null)
    case let v as Int: box.content = .single(.integer(Int64(v)))
    case let v as Int64: box.content = .single(.integer(v))
    case let v as Int32: box.content = .single(.integer(Int64(v)))
    case let v as UInt8: box.content = .single(.integer(Int64(v)))
    case let v as Date: box.content = .single(.string(ISO8601DateFormatter().string(from: v)))
    case let v as any StringKeyedDictionary:
        var object = JSONDocument.Object()
        for (key, element) in v.sortedEntries() {
            let child = Box()
            try encodeValue(element, into: child, codingPath: codingPath)
            object.set(key, child.value ?? .null)
        }
        box.content = .single(.object(object))
    default:
        try value.encode(to: TreeEncoder(storage: box, codingPath: codingPath))
    }
}

/// `[String: V]` seen through a type-erased door, so its keys can be sorted and kept as written.
private protocol StringKeyedDictionary {
    func sortedEntries() -> [(String, any Encodable)]
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    fileprivate func sortedEntries() -> [(String, any Encodable)] {
        keys.sorted().map { ($0, self[$0]! as any Encodable) }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: Box
    var codingPath: [CodingKey]

    private func child(for key: Key) -> Box {
        let name = JSONDocument.snakeCase(key.stringValue)
        guard case .object(var keys, var boxes) = storage.content else { return Box() }
        if let existing = boxes[name] { return existing }
        let box = Box()
        keys.append(name)
        boxes[name] = box
        storage.content = .object(keys, boxes)
        return box
    }

    mutating func encodeNil(forKey key: Key) throws { child(for: key).content = .single(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, into: child(for: key), codingPath: codingPath + [key])
    }

    // Optional properties that are nil are left out (as Foundation's encoder does), through
    // `encodeIfPresent`, which the synthesized conformance calls.

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        TreeEncoder(storage: child(for: key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        TreeEncoder(storage: child(for: key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(storage: storage, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        TreeEncoder(storage: child(for: key), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let storage: Box
    var codingPath: [CodingKey]
    var count: Int {
        if case .array(let boxes) = storage.content { return boxes.count }
        return 0
    }

    private func append() -> Box {
        let box = Box()
        if case .array(var boxes) = storage.content {
            boxes.append(box)
            storage.content = .array(boxes)
        }
        return box
    }

    mutating func encodeNil() throws { append().content = .single(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: append(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        TreeEncoder(storage: append(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        TreeEncoder(storage: append(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(storage: append(), codingPath: codingPath) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let storage: Box
    var codingPath: [CodingKey]

    mutating func encodeNil() throws { storage.content = .single(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: storage, codingPath: codingPath)
    }
}
