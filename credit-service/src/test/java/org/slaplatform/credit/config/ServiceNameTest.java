package org.slaplatform.credit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceNameTest {

    @Test
    @DisplayName("the CloudEvent source of credit-service's events is its quarkus.application.name")
    void isTheApplicationName() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ServiceNameTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(ServiceName.VALUE).isEqualTo(properties.getProperty("quarkus.application.name"));
    }
}
