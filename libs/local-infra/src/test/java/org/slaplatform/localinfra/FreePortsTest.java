package org.slaplatform.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Asking the system twice for a free port may answer the same port, and the broker then refused to start
 * ("two listeners on the same port"), as it once did in CI: no port is handed out twice in one JVM. The
 * sources below offer numbers no real port has, so that they never meet the ports other tests were given.
 */
class FreePortsTest {

    @Test
    void aPortTheSystemOffersAgainIsSkipped() {
        Iterator<Integer> offered = List.of(1_000_001, 1_000_001, 1_000_002).iterator();

        assertThat(FreePorts.next(offered::next)).isEqualTo(1_000_001);
        assertThat(FreePorts.next(offered::next)).isEqualTo(1_000_002);
    }

    @Test
    void aSystemThatOffersOnlyAHandedOutPortIsAnErrorNotTheSamePortTwice() {
        assertThat(FreePorts.next(() -> 1_000_003)).isEqualTo(1_000_003);

        assertThatThrownBy(() -> FreePorts.next(() -> 1_000_003))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not handed out already");
    }

    @Test
    void theSystemsFreePortsAreEachHandedOutOnce() {
        int first = FreePorts.next();
        int second = FreePorts.next();

        assertThat(first).isPositive().isNotEqualTo(second);
        assertThat(second).isPositive();
    }
}
