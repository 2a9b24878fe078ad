package org.slaplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.product.ProductChanged;

/** IS-TKT-5: the supported platforms of a product and the platform of an instance are additive, optional fields. */
class PlatformFieldsTest {

    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void IS_TKT_5_a_product_without_platforms_is_written_exactly_as_before_the_field_existed() throws Exception {
        ProductChanged before = new ProductChanged("qmetry", "QMetry", "infostretch", 1, List.of(), AT);
        String json = CloudEventCodec.dataJson(before);
        assertThat(json).doesNotContain("platforms");
        assertThat(CloudEventCodec.mapper().readValue(json, ProductChanged.class)).isEqualTo(before);
    }

    @Test
    void IS_TKT_5_a_products_platforms_survive_the_round_trip() throws Exception {
        ProductChanged product = new ProductChanged("qmetry", "QMetry", "infostretch", 2, List.of(), AT,
                List.of("linux-x86_64", "windows-server-2022"));
        String json = CloudEventCodec.dataJson(product);
        assertThat(json).contains("\"platforms\":[\"linux-x86_64\",\"windows-server-2022\"]");
        assertThat(CloudEventCodec.mapper().readValue(json, ProductChanged.class)).isEqualTo(product);
    }

    @Test
    void IS_TKT_5_an_instance_without_a_platform_is_written_as_before_and_one_with_it_keeps_it() throws Exception {
        ContractChanged.ServiceInstance old = new ContractChanged.ServiceInstance("prod-1", "qmetry", "8.0.0.0", "production");
        String json = CloudEventCodec.mapper().writeValueAsString(old);
        assertThat(json).isEqualTo("{\"instanceId\":\"prod-1\",\"productId\":\"qmetry\",\"version\":\"8.0.0.0\",\"environment\":\"production\"}");
        assertThat(CloudEventCodec.mapper().readValue(json, ContractChanged.ServiceInstance.class)).isEqualTo(old);
        ContractChanged.ServiceInstance placed = new ContractChanged.ServiceInstance("prod-1", "qmetry", "8.0.0.0",
                "production", "linux-x86_64");
        String placedJson = CloudEventCodec.mapper().writeValueAsString(placed);
        assertThat(placedJson).endsWith(",\"platform\":\"linux-x86_64\"}");
        assertThat(CloudEventCodec.mapper().readValue(placedJson, ContractChanged.ServiceInstance.class)).isEqualTo(placed);
    }
}
