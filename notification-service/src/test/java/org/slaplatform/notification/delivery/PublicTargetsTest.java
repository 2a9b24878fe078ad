package org.slaplatform.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SSRF through a webhook URL: every IANA special-purpose range that is not globally reachable is
 * refused, including the IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4).
 */
class PublicTargetsTest {

    /** One address per refused range (the literal is resolved without DNS). */
    private static final List<String> REFUSED = List.of(
            "0.0.0.0", "0.1.2.3", "10.1.2.3", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.255.255.254",
            "169.254.169.254", "172.16.0.1", "172.31.255.254", "192.0.0.8", "192.0.2.1", "192.88.99.1",
            "192.168.1.1", "198.18.0.1", "198.19.255.254", "198.51.100.7", "203.0.113.9", "224.0.0.1",
            "239.255.255.250", "240.0.0.1", "255.255.255.254", "255.255.255.255",
            "::", "::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "::10.0.0.1",
            "::198.18.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::c612:1",
            "64:ff9b:1::5db8:d822", "100::1", "2001::1", "2001:0:4136:e378::1", "2001:1ff::1",
            "2001:db8::1", "2002:7f00:1::1", "2002:a9fe:a9fe::", "2002:c0a8:101::1", "3fff::1", "5f00::1",
            "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff0e::1",
            "1::1", "4000::1", "e000::1");

    /** Public addresses that must pass, including the IPv6 forms carrying a public IPv4 address. */
    private static final List<String> PUBLIC = List.of(
            "1.1.1.1", "8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "192.0.1.1", "192.0.3.1", "198.17.255.255", "198.20.0.1", "198.51.99.1",
            "203.0.112.1", "223.255.255.255", "::ffff:93.184.216.34", "64:ff9b::5db8:d822",
            "2002:5db8:d822::1", "2001:200::1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e",
            "2001:4860:4860::8888");

    @Test
    @DisplayName("SSRF to a special-purpose address: one address in every refused range is refused")
    void everySpecialPurposeRangeIsRefused() throws Exception {
        for (String literal : REFUSED) {
            assertThat(PublicTargets.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
            assertThat(PublicTargets.refusal(literal)).as(literal).isPresent();
        }
    }

    @Test
    @DisplayName("public IPv4 and IPv6 addresses, and NAT64/6to4/mapped forms of public IPv4, still pass")
    void publicAddressesPass() throws Exception {
        for (String literal : PUBLIC) {
            assertThat(PublicTargets.refusal(literal)).as(literal).isEmpty();
        }
    }

    @Test
    @DisplayName("SSRF through an IPv4-mapped address kept in IPv6 form is judged by the IPv4 it carries")
    void mappedAddressInIpv6FormIsJudgedByItsIpv4() throws Exception {
        byte[] loopback = new byte[16];
        loopback[10] = (byte) 0xff;
        loopback[11] = (byte) 0xff;
        loopback[12] = 127;
        loopback[15] = 1;
        assertThat(PublicTargets.specialRange(Inet6Address.getByAddress(null, loopback, -1)))
                .hasValueSatisfying(why -> assertThat(why).contains("::ffff:0:0/96").contains("127.0.0.0/8"));
        byte[] benchmarking = new byte[16];
        benchmarking[0] = 0x20;
        benchmarking[1] = 0x02;
        benchmarking[2] = (byte) 198;
        benchmarking[3] = 18;
        assertThat(PublicTargets.specialRange(InetAddress.getByAddress(benchmarking)))
                .hasValueSatisfying(why -> assertThat(why).contains("2002::/16").contains("198.18.0.0/15"));
    }

    @Test
    @DisplayName("blocking DNS on the event loop: the look-up refuses to run on a Vert.x event loop thread")
    void blockingDnsOnTheEventLoopIsRefused() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            java.util.concurrent.CompletableFuture<Throwable> thrown = new java.util.concurrent.CompletableFuture<>();
            vertx.runOnContext(ignored -> {
                try {
                    PublicTargets.refusal("localhost");
                    thrown.complete(null);
                } catch (Throwable t) {
                    thrown.complete(t);
                }
            });
            assertThat(thrown.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("event loop");
        } finally {
            vertx.close();
        }
    }

    @Test
    @DisplayName("every range in the table is refused at its first and its last address, unless it is judged by an embedded IPv4")
    void theTableIsConsistent() throws Exception {
        for (PublicTargets.Range range : PublicTargets.RANGES) {
            if (range.embeddedV4At() != PublicTargets.Range.REFUSE) {
                continue;
            }
            byte[] first = range.prefix().clone();
            byte[] last = range.prefix().clone();
            for (int bit = range.bits(); bit < last.length * 8; bit++) {
                last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
            assertThat(PublicTargets.isPublic(InetAddress.getByAddress(first))).as(range.name()).isFalse();
            assertThat(PublicTargets.isPublic(InetAddress.getByAddress(last))).as(range.name() + " last").isFalse();
        }
    }
}
