package org.slaplatform.slatimer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyLoader;
import org.slaplatform.policy.TargetKind;
import org.slaplatform.slatimer.domain.TargetClock.State;

/** The clock function over the InfoStretch table, read as the policy reads (times are Pacific). */
class SlaClocksTest {

    private static final Policy IS = PolicyLoader.fromClasspath("infostretch");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final UUID TICKET = UUID.fromString("00000000-0000-0000-0000-000000000005");

    static Instant pacific(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PACIFIC).toInstant();
    }

    private final List<TicketHistory.Entry> events = new ArrayList<>();

    private SlaClocksTest filed(int severity, String at) {
        events.add(new TicketHistory.Entry("e" + events.size(), new TicketCreated(TICKET, "acme", severity, "Login fails",
                "API", pacific(at), "DEFECT", "infostretch", 1, "Maintenance", "America/Los_Angeles", List.of())));
        return this;
    }

    private SlaClocksTest moved(String from, String to, String at) {
        boolean reopened = (from.equals("RESOLVED") || from.equals("CLOSED"))
                && !(to.equals("RESOLVED") || to.equals("CLOSED"));
        events.add(new TicketHistory.Entry("e" + events.size(), new TicketStateChanged(TICKET, "acme", "infostretch", 1,
                from, to, reopened, severity(), pacific(at), "agent", null)));
        return this;
    }

    private SlaClocksTest severityChanged(int to, String at) {
        events.add(new TicketHistory.Entry("e" + events.size(), new TicketSeverityChanged(TICKET, "acme", "infostretch",
                1, severity(), to, "IN_PROGRESS", pacific(at), "agent", "re-rated")));
        return this;
    }

    private int severity() {
        int severity = 0;
        for (TicketHistory.Entry e : events) {
            if (e.event() instanceof TicketCreated c) {
                severity = c.severity();
            } else if (e.event() instanceof TicketSeverityChanged v) {
                severity = v.toSeverity();
            }
        }
        return severity;
    }

    private TicketClocks clocks() {
        return SlaClocks.derive(IS, TicketHistory.of(events)).orElseThrow();
    }

    private TargetClock clock(TargetKind kind) {
        return clocks().clock(kind).orElseThrow();
    }

    @ParameterizedTest(name = "IS-SLA-1 Sev{0} filed {1} Pacific: response due {2}, workaround due {3}")
    @CsvSource({
            // inside hours, Wednesday 18 Nov 2026
            "1, 2026-11-18T10:00, 2026-11-18T12:00, 2026-11-19T10:00",
            "2, 2026-11-18T10:00, 2026-11-18T14:00, 2026-11-20T10:00",
            "3, 2026-11-18T10:00, 2026-11-19T10:00, 2026-11-25T10:00",
            "4, 2026-11-18T10:00, 2026-11-19T10:00, ",
            // IS-SLA-2 outside hours: Friday evening counts from Monday's opening; Sev1 workaround is 24x7 (CAL-3)
            "1, 2026-11-20T17:30, 2026-11-23T10:30, 2026-11-21T17:30",
            "2, 2026-11-20T19:00, 2026-11-23T13:00, 2026-11-25T09:00",
            "3, 2026-11-21T12:00, 2026-11-24T09:00, 2026-12-02T09:00",
            "4, 2026-11-22T08:00, 2026-11-24T09:00, ",
            // before opening on a weekday
            "2, 2026-11-18T07:00, 2026-11-18T13:00, 2026-11-20T09:00",
    })
    void isSla1TheTable(int severity, String filed, String responseDue, String workaroundDue) {
        filed(severity, filed);
        assertThat(clock(TargetKind.FIRST_RESPONSE).dueAt()).isEqualTo(pacific(responseDue));
        if (workaroundDue == null) {
            assertThat(clocks().clock(TargetKind.WORKAROUND)).isEmpty();
        } else {
            assertThat(clock(TargetKind.WORKAROUND).dueAt()).isEqualTo(pacific(workaroundDue));
        }
        assertThat(clocks().clock(TargetKind.RESOLUTION)).as("IS sets no resolution target").isEmpty();
    }

    @Test
    @DisplayName("IS-SLA-2 a Sev1 filed Friday 17:30 uses Friday's last 30 minutes and is due Monday 10:30")
    void isSla2CountsOnlyOpenTime() {
        filed(1, "2026-11-20T17:30");
        TargetClock response = clock(TargetKind.FIRST_RESPONSE);
        assertThat(response.startedAt()).isEqualTo(pacific("2026-11-20T17:30"));
        assertThat(response.dueAt()).isEqualTo(pacific("2026-11-23T10:30"));
        assertThat(response.elapsedAt(pacific("2026-11-22T12:00"))).isEqualTo(Duration.ofMinutes(30));
        assertThat(response.remainingAt(pacific("2026-11-23T09:45"))).isEqualTo(Duration.ofMinutes(45));
        assertThat(response.stateAt(pacific("2026-11-23T10:29"))).isEqualTo(State.RUNNING);
        assertThat(response.stateAt(pacific("2026-11-23T10:30"))).isEqualTo(State.BREACHED);
    }

    @Test
    @DisplayName("IS-SLA-2 the clock starts at the opening: startedAt is Monday 09:00 for a Saturday filing")
    void isSla2StartedAtIsTheOpening() {
        filed(2, "2026-11-21T12:00");
        assertThat(clock(TargetKind.FIRST_RESPONSE).startedAt()).isEqualTo(pacific("2026-11-23T09:00"));
    }

    @Test
    @DisplayName("CAL-1 holidays: a Sev3 filed the day before Thanksgiving is answered after the holidays")
    void holidaysDoNotCount() {
        filed(3, "2026-11-25T10:00");
        // Thanksgiving (26 Nov) and the day after (27 Nov, a California state holiday) are closed.
        assertThat(clock(TargetKind.FIRST_RESPONSE).dueAt()).isEqualTo(pacific("2026-11-30T10:00"));
    }

    @Test
    @DisplayName("CAL-1 DST: a Sev2 filed Friday 16:00 PDT before the change is due Monday 11:00 PST")
    void dstChange() {
        filed(2, "2026-10-30T16:00");
        assertThat(clock(TargetKind.FIRST_RESPONSE).dueAt()).isEqualTo(pacific("2026-11-02T11:00"))
                .isEqualTo(Instant.parse("2026-11-02T19:00:00Z"));
    }

    @Test
    @DisplayName("DST spring forward: a Sev2 filed Friday 16:00 PST is due Monday 11:00 PDT")
    void dstSpringForward() {
        filed(2, "2026-03-06T16:00");
        assertThat(clock(TargetKind.FIRST_RESPONSE).dueAt()).isEqualTo(Instant.parse("2026-03-09T18:00:00Z"));
    }

    @Test
    @DisplayName("IS-SLA-3 the workaround clock pauses while waiting on the customer and resumes on the answer")
    void isSla3PauseAndResume() {
        filed(2, "2026-11-18T10:00")
                .moved("NEW", "ACKNOWLEDGED", "2026-11-18T11:00")
                .moved("ACKNOWLEDGED", "WAITING_ON_CUSTOMER", "2026-11-19T10:00");
        TargetClock paused = clock(TargetKind.WORKAROUND);
        assertThat(paused.stateAt(pacific("2026-11-19T15:00"))).isEqualTo(State.PAUSED);
        assertThat(paused.running()).isFalse();
        assertThat(paused.elapsedAt(pacific("2026-11-20T09:30"))).isEqualTo(Duration.ofHours(9));
        assertThat(clock(TargetKind.FIRST_RESPONSE).stateAt(pacific("2026-11-19T15:00"))).isEqualTo(State.MET);

        moved("WAITING_ON_CUSTOMER", "IN_PROGRESS", "2026-11-20T10:00");
        TargetClock resumed = clock(TargetKind.WORKAROUND);
        // 9 business hours paused push Friday 10:00 to Monday 10:00
        assertThat(resumed.dueAt()).isEqualTo(pacific("2026-11-23T10:00"));
        assertThat(resumed.stateAt(pacific("2026-11-20T10:00"))).isEqualTo(State.RUNNING);
        assertThat(resumed.remainingAt(pacific("2026-11-20T10:00"))).isEqualTo(Duration.ofHours(9));
    }

    @Test
    @DisplayName("IS-SLA-3 the response clock does not pause (only the workaround is contingent)")
    void isSla3ResponseDoesNotPause() {
        filed(2, "2026-11-18T10:00").moved("NEW", "WAITING_ON_CUSTOMER", "2026-11-18T10:30");
        // leaving NEW is the first response
        assertThat(clock(TargetKind.FIRST_RESPONSE).metAt()).isEqualTo(pacific("2026-11-18T10:30"));
    }

    @Test
    @DisplayName("SLA-4 a severity change after a pause recomputes the workaround from the start, less the pause")
    void sla4SeverityChangeAfterAPause() {
        filed(3, "2026-11-18T10:00")
                .moved("NEW", "ACKNOWLEDGED", "2026-11-18T10:30")
                .moved("ACKNOWLEDGED", "WAITING_ON_CUSTOMER", "2026-11-18T11:00")
                .moved("WAITING_ON_CUSTOMER", "IN_PROGRESS", "2026-11-18T13:00")
                .severityChanged(2, "2026-11-18T14:00");
        TargetClock workaround = clock(TargetKind.WORKAROUND);
        assertThat(workaround.severity()).isEqualTo(2);
        // Sev2: 2 business days = 18 business hours from Wed 10:00, plus the 2 h pause: Fri 12:00
        assertThat(workaround.dueAt()).isEqualTo(pacific("2026-11-20T12:00"));
        TargetClock response = clock(TargetKind.FIRST_RESPONSE);
        assertThat(response.severity()).as("met under Sev3, stays judged under Sev3").isEqualTo(3);
        assertThat(response.stateAt(pacific("2026-11-18T14:00"))).isEqualTo(State.MET);
    }

    @Test
    @DisplayName("SLA-4 raising Sev4 to Sev1 before the response tightens it and sets a workaround target")
    void sla4RaisingSeverityAddsTargets() {
        filed(4, "2026-11-18T10:00").severityChanged(1, "2026-11-18T10:30");
        assertThat(clock(TargetKind.FIRST_RESPONSE).dueAt()).isEqualTo(pacific("2026-11-18T12:00"));
        assertThat(clock(TargetKind.WORKAROUND).dueAt()).isEqualTo(pacific("2026-11-19T10:00"));
        assertThat(clock(TargetKind.WORKAROUND).calendarId()).isEqualTo("around-the-clock");
    }

    @Test
    @DisplayName("SLA-4 a severity change can make a running target already breached")
    void sla4LoweringTheAllowanceBreaches() {
        filed(3, "2026-11-18T10:00").severityChanged(1, "2026-11-18T13:00");
        TargetClock response = clock(TargetKind.FIRST_RESPONSE);
        assertThat(response.dueAt()).isEqualTo(pacific("2026-11-18T12:00"));
        assertThat(response.stateAt(pacific("2026-11-18T13:00"))).isEqualTo(State.BREACHED);
    }

    @Test
    @DisplayName("TKT-4 reopen (IS: resume) runs the workaround again with the time already used")
    void reopenResumes() {
        filed(2, "2026-11-18T10:00")
                .moved("NEW", "ACKNOWLEDGED", "2026-11-18T10:30")
                .moved("ACKNOWLEDGED", "RESOLVED", "2026-11-19T10:00")
                .moved("RESOLVED", "IN_PROGRESS", "2026-11-23T10:00");
        TargetClock workaround = clock(TargetKind.WORKAROUND);
        assertThat(workaround.metAt()).isNull();
        // 9 h used before the resolution, 9 h left from Monday 10:00
        assertThat(workaround.dueAt()).isEqualTo(pacific("2026-11-24T10:00"));
        assertThat(clock(TargetKind.FIRST_RESPONSE).metAt()).isEqualTo(pacific("2026-11-18T10:30"));
    }

    @Test
    @DisplayName("met on the matching transition: workaround provided meets the workaround, late is breached")
    void metOnTheMatchingTransition() {
        filed(1, "2026-11-18T10:00")
                .moved("NEW", "ACKNOWLEDGED", "2026-11-18T12:30")
                .moved("ACKNOWLEDGED", "WORKAROUND_PROVIDED", "2026-11-19T09:00");
        assertThat(clock(TargetKind.FIRST_RESPONSE).stateAt(pacific("2026-11-20T00:00"))).isEqualTo(State.BREACHED);
        assertThat(clock(TargetKind.WORKAROUND).stateAt(pacific("2026-11-20T00:00"))).isEqualTo(State.MET);
    }

    @Test
    @DisplayName("SLA-5 warnings at 50/75/90 % of a Sev1 response: 11:00, 11:30, 11:48")
    void warningInstants() {
        filed(1, "2026-11-18T10:00");
        TargetClock response = clock(TargetKind.FIRST_RESPONSE);
        assertThat(IS.warningThresholds()).containsExactly(50, 75, 90);
        assertThat(response.reaches(50)).isEqualTo(pacific("2026-11-18T11:00"));
        assertThat(response.reaches(75)).isEqualTo(pacific("2026-11-18T11:30"));
        assertThat(response.reaches(90)).isEqualTo(pacific("2026-11-18T11:48"));
    }

    @Test
    @DisplayName("duplicate and reordered events give the same clocks as the history in order")
    void duplicatesAndReorderingAreHarmless() {
        filed(3, "2026-11-18T10:00")
                .moved("NEW", "ACKNOWLEDGED", "2026-11-18T10:30")
                .moved("ACKNOWLEDGED", "WAITING_ON_CUSTOMER", "2026-11-18T11:00")
                .moved("WAITING_ON_CUSTOMER", "IN_PROGRESS", "2026-11-18T13:00")
                .severityChanged(2, "2026-11-18T14:00")
                .moved("IN_PROGRESS", "RESOLVED", "2026-11-19T10:00")
                .moved("RESOLVED", "IN_PROGRESS", "2026-11-23T10:00");
        TicketClocks inOrder = clocks();
        Random random = new Random(5);
        for (int i = 0; i < 50; i++) {
            List<TicketHistory.Entry> shuffled = new ArrayList<>(events);
            shuffled.addAll(events.subList(0, random.nextInt(events.size())));
            Collections.shuffle(shuffled, random);
            assertThat(SlaClocks.derive(IS, TicketHistory.of(shuffled))).contains(inOrder);
        }
    }

    @Test
    @DisplayName("events before the creation arrive first: no clocks until the creation is known")
    void noClocksWithoutCreation() {
        filed(2, "2026-11-18T10:00").moved("NEW", "ACKNOWLEDGED", "2026-11-18T10:30");
        assertThat(SlaClocks.derive(IS, TicketHistory.of(events.subList(1, 2)))).isEmpty();
    }

    @Test
    @DisplayName("TKT-4 reopen under a new-cycle policy starts every target again from the reopening")
    void reopenNewCycle() {
        Policy newCycle = PolicyLoader.fromString(new String(readInfostretch()).replace("behaviour: resume",
                "behaviour: new-cycle"));
        filed(2, "2026-11-18T10:00")
                .moved("NEW", "ACKNOWLEDGED", "2026-11-18T10:30")
                .moved("ACKNOWLEDGED", "RESOLVED", "2026-11-19T10:00")
                .moved("RESOLVED", "IN_PROGRESS", "2026-11-23T10:00");
        TicketClocks clocks = SlaClocks.derive(newCycle, TicketHistory.of(events)).orElseThrow();
        assertThat(clocks.clock(TargetKind.FIRST_RESPONSE).orElseThrow().dueAt()).isEqualTo(pacific("2026-11-23T14:00"));
        assertThat(clocks.clock(TargetKind.FIRST_RESPONSE).orElseThrow().cycle()).isEqualTo(1);
        // leaving RESOLVED for IN_PROGRESS is itself a response in the new cycle
        assertThat(clocks.clock(TargetKind.FIRST_RESPONSE).orElseThrow().metAt()).isEqualTo(pacific("2026-11-23T10:00"));
        assertThat(clocks.clock(TargetKind.WORKAROUND).orElseThrow().dueAt()).isEqualTo(pacific("2026-11-25T10:00"));
    }

    private static byte[] readInfostretch() {
        try (var in = SlaClocksTest.class.getClassLoader().getResourceAsStream("policies/infostretch.yaml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("CAL-4, IS-SLA-1: a Sev2 filed at 10:00:05.091265 Pacific allows exactly 2 business days (PT18H), due Thursday 10:00:05.091265")
    void businessDaysFromAStartWithAFractionOfASecond() {
        Instant filed = pacific("2028-06-27T10:00:05").plusNanos(91_265_000);
        events.add(new TicketHistory.Entry("e0", new TicketCreated(TICKET, "acme", 2, "Login fails", "API", filed,
                "DEFECT", "infostretch", 1, "Maintenance", "America/Los_Angeles", List.of())));
        TargetClock workaround = clock(TargetKind.WORKAROUND);
        assertThat(workaround.allowance()).isEqualTo(Duration.ofHours(18));
        assertThat(workaround.dueAt()).isEqualTo(pacific("2028-06-29T10:00:05").plusNanos(91_265_000));
    }
}
