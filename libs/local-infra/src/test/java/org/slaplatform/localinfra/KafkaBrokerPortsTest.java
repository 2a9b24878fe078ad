package org.slaplatform.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The broker's two listeners need two ports: asking twice for a free port may answer the same one (each
 * socket is closed before the next ask), and the broker then refuses to start ("two listeners on the same
 * port"), as it once did in CI.
 */
class KafkaBrokerPortsTest {

    @Test
    void thePortTheClientListenerTookIsAskedAgainstAndSkipped() throws IOException {
        Iterator<Integer> offered = List.of(35789, 35789, 41234).iterator();

        assertThat(KafkaBroker.otherThan(35789, offered::next)).isEqualTo(41234);
    }

    @Test
    void aSystemThatOffersOnlyTheTakenPortIsAnErrorNotTheSamePortTwice() {
        assertThatThrownBy(() -> KafkaBroker.otherThan(35789, () -> 35789))
                .isInstanceOf(IOException.class).hasMessageContaining("other than 35789");
    }

    @Test
    void theSystemsFreePortsGiveTheControllerAPortOfItsOwn() throws IOException {
        int client = KafkaBroker.freePort();
        assertThat(KafkaBroker.freePortOtherThan(client)).isNotEqualTo(client).isPositive();
    }
}
