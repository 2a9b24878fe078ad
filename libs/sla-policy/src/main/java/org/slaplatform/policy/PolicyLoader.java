package org.slaplatform.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a policy file, validates it and returns a {@link Policy} (POL-1). A malformed or
 * inconsistent file is refused with a {@link PolicyValidationException} whose violations name the
 * path of each bad field and the reason; parser exceptions never escape.
 */
public final class PolicyLoader {

    /** Where shipped policies live on the class path: {@code policies/<name>.yaml}. */
    public static final String RESOURCE_FOLDER = "policies/";

    private static final YAMLMapper MAPPER = mapper();

    private PolicyLoader() {
    }

    /** A shipped policy by name, e.g. {@code infostretch} (see {@link PolicyCatalog}). */
    public static Policy fromClasspath(String name) {
        String resource = RESOURCE_FOLDER + name + ".yaml";
        ClassLoader loader = PolicyLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyValidationException(resource,
                        List.of(new PolicyViolation("(document)", "no policy named '" + name + "' on the class path")));
            }
            return fromString(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Policy fromPath(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyValidationException(file.toString(), List.of(new PolicyViolation("(document)", "no such file")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromString(text, file.toString());
    }

    /** A policy from YAML text. */
    public static Policy fromString(String yaml) {
        return fromString(yaml, "text");
    }

    public static Policy fromString(String yaml, String origin) {
        return new Policy(read(yaml, origin));
    }

    /** Parses and validates without building calendars; for tools that only inspect a document. */
    public static PolicyDocument read(String yaml, String origin) {
        if (yaml == null || yaml.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---"))) {
            throw new PolicyValidationException(origin, List.of(new PolicyViolation("(document)", "the document is empty")));
        }
        PolicyDocument document;
        try {
            document = MAPPER.readValue(yaml, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new PolicyValidationException(origin, List.of(violation(e)));
        }
        if (document == null) {
            throw new PolicyValidationException(origin, List.of(new PolicyViolation("(document)", "the document is empty")));
        }
        List<PolicyViolation> violations = new PolicyValidator(document).validate();
        if (!violations.isEmpty()) {
            throw new PolicyValidationException(origin, violations);
        }
        return document;
    }

    private static YAMLMapper mapper() {
        SimpleModule kebabEnums = new SimpleModule("policy-enums");
        kebabEnums.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return new KebabEnumDeserializer(type.getRawClass());
            }
        });
        return YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new JavaTimeModule())
                .addModule(kebabEnums)
                .build();
    }

    /** Jackson's complaint as a path and a reason a policy author can act on. */
    static PolicyViolation violation(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            // no line number: records are bound after buffering, so Jackson's location can be far off
            return mappingViolation(m);
        }
        // a YAML syntax error or a duplicate key: no bound field yet, so the parser's position
        String path = "(document)";
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            path = path(p.getParsingContext());
        }
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return new PolicyViolation(path, e.getOriginalMessage().lines().findFirst().orElse("unreadable YAML") + where);
    }

    private static PolicyViolation mappingViolation(JsonMappingException m) {
        {
            String path = path(m.getPath());
            if (m instanceof UnrecognizedPropertyException u) {
                Collection<Object> known = u.getKnownPropertyIds();
                return new PolicyViolation(path, "unknown key '" + u.getPropertyName() + "'"
                        + (known == null || known.isEmpty() ? "" : "; known keys: " + String.join(", ",
                                new TreeSet<>(known.stream().map(String::valueOf).toList()))));
            }
            if (m instanceof ValueInstantiationException) {
                Throwable root = m;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                return new PolicyViolation(path, root.getMessage());
            }
            if (m instanceof InvalidFormatException f) {
                return new PolicyViolation(path, "'" + f.getValue() + "' is not " + expected(f.getTargetType()));
            }
            if (m instanceof MismatchedInputException mi) {
                Class<?> target = mi.getTargetType();
                if (target != null && target.isEnum()) {
                    return new PolicyViolation(path, mi.getOriginalMessage());
                }
                String found = mi.getProcessor() instanceof JsonParser p && p.currentToken() != null
                        ? ", found " + KebabEnumDeserializer.describe(p.currentToken()) : "";
                return new PolicyViolation(path, "expected " + expected(target) + found);
            }
            Throwable cause = m.getCause();
            return new PolicyViolation(path, cause != null && cause.getMessage() != null ? cause.getMessage() : m.getOriginalMessage());
        }
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "(document)" : b.toString();
    }

    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + Math.max(c.getCurrentIndex(), 0) + "]"
                    : c.getCurrentName() == null ? "" : "." + c.getCurrentName());
        }
        String p = String.join("", parts);
        p = p.startsWith(".") ? p.substring(1) : p;
        return p.isEmpty() ? "(document)" : p;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT48H";
        }
        if (type == Period.class) {
            return "an ISO-8601 period such as P1Y";
        }
        if (type == LocalDate.class) {
            return "a date such as 2025-12-24";
        }
        if (type == Instant.class) {
            return "an instant such as 2025-01-01T00:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return "a " + type.getSimpleName();
    }
}
