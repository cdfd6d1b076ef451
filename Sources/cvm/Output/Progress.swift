import CVMApp
import Foundation

/// A one-line progress display on standard error, shown only for work that takes over a second
/// and redrawn at most five times a second.
final class Progress {
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String) { self.label = label }

    func update(_ text: @autoclosure () -> String) {
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label): \(text())".utf8))
    }

    /// Clears the line if anything was drawn.
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
