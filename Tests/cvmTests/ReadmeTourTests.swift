import Foundation
import Testing
import _CVMTestSupport

/// The README's tour runs as written: every line, in order, in a fresh folder beside the samples.
@Suite struct ReadmeTourTests {
    /// The commands of the README's tour block, one per line, comments removed.
    static func tourLines() throws -> [[String]] {
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        let tour = try #require(readme.range(of: "## A short tour"))
        let block = readme[tour.upperBound...]
        let open = try #require(block.range(of: "```sh\n"))
        let close = try #require(block[open.upperBound...].range(of: "```"))
        return block[open.upperBound..<close.lowerBound].split(separator: "\n").map { line in
            let command = line.split(separator: "#", maxSplits: 1).first ?? ""
            return command.split(separator: " ").map(String.init)
        }.filter { !$0.isEmpty }
    }

    @Test func everyTourLineRuns() throws {
        let lines = try Self.tourLines()
        #expect(lines.count >= 20)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(
            at: directory.appendingPathComponent("samples"),
            withDestinationURL: Fixtures.root.appendingPathComponent("samples"))
        for line in lines {
            #expect(line.first == "cvm", "a tour line that is not a cvm command: \(line)")
            let run = try CLI.run(Array(line.dropFirst()), in: directory, environment: ["CVM_DATABASE": ""])
            #expect(run.status == 0, "\(line.joined(separator: " ")) failed: \(run.stderr)")
            for bad in ["nan", "inf"] {
                let words = (run.stdout + run.stderr).lowercased().split { !$0.isLetter }
                #expect(!words.contains(Substring(bad)), "\(line.joined(separator: " ")) printed \(bad)")
            }
        }
        for file in ["summary.csv", "segments.csv", "clv.csv", "winback.csv", "report.html", "generated.csv"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
    }
}
