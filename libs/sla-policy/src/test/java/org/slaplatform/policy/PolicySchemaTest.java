package org.slaplatform.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The editor schema {@code policy.schema.json} and the loader cannot drift: the seeds pass both,
 * structural defects fail both, and the schema's keys are exactly the model's record components.
 */
class PolicySchemaTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(PolicySchemaTest.class.getClassLoader().getResourceAsStream("policy.schema.json"));

    private static Set<ValidationMessage> validate(String yaml) throws Exception {
        return SCHEMA.validate(YAML.readTree(yaml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"infostretch", "inflectra", "infotecs", "quantive"})
    @DisplayName("POL-1 each shipped policy is valid against the editor schema and names it on its first line")
    void seedsPassTheSchema(String name) throws Exception {
        String text = PolicyFiles.shipped(name);
        assertThat(text.lines().findFirst()).contains("# yaml-language-server: $schema=../policy.schema.json");
        assertThat(validate(text)).isEmpty();
        assertThat(validate(PolicyFiles.resource("valid-base.yaml"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-top-level-key", "unknown-target-key", "unknown-weekday", "unknown-preset", "bad-reading",
            "threshold-out-of-range", "threshold-wrong-type", "unknown-state", "tier-percent-too-high",
            "commitment-out-of-range", "wrong-type-list", "bad-iso-duration", "missing-version", "bad-duration",
            "missing-calendar-ref"})
    @DisplayName("POL-1 a structural defect the loader refuses is refused by the schema too")
    void structuralDefectsFailTheSchema(String file) throws Exception {
        assertThat(validate(PolicyFiles.resource("broken/" + file + ".yaml"))).as(file).isNotEmpty();
    }

    @Test
    @DisplayName("POL-1 the schema's keys are exactly the policy model's record components, at every depth")
    void schemaKeysMatchTheModel() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(getClass().getClassLoader().getResource("policy.schema.json"));
        List<String> drift = new ArrayList<>();
        compare(PolicyDocument.class, schema, "", drift);
        assertThat(drift).isEmpty();
    }

    private static void compare(Class<?> record, JsonNode schema, String path, List<String> drift) {
        Set<String> modelKeys = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            modelKeys.add(c.getName());
        }
        Set<String> schemaKeys = new TreeSet<>();
        JsonNode props = schema.path("properties");
        for (Iterator<String> it = props.fieldNames(); it.hasNext();) {
            schemaKeys.add(it.next());
        }
        if (!modelKeys.equals(schemaKeys)) {
            drift.add((path.isEmpty() ? "(document)" : path) + ": model " + modelKeys + " vs schema " + schemaKeys);
            return;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            JsonNode node = props.path(c.getName());
            Type type = c.getGenericType();
            // unwrap List<X> to items and Map<String, X> to additionalProperties
            while (type instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                if (List.class.isAssignableFrom(raw)) {
                    node = node.path("items");
                    type = p.getActualTypeArguments()[0];
                } else if (Map.class.isAssignableFrom(raw)) {
                    node = node.path("additionalProperties");
                    type = p.getActualTypeArguments()[1];
                } else {
                    break;
                }
            }
            if (type instanceof Class<?> k && k.isRecord() && k != TargetDuration.class) {
                compare(k, node, path.isEmpty() ? c.getName() : path + "." + c.getName(), drift);
            }
        }
    }
}
