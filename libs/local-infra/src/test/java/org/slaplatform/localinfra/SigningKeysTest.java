package org.slaplatform.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's signing key: readable by its owner only, and every token names its audience. */
class SigningKeysTest {

    @Test
    void thePrivateKeyIsWrittenReadableByItsOwnerOnly(@TempDir Path directory) throws Exception {
        SigningKeys.inDirectory(directory);

        assertThat(Files.getPosixFilePermissions(directory.resolve("private-key.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aWorldReadablePrivateKeyFromBeforeIsMadeOwnerOnlyWhenRead(@TempDir Path directory) throws Exception {
        SigningKeys.inDirectory(directory);
        Path key = directory.resolve("private-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        SigningKeys.inDirectory(directory);

        assertThat(Files.getPosixFilePermissions(key))
                .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void aMintedTokenNamesThePlatformsAudienceAndIssuer() {
        String token = SigningKeys.generate().mint("ops", "admin", null, Duration.ofHours(1));
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));

        assertThat(claims).contains("\"aud\":\"" + SigningKeys.AUDIENCE + "\"").contains("\"iss\":\"" + SigningKeys.ISSUER + "\"");
    }
}
