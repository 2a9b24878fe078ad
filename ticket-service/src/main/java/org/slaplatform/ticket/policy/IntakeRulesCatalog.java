package org.slaplatform.ticket.policy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The intake rules of every shipped policy, read once at start. Keys starting with {@code _} are
 * comments (the reading chosen where a policy is ambiguous); any other unknown key fails the start.
 */
@ApplicationScoped
public class IntakeRulesCatalog {

    /** The policies shipped with the platform; a fifth vendor adds a file and its name here or in config. */
    static final List<String> SHIPPED = List.of("infostretch", "inflectra", "infotecs", "quantive");

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Map<String, IntakeRules> byPolicy = new TreeMap<>();

    IntakeRulesCatalog() {
        for (String name : SHIPPED) {
            byPolicy.put(name, load(name));
        }
    }

    static IntakeRules load(String name) {
        String path = "intake-rules/" + name + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing");
            }
            JsonNode tree = MAPPER.readTree(in);
            stripComments(tree);
            IntakeRules rules = MAPPER.treeToValue(tree, IntakeRules.class);
            if (!name.equals(rules.policy()) || rules.version() == null || rules.version() < 1) {
                throw new IllegalStateException(path + ": policy must be '" + name + "' with a version >= 1");
            }
            return rules;
        } catch (IOException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }

    private static void stripComments(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                if (names.next().startsWith("_")) {
                    names.remove();
                }
            }
        }
        node.forEach(IntakeRulesCatalog::stripComments);
    }

    public Optional<IntakeRules> find(String policy) {
        return Optional.ofNullable(byPolicy.get(policy));
    }

    public IntakeRules get(String policy) {
        return find(policy).orElseThrow(() -> new IllegalStateException("no intake rules for policy " + policy));
    }

    public java.util.Set<String> policies() {
        return byPolicy.keySet();
    }
}
