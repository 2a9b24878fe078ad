package org.slaplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slaplatform.events.contract.ContractChanged;

/** ITC-CRD-8: the licence price is an additive, optional field of contract.changed.v1. */
class ContractChangedLicencePriceTest {

    private static ContractChanged contract(ContractChanged.LicencePrice price) {
        return new ContractChanged("acme", "Acme", 1, "infotecs", 1, "basic", "Europe/Moscow", "EUR",
                new BigDecimal("100.00"), List.of(), "MONTHLY", LocalDate.parse("2025-03-01"), null, List.of(),
                List.of(), List.of(), List.of(), Instant.parse("2025-03-01T00:00:00Z"), price);
    }

    @Test
    void ITC_CRD_8_a_contract_without_a_licence_price_is_written_exactly_as_before_the_field_existed() throws Exception {
        String json = CloudEventCodec.dataJson(contract(null));
        assertThat(json).doesNotContain("licencePrice");
        // ... and what producers wrote before the field existed still reads, with no price.
        ContractChanged back = CloudEventCodec.mapper().readValue(json, ContractChanged.class);
        assertThat(back.licencePrice()).isNull();
        assertThat(back).isEqualTo(contract(null));
    }

    @Test
    void ITC_CRD_8_a_licence_price_of_10000_00_EUR_survives_the_round_trip_exactly() throws Exception {
        ContractChanged priced = contract(new ContractChanged.LicencePrice(new BigDecimal("10000.00"), "EUR"));
        String json = CloudEventCodec.dataJson(priced);
        assertThat(json).contains("\"licencePrice\":{\"amount\":10000.00,\"currency\":\"EUR\"}");
        assertThat(CloudEventCodec.mapper().readValue(json, ContractChanged.class)).isEqualTo(priced);
    }
}
