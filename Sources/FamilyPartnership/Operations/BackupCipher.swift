import Crypto
import _CryptoExtras
import Foundation

/// A backup sealed with a passphrase: AES-256-GCM in chunks of 1 MiB, the key derived from the passphrase with
/// PBKDF2-HMAC-SHA256 (600,000 rounds) and a random salt. Each chunk is authenticated together with its number and
/// whether it is the last, so a file cut short, reordered or altered is refused rather than restored in part.
///
/// Layout: the magic line, 16 bytes of salt, the rounds (4 bytes, big-endian); then chunks, each its sealed length
/// (4 bytes, big-endian) and the sealed box (nonce, ciphertext, tag).
enum BackupCipher {
    static let magic = Data("FPP-ENCRYPTED-BACKUP-1\n".utf8)
    static let rounds = 600_000
    static let chunkSize = 1 << 20

    enum Problem: Error, CustomStringConvertible {
        case wrongPassphraseOrDamaged
        case cutShort
        case notEncrypted

        var description: String {
            switch self {
            case .wrongPassphraseOrDamaged: "The passphrase is wrong, or the backup has been altered."
            case .cutShort: "The backup is incomplete: it ends before its last part."
            case .notEncrypted: "The backup is not encrypted."
            }
        }
    }

    /// Whether `file` starts like an encrypted backup.
    static func isEncrypted(_ file: URL) throws -> Bool {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        return try handle.read(upToCount: magic.count) == magic
    }

    static func encrypt(_ source: URL, to target: URL, passphrase: String) throws {
        var salt = Data(count: 16)
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255) }
        let key = try self.key(passphrase, salt: salt, rounds: rounds)
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        let output = try FileHandle(forWritingTo: target)
        defer { try? output.close() }
        try output.write(contentsOf: magic + salt + bigEndian(UInt32(rounds)))
        var index: UInt64 = 0
        var chunk = try input.read(upToCount: chunkSize) ?? Data()
        while true {
            let next = try input.read(upToCount: chunkSize) ?? Data()
            let sealed = try AES.GCM.seal(chunk, using: key, authenticating: label(index, last: next.isEmpty)).combined!
            try output.write(contentsOf: bigEndian(UInt32(sealed.count)) + sealed)
            if next.isEmpty { break }
            chunk = next
            index += 1
        }
        try output.synchronize()
    }

    static func decrypt(_ source: URL, to target: URL, passphrase: String) throws {
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        guard try input.read(upToCount: magic.count) == magic else { throw Problem.notEncrypted }
        guard let salt = try input.read(upToCount: 16), salt.count == 16, let roundsData = try input.read(upToCount: 4), roundsData.count == 4 else {
            throw Problem.cutShort
        }
        let key = try self.key(passphrase, salt: salt, rounds: Int(uint32(roundsData)))
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        let output = try FileHandle(forWritingTo: target)
        defer { try? output.close() }
        var index: UInt64 = 0
        while true {
            guard let lengthData = try input.read(upToCount: 4), lengthData.count == 4 else { throw Problem.cutShort }
            let length = Int(uint32(lengthData))
            guard length <= chunkSize + 28, let sealed = try input.read(upToCount: length), sealed.count == length else { throw Problem.cutShort }
            let box = try AES.GCM.SealedBox(combined: sealed)
            if let plain = try? AES.GCM.open(box, using: key, authenticating: label(index, last: false)) {
                try output.write(contentsOf: plain)
            } else if let plain = try? AES.GCM.open(box, using: key, authenticating: label(index, last: true)) {
                try output.write(contentsOf: plain)
                guard (try input.read(upToCount: 1) ?? Data()).isEmpty else { throw Problem.wrongPassphraseOrDamaged }
                break
            } else {
                throw Problem.wrongPassphraseOrDamaged
            }
            index += 1
        }
        try output.synchronize()
    }

    private static func key(_ passphrase: String, salt: Data, rounds: Int) throws -> SymmetricKey {
        try KDF.Insecure.PBKDF2.deriveKey(from: Data(passphrase.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                          unsafeUncheckedRounds: rounds)
    }

    private static func label(_ index: UInt64, last: Bool) -> Data {
        withUnsafeBytes(of: index.bigEndian) { Data($0) } + Data([last ? 1 : 0])
    }

    private static func bigEndian(_ value: UInt32) -> Data { withUnsafeBytes(of: value.bigEndian) { Data($0) } }

    private static func uint32(_ data: Data) -> UInt32 { data.reduce(0) { $0 << 8 | UInt32($1) } }
}
