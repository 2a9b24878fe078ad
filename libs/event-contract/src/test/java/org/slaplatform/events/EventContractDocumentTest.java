package org.slaplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The AsyncAPI document is the contract other systems read: it must say exactly what the code does. */
class EventContractDocumentTest {

    private static JsonNode document() throws Exception {
        try (InputStream in = EventContractDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void everyTopicInCodeIsAChannelAndNoChannelIsExtra() throws Exception {
        List<String> addresses = new ArrayList<>();
        document().get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(
                Topics.all().stream().map(Topics.Topic::name).toList());
    }

    @Test
    void everyTopicsPartitionsCleanupAndRetentionAreTheDocumentsKafkaBindings() throws Exception {
        Map<String, JsonNode> bindings = new java.util.HashMap<>();
        document().get("channels").forEach(channel ->
                bindings.put(channel.get("address").asText(), channel.at("/bindings/kafka")));
        for (Topics.Topic topic : Topics.all()) {
            JsonNode kafka = bindings.get(topic.name());
            assertThat(kafka.path("partitions").asInt()).as(topic.name() + " partitions").isEqualTo(topic.partitions());
            assertThat(kafka.at("/topicConfiguration/cleanup.policy/0").asText()).as(topic.name() + " cleanup.policy")
                    .isEqualTo(topic.cleanup().name().toLowerCase(java.util.Locale.ROOT));
            JsonNode retention = kafka.at("/topicConfiguration/retention.ms");
            if (topic.retention() == null) {
                assertThat(retention.isMissingNode()).as(topic.name() + " has no retention.ms").isTrue();
            } else {
                assertThat(retention.asLong()).as(topic.name() + " retention.ms").isEqualTo(topic.retention().toMillis());
            }
        }
    }

    @Test
    void everyEventTypeIsAMessageOnItsTopicsChannel() throws Exception {
        JsonNode doc = document();
        Map<String, String> typeToAddress = new java.util.HashMap<>();
        doc.get("channels").forEach(channel -> channel.path("messages").forEach(ref -> {
            String name = ref.get("$ref").asText().replace("#/components/messages/", "");
            typeToAddress.put(doc.at("/components/messages/" + name + "/name").asText(), channel.get("address").asText());
        }));
        Map<String, String> expected = EventTypes.all().stream()
                .collect(Collectors.toMap(EventType::type, t -> t.topic().name()));
        assertThat(typeToAddress).isEqualTo(expected);
    }

    @Test
    void payloadPropertiesMatchTheRecordComponents() throws Exception {
        JsonNode doc = document();
        for (EventType<?> type : EventTypes.all()) {
            JsonNode message = null;
            for (JsonNode candidate : doc.at("/components/messages")) {
                if (candidate.get("name").asText().equals(type.type())) {
                    message = candidate;
                }
            }
            assertThat(message).as(type.type()).isNotNull();
            Set<String> documented = new java.util.HashSet<>();
            message.at("/payload/properties").fieldNames().forEachRemaining(documented::add);
            Set<String> inCode = java.util.Arrays.stream(type.dataClass().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet());
            assertThat(documented).as(type.type()).isEqualTo(inCode);
        }
    }

    @Test
    void everyMessageNamesItsTopicsRecordKey() throws Exception {
        JsonNode doc = document();
        Map<String, String> keyByAddress = Topics.all().stream()
                .collect(Collectors.toMap(Topics.Topic::name, Topics.Topic::key));
        int checked = 0;
        for (JsonNode channel : doc.get("channels")) {
            String key = keyByAddress.get(channel.get("address").asText());
            for (JsonNode ref : channel.path("messages")) {
                String name = ref.get("$ref").asText().replace("#/components/messages/", "");
                String keyRef = doc.at("/components/messages/" + name + "/bindings/kafka/key/$ref").asText();
                assertThat(keyRef).as(name + " on " + channel.get("address").asText())
                        .isEqualTo("#/components/schemas/" + key + "Key");
                assertThat(doc.at("/components/schemas/" + key + "Key/type").asText()).as(keyRef).isEqualTo("string");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(EventTypes.all().size());
    }
}
