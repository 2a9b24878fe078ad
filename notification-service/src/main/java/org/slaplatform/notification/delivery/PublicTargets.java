package org.slaplatform.notification.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.vertx.core.Context;

/**
 * Keeps webhooks from reaching into the platform's own network (server-side request forgery): every
 * address in an IANA special-purpose range that is not globally reachable is refused, IPv4 and IPv6,
 * from the one table {@link #RANGES}. IPv6 forms that carry an IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64 well-known prefix, 6to4) are judged by the IPv4 address they carry; IPv6
 * outside 2000::/3 (the only block IANA allocates as global unicast) is refused as well. Checked when
 * a subscription is made and again before every send, since a name may resolve elsewhere later; the
 * send then connects to the address checked ({@link Checked#pinned()}), not to a later answer.
 * {@link #check} resolves names (blocking): never call it on an event loop.
 */
public final class PublicTargets {

    /** What a matching address means: refused outright, or judged by the IPv4 address at this offset. */
    record Range(byte[] prefix, int bits, String name, int embeddedV4At) {

        static final int REFUSE = -1;

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /**
     * The special-purpose ranges (IANA IPv4 and IPv6 Special-Purpose Address Registries, RFC 6890 and
     * successors), most specific first: the first match decides.
     */
    static final List<Range> RANGES = List.of(
            // IPv4
            refuse("0.0.0.0/8", "this network"),
            refuse("10.0.0.0/8", "private, RFC 1918"),
            refuse("100.64.0.0/10", "shared address space, CGNAT"),
            refuse("127.0.0.0/8", "loopback"),
            refuse("169.254.0.0/16", "link-local, cloud metadata"),
            refuse("172.16.0.0/12", "private, RFC 1918"),
            refuse("192.0.0.0/24", "IETF protocol assignments"),
            refuse("192.0.2.0/24", "documentation, TEST-NET-1"),
            refuse("192.88.99.0/24", "6to4 relay anycast, deprecated"),
            refuse("192.168.0.0/16", "private, RFC 1918"),
            refuse("198.18.0.0/15", "benchmarking"),
            refuse("198.51.100.0/24", "documentation, TEST-NET-2"),
            refuse("203.0.113.0/24", "documentation, TEST-NET-3"),
            refuse("224.0.0.0/4", "multicast"),
            refuse("255.255.255.255/32", "limited broadcast"),
            refuse("240.0.0.0/4", "reserved"),
            // IPv6
            refuse("::/128", "unspecified"),
            refuse("::1/128", "loopback"),
            embedding("::ffff:0:0/96", "IPv4-mapped", 12),
            embedding("::/96", "IPv4-compatible, deprecated", 12),
            embedding("64:ff9b::/96", "NAT64 well-known prefix", 12),
            refuse("64:ff9b:1::/48", "NAT64 local use"),
            refuse("::/8", "reserved"),
            refuse("100::/64", "discard-only"),
            refuse("2001:db8::/32", "documentation"),
            refuse("2001::/23", "IETF protocol assignments, Teredo"),
            embedding("2002::/16", "6to4", 2),
            refuse("3fff::/20", "documentation"),
            refuse("5f00::/16", "segment routing SIDs"),
            refuse("fc00::/7", "unique-local"),
            refuse("fe80::/10", "link-local"),
            refuse("fec0::/10", "site-local, deprecated"),
            refuse("ff00::/8", "multicast"));

    /** IPv6 global unicast: anything outside it (and not above) is unallocated or special. */
    private static final Range GLOBAL_UNICAST_V6 = refuse("2000::/3", "global unicast");

    private PublicTargets() {
    }

    /**
     * Empty when every address of {@code host} is public; else why not. Resolves names (blocking) with
     * the system resolver, so it refuses to run on a Vert.x event loop.
     */
    public static Optional<String> refusal(String host) {
        return check(host, HostResolver.SYSTEM).refusal();
    }

    /**
     * What one look-up of {@code host} found: its addresses, all of them public, or why not. A
     * delivery connects to an address of this answer, never to one of a later look-up (DNS rebinding).
     */
    public record Checked(String host, List<InetAddress> addresses, Optional<String> refusal) {

        /** The address to connect to: the first of those checked. */
        public InetAddress pinned() {
            return addresses.get(0);
        }
    }

    /**
     * Resolves {@code host} once and checks every address it resolves to. Blocking DNS, so it refuses to
     * run on a Vert.x event loop.
     */
    public static Checked check(String host, HostResolver resolver) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("PublicTargets.refusal resolves " + host
                    + " with blocking DNS and must not run on a Vert.x event loop");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Checked(host, List.of(), Optional.of("host " + host + " does not resolve"));
        }
        if (addresses == null || addresses.length == 0) {
            return new Checked(host, List.of(), Optional.of("host " + host + " does not resolve"));
        }
        for (InetAddress address : addresses) {
            Optional<String> special = specialRange(address);
            if (special.isPresent()) {
                return new Checked(host, List.of(addresses), Optional.of("host " + host + " resolves to "
                        + address.getHostAddress() + ", in the special-purpose range " + special.get()
                        + ", not globally reachable"));
            }
        }
        return new Checked(host, List.of(addresses), Optional.empty());
    }

    static boolean isPublic(InetAddress address) {
        return specialRange(address).isEmpty();
    }

    /** The special-purpose range the address is in, as "cidr (name)"; empty when it is public. */
    static Optional<String> specialRange(InetAddress address) {
        return specialRange(address.getAddress());
    }

    private static Optional<String> specialRange(byte[] address) {
        for (Range range : RANGES) {
            if (range.contains(address)) {
                if (range.embeddedV4At() == Range.REFUSE) {
                    return Optional.of(range.name());
                }
                byte[] v4 = Arrays.copyOfRange(address, range.embeddedV4At(), range.embeddedV4At() + 4);
                return specialRange(v4).map(inner -> range.name() + " carrying " + dotted(v4) + " in " + inner);
            }
        }
        if (address.length == 16 && !GLOBAL_UNICAST_V6.contains(address)) {
            return Optional.of("outside 2000::/3 (not allocated as global unicast)");
        }
        return Optional.empty();
    }

    private static String dotted(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    private static Range refuse(String cidr, String what) {
        return range(cidr, what, Range.REFUSE);
    }

    private static Range embedding(String cidr, String what, int offset) {
        return range(cidr, what, offset);
    }

    private static Range range(String cidr, String what, int embeddedV4At) {
        int slash = cidr.indexOf('/');
        String literal = cidr.substring(0, slash);
        byte[] prefix = literal.contains(":") ? ipv6(literal) : ipv4(literal);
        return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)), cidr + " (" + what + ")", embeddedV4At);
    }

    private static byte[] ipv4(String literal) {
        String[] parts = literal.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }

    /** Hex groups with at most one "::" (no dotted tail): InetAddress would turn ::ffff:0:0 into IPv4. */
    private static byte[] ipv6(String literal) {
        int gap = literal.indexOf("::");
        String[] head = groups(gap < 0 ? literal : literal.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : groups(literal.substring(gap + 2));
        byte[] b = new byte[16];
        for (int i = 0; i < head.length; i++) {
            put(b, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            put(b, 8 - tail.length + i, tail[i]);
        }
        return b;
    }

    private static String[] groups(String s) {
        return s.isEmpty() ? new String[0] : s.split(":");
    }

    private static void put(byte[] b, int group, String hex) {
        int v = Integer.parseInt(hex, 16);
        b[2 * group] = (byte) (v >> 8);
        b[2 * group + 1] = (byte) v;
    }
}
