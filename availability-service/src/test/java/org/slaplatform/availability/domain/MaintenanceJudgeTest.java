package org.slaplatform.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.availability.domain.MaintenanceJudge.Verdict;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.policy.PolicyLoader;

/**
 * AVL-3, IS-AVL-4, NTF-2: the maintenance verdict as the seed policies read, every number from the
 * policy file. Variants of the IS file (a key changed) prove that the code reads the key.
 */
class MaintenanceJudgeTest {

    private static final PolicyBook BOOK = PolicyBook.shipped();
    private static final Policy IS = BOOK.version("infostretch", 1);
    private static final Policy INF = BOOK.version("inflectra", 1);

    /** 2026-11-18 00:00 New York (EST) = 05:00Z: the start of IS's nightly 00:00-03:00 window. */
    private static final Instant NIGHT = Instant.parse("2026-11-18T05:00:00Z");

    private static Verdict judge(Policy policy, MaintenanceKind kind, Instant announcedAt, Instant start, Duration length) {
        return MaintenanceJudge.judge(policy, kind, announcedAt, start, start.plus(length), null, null);
    }

    /** The shipped IS file with each {@code from} replaced by the {@code to} after it. */
    private static Policy isWith(String... fromTo) {
        try (InputStream in = Policy.class.getClassLoader().getResourceAsStream("policies/infostretch.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < fromTo.length; i += 2) {
                assertThat(yaml).contains(fromTo[i]);
                yaml = yaml.replace(fromTo[i], fromTo[i + 1]);
            }
            return PolicyLoader.fromString(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String NOTICE = "  notice: PT48H\n";

    @Test
    @DisplayName("AVL-3 IS planned maintenance 49 h ahead inside 00:00-03:00 Eastern is excluded; 47 h ahead it is not, and says why")
    void isNotice() {
        assertThat(judge(IS, MaintenanceKind.PLANNED, NIGHT.minus(Duration.ofHours(49)), NIGHT, Duration.ofHours(1)).excluded())
                .isTrue();
        assertThat(judge(IS, MaintenanceKind.PLANNED, NIGHT.minus(Duration.ofHours(47)), NIGHT, Duration.ofHours(1)))
                .satisfies(v -> assertThat(v.excluded()).isFalse())
                .extracting(Verdict::reasons).asList()
                .containsExactly("announced 47 h ahead; the policy needs 48 h notice (AVL-3)");
    }

    @Test
    @DisplayName("AVL-3 IS planned maintenance running past 03:00 Eastern is outside its window: not excluded, and says why")
    void isWindow() {
        Verdict v = judge(IS, MaintenanceKind.PLANNED, NIGHT.minus(Duration.ofDays(3)), NIGHT.plus(Duration.ofMinutes(150)),
                Duration.ofHours(1));
        assertThat(v.excluded()).isFalse();
        assertThat(v.reasons()).containsExactly("not inside an allowed window: [nightly 00:00-03:00 America/New_York] (AVL-3)");
    }

    @Test
    @DisplayName("AVL-3 INF planned maintenance inside the second Saturday 09:00-11:00 Eastern is excluded; the first Saturday it is not")
    void infWindow() {
        Instant secondSaturday = Instant.parse("2026-11-14T14:00:00Z"); // 09:00 EST
        Instant firstSaturday = Instant.parse("2026-11-07T14:00:00Z");
        assertThat(judge(INF, MaintenanceKind.PLANNED, secondSaturday.minus(Duration.ofDays(1)), secondSaturday,
                Duration.ofHours(2)).excluded()).isTrue();
        assertThat(judge(INF, MaintenanceKind.PLANNED, firstSaturday.minus(Duration.ofDays(1)), firstSaturday,
                Duration.ofHours(2)).reasons()).singleElement().asString().startsWith("not inside an allowed window: [monthly");
    }

    @Test
    @DisplayName("AVL-3 IS emergency maintenance is excluded only with a justification; without one it is not, and says why")
    void isEmergencyJustification() {
        Instant now = Instant.parse("2026-11-18T14:05:00Z");
        Verdict justified = MaintenanceJudge.judge(IS, MaintenanceKind.EMERGENCY, now, now, now.plus(Duration.ofMinutes(40)),
                null, "zero-day exploited in the wild");
        assertThat(justified.excluded()).isTrue();
        assertThat(justified.reasons()).isEmpty();
        Verdict bare = judge(IS, MaintenanceKind.EMERGENCY, now, now, Duration.ofMinutes(40));
        assertThat(bare.excluded()).isFalse();
        assertThat(bare.reasons()).containsExactly("emergency maintenance without a justification: policy infostretch "
                + "excludes it only when an agent or admin records why it could not wait (AVL-3)");
        // the key decides: a policy that does not ask for one excludes it without
        assertThat(judge(isWith("emergencyNeedsJustification: true", "emergencyNeedsJustification: false"),
                MaintenanceKind.EMERGENCY, now, now, Duration.ofMinutes(40)).excluded()).isTrue();
        // INF does not exclude emergency maintenance at all
        assertThat(judge(INF, MaintenanceKind.EMERGENCY, now, now, Duration.ofMinutes(40)).reasons())
                .containsExactly("policy inflectra does not exclude emergency-maintenance (AVL-3)");
    }

    @Test
    @DisplayName("IS-AVL-4 IS maintenance longer than 15 minutes announced after it starts cites IS-AVL-4; 15 minutes does not (the 48 h notice still applies)")
    void isAnnounceBeforeStart() {
        Instant late = NIGHT.plus(Duration.ofMinutes(5));
        assertThat(judge(IS, MaintenanceKind.PLANNED, late, NIGHT, Duration.ofMinutes(16)).reasons()).containsExactly(
                "lasts 16 min, more than the policy's 15 min: announced at 2026-11-18T05:05:00Z, not before it starts at "
                        + "2026-11-18T05:00:00Z (IS-AVL-4)",
                "announced 0 h 5 min after it started; the policy needs 48 h notice (AVL-3)");
        assertThat(judge(IS, MaintenanceKind.PLANNED, late, NIGHT, Duration.ofMinutes(15)).reasons())
                .containsExactly("announced 0 h 5 min after it started; the policy needs 48 h notice (AVL-3)");
    }

    @Test
    @DisplayName("IS-AVL-4 the threshold is read from the policy: with no notice rule and 30 minutes, 20 minutes unannounced is excluded, 31 is not")
    void thresholdFromPolicy() {
        Policy variant = isWith(NOTICE, "", "announceIfLongerThan: PT15M", "announceIfLongerThan: PT30M");
        Instant late = NIGHT.plus(Duration.ofMinutes(5));
        assertThat(judge(variant, MaintenanceKind.PLANNED, late, NIGHT, Duration.ofMinutes(20)).excluded()).isTrue();
        assertThat(judge(variant, MaintenanceKind.PLANNED, late, NIGHT, Duration.ofMinutes(31)).reasons()).singleElement()
                .asString().startsWith("lasts 31 min, more than the policy's 30 min").endsWith("(IS-AVL-4)");
    }

    @Test
    @DisplayName("IS-AVL-4 moving planned maintenance needs 5 days' notice before the earlier start")
    void isMoveNotice() {
        Instant announced = NIGHT.minus(Duration.ofDays(4));
        Verdict moved = MaintenanceJudge.judge(IS, MaintenanceKind.PLANNED, announced, NIGHT, NIGHT.plus(Duration.ofHours(1)),
                NIGHT.plus(Duration.ofDays(1)), null);
        assertThat(moved.reasons()).containsExactly("moved 96 h before 2026-11-18T05:00:00Z; moving needs 120 h notice (IS-AVL-4)");
        assertThat(MaintenanceJudge.judge(IS, MaintenanceKind.PLANNED, NIGHT.minus(Duration.ofDays(6)), NIGHT,
                NIGHT.plus(Duration.ofHours(1)), NIGHT.plus(Duration.ofDays(1)), null).excluded()).isTrue();
    }

    @Test
    @DisplayName("NTF-2 IS announces upgrades: a 10-minute upgrade not announced ahead is not excluded where a 10-minute planned check would be")
    void upgradesAnnounced() {
        Policy noNotice = isWith(NOTICE, "");
        Instant late = NIGHT.plus(Duration.ofMinutes(1));
        assertThat(judge(noNotice, MaintenanceKind.PLANNED, late, NIGHT, Duration.ofMinutes(10)).excluded()).isTrue();
        assertThat(judge(noNotice, MaintenanceKind.UPGRADE, late, NIGHT, Duration.ofMinutes(10)).reasons()).containsExactly(
                "upgrade announced at 2026-11-18T05:01:00Z, not before it starts at 2026-11-18T05:00:00Z; policy infostretch "
                        + "announces upgrades in advance (NTF-2)");
        Policy silent = isWith(NOTICE, "", "upgradesAnnounced: true", "upgradesAnnounced: false");
        assertThat(judge(silent, MaintenanceKind.UPGRADE, late, NIGHT, Duration.ofMinutes(10)).excluded()).isTrue();
        // announced ahead with the notice, an upgrade is planned maintenance like any other
        assertThat(judge(IS, MaintenanceKind.UPGRADE, NIGHT.minus(Duration.ofDays(3)), NIGHT, Duration.ofMinutes(10))
                .excluded()).isTrue();
    }
}
