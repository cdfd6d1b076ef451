import CVMAPI
import CVMApp
import CVMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the service does when things go wrong under it: a client that goes away mid-upload, two
/// imports at once.
@Suite struct ReliabilityTests {
    /// `count` transaction rows of customers named `prefix`1…, one a day from 1998-01-01.
    static func transactions(_ prefix: String, _ count: Int) -> String {
        "customer_id,date,amount\n"
            + (0..<count).map { "\(prefix)\($0 % 50),1998-0\(1 + ($0 / 28) % 6)-\(10 + $0 % 18),\($0 % 90 + 1).5\n" }
            .joined()
    }

    /// Sends the request head and `sent` of the body's bytes over a plain socket, then closes the
    /// connection: a client that went away mid-upload.
    static func sendHalfAndClose(port: Int, path: String, token: String, body: [UInt8], sent: Int) throws {
        #if canImport(Glibc)
            let stream = Int32(SOCK_STREAM.rawValue)
        #else
            let stream = SOCK_STREAM
        #endif
        let fd = socket(AF_INET, stream, 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        let head =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: text/csv\r\nContent-Length: \(body.count)\r\n\r\n"
        let bytes = Array(head.utf8) + body[..<sent]
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            try #require(n > 0)
            offset += n
        }
    }

    @Test func aClientThatDisconnectsMidUploadStoresNothing() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let before = try await fixture.workspace.counts()
        let importsBefore = try await fixture.workspace.imports().imports.count
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Whole, valid rows in the part that arrives: a server that took the early end for the
            // end of the file would store them.
            let body = Array(Self.transactions("D", 20_000).utf8)
            let cut = body[..<(body.count / 2)].lastIndex(of: UInt8(ascii: "\n"))! + 1
            try Self.sendHalfAndClose(
                port: port, path: "/api/v1/imports/transactions?filename=half.csv", token: fixture.analyst, body: body,
                sent: cut)
            // The server notices the closed connection; give it time to clean up, then look.
            let uploads = fixture.directory.appendingPathComponent("uploads").path
            for _ in 0..<50 {
                let left = (try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []
                if left.isEmpty { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty)
            // The server still answers, and the same file sent whole imports every row.
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
        #expect(try await fixture.workspace.counts() == before)
        #expect(try await fixture.workspace.imports().imports.count == importsBefore)
    }

    @Test func twoImportsAtOnceBothStoreEveryRowOnce() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let before = try await fixture.workspace.counts()
        let app = try await buildApplication(fixture.configuration())
        let files = [("A", Self.transactions("A", 5_000)), ("B", Self.transactions("B", 7_000))]
        try await app.test(.live) { client in
            var headers = bearer(fixture.analyst)
            headers[.contentType] = "text/csv"
            // Each answer as (file, status, code, rows stored); both sent at once over the socket
            // client (which serves concurrent requests on their own connections).
            let shared = Shared(client)
            let csvHeaders = headers
            let answers = try await withThrowingTaskGroup(of: (String, Int, String?, Int).self) { group in
                for (name, text) in files {
                    group.addTask {
                        try await shared.value.execute(
                            uri: "/api/v1/imports/transactions?filename=\(name).csv", method: .post,
                            headers: csvHeaders, body: ByteBuffer(string: text)
                        ) {
                            (name, $0.status.code, $0.object["code"] as? String, $0.object["rows_stored"] as? Int ?? 0)
                        }
                    }
                }
                var all: [(String, Int, String?, Int)] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            var stored = 0
            for (name, status, code, rows) in answers {
                // Both succeed, or one is told clearly that the database is busy.
                #expect(status == 200 || status == 503, "\(name): \(status) \(code ?? "")")
                if status == 200 {
                    stored += rows
                } else {
                    #expect(code == "busy", "\(name)")
                }
            }
            #expect(answers.filter { $0.1 == 200 }.count >= 1)
            let after = try await fixture.workspace.counts()
            #expect(after.transactions == before.transactions + stored)
            // Nothing doubled: each file's rows are distinct (customer, day, amount) lines, stored once.
            if answers.allSatisfy({ $0.1 == 200 }) { #expect(stored == 12_000) }
        }
    }
}

/// A value handed to concurrent tasks as it is: the live test client, whose requests each take a
/// connection of their own.
private struct Shared<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
