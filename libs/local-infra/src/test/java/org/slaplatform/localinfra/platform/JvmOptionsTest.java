package org.slaplatform.localinfra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Options only recent JDK updates know are asked of the real JVM, and left out when it refuses them. */
class JvmOptionsTest {

    @Test
    void theJvmOfTheseTestsKnowsTheRecentOptionsTheLocalRunUses() {
        for (String option : JvmOptions.RECENT) {
            assertThat(JvmOptions.accepts(LocalPlatform.java(), option)).as(option).isTrue();
        }
        assertThat(JvmOptions.acceptedBy(LocalPlatform.java(), ServiceLaunch.MEMORY)).isEqualTo(ServiceLaunch.MEMORY);
    }

    @Test
    void anOptionTheJvmRefusesIsAskedForRealAndRefused() {
        assertThat(JvmOptions.accepts(LocalPlatform.java(), "-XX:NoSuchOptionOfTheSlaPlatform=1")).isFalse();
        assertThat(JvmOptions.accepts(LocalPlatform.java(), "-Xss512k")).isTrue();
    }

    @Test
    void onlyTheRecentOptionsAreAskedAndAnOptionsListKeepsItsOrder() {
        // not one of RECENT: passed on untouched, without starting a JVM
        List<String> options = List.of("-XX:NoSuchOptionOfTheSlaPlatform=1", "-Xms24m");
        assertThat(JvmOptions.acceptedBy("/no/such/java", options)).containsExactlyElementsOf(options);
        // one of RECENT, asked of a JVM that cannot start: left out
        assertThat(JvmOptions.acceptedBy("/no/such/java", List.of("-Xms24m", "-XX:TrimNativeHeapInterval=5000")))
                .containsExactly("-Xms24m");
    }
}
