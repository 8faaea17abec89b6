import Foundation
import Vapor

/// Addresses of reverse proxies whose `X-Forwarded-For` is believed (`FPP_TRUSTED_PROXIES`: addresses or CIDR
/// ranges, comma-separated, e.g. "127.0.0.1, 10.0.0.0/8"). Anyone can send the header, so without a trusted
/// proxy in front the client's address is the socket's.
struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        let network: [UInt8]
        let prefix: Int

        /// "10.0.0.0/8", "192.168.1.20", "::1", "fd00::/8".
        init?(_ text: String) {
            let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let bytes = TrustedProxies.bytes(of: first) else { return nil }
            let bits = bytes.count * 8
            let prefix = parts.count == 2 ? Int(parts[1]) : bits
            guard let prefix, (0...bits).contains(prefix) else { return nil }
            self.network = bytes
            self.prefix = prefix
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == network.count else { return false }
            var remaining = prefix
            for (a, b) in zip(address, network) where remaining > 0 {
                let take = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
                if a & mask != b & mask { return false }
                remaining -= take
            }
            return true
        }
    }

    let ranges: [Range]

    init(_ ranges: [Range] = []) { self.ranges = ranges }

    /// Reads the setting; a part that is not an address or range is reported rather than ignored.
    static func parse(_ setting: String?) throws -> TrustedProxies {
        let parts = (setting ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return TrustedProxies(try parts.map { part in
            guard let range = Range(part) else {
                throw Abort(.internalServerError, reason: "FPP_TRUSTED_PROXIES: \"\(part)\" is not an address or a CIDR range.")
            }
            return range
        })
    }

    func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client's address: the socket's peer, unless that peer is a trusted proxy, in which case the
    /// right-most address of `X-Forwarded-For` that is not itself a trusted proxy.
    func clientAddress(peer: String?, forwardedFor: [String]) -> String {
        guard let peer else { return "unknown" }
        guard trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !trusts(hop) {
            return Self.bytes(of: hop) == nil ? peer : hop
        }
        return hops.first ?? peer
    }

    static func bytes(of address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}

extension Request {
    /// Where the request came from, for the audit log and the sign-in throttle.
    var clientAddress: String {
        application.settings.trustedProxies.clientAddress(peer: remoteAddress?.ipAddress,
                                                          forwardedFor: headers[.xForwardedFor])
    }
}
