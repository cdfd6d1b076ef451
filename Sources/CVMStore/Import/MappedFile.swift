import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped read-only into memory, so the importer scans its bytes without copying them.
final class MappedFile {
    let url: URL
    let count: Int
    private let address: UnsafeMutableRawPointer?

    /// Maps the file; throws `ImportError` (.unreadableFile) with the system's reason.
    init(_ url: URL) throws {
        self.url = url
        let path = url.path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ImportError(.unreadableFile, "cannot read \(path): \(reason)")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ImportError(.unreadableFile, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ImportError(.unreadableFile, "cannot read \(path): it is not a regular file")
        }
        count = Int(status.st_size)
        if count == 0 {
            address = nil
            return
        }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw ImportError(.unreadableFile, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        _ = madvise(mapped, count, MADV_SEQUENTIAL)
        address = mapped
    }

    deinit {
        if let address { munmap(address, count) }
    }

    /// The file's bytes, valid while `self` is alive.
    var bytes: UnsafeBufferPointer<UInt8> {
        guard let address else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: count)
    }
}
