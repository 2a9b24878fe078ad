package org.slaplatform.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.slaplatform.localinfra.SigningKeys;
import org.slaplatform.localinfra.platform.Instances;
import org.slaplatform.localinfra.platform.LocalPlatform;
import org.slaplatform.localinfra.platform.PlatformLayout;

/**
 * The local run this tool drives ({@code -Dplatform.root}, the instances of its last {@code up}): its
 * launcher, and the options every command gets by default, so that a command line names only what
 * differs: every instance's URL, the broker, and admin and probe tokens minted with the run's keys.
 */
record LocalRun(LocalPlatform platform) {

    static LocalRun current() {
        PlatformLayout layout = PlatformLayout.current();
        return new LocalRun(new LocalPlatform(layout, Instances.current(layout)));
    }

    PlatformLayout layout() {
        return platform.layout();
    }

    Map<String, String> defaults(boolean metrics) {
        Instances instances = platform.instances();
        Map<String, String> defaults = new HashMap<>();
        defaults.put("ticket-url", instances.urls("ticket-service"));
        defaults.put("sla-url", instances.urls("sla-timer-service"));
        defaults.put("availability-url", instances.urls("availability-service"));
        defaults.put("credit-url", instances.urls("credit-service"));
        defaults.put("notification-url", instances.urls("notification-service"));
        defaults.put("kafka", layout().kafkaBootstrap());
        if (metrics) {
            defaults.put("metrics-urls", instances.allUrls());
        }
        try {
            SigningKeys keys = SigningKeys.inDirectory(layout().keys());
            defaults.put("admin-token", keys.mint("admin", "admin", null, Duration.ofHours(12)));
            defaults.put("probe-token", keys.mint("probe", "probe", null, Duration.ofHours(12)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing keys in " + layout().keys(), e);
        }
        return defaults;
    }

    /** This tool's jar: the fault run starts its background load from it. */
    static Path jar() {
        try {
            return Path.of(PlatformTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
