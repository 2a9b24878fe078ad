package org.slaplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.slaplatform.policy.PolicyDocument;
import org.slaplatform.policy.TargetDuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * No silent keys (POL-1, DESIGN-5 "policies are data"): every key of {@code policy.schema.json} must be
 * read by a service, or leave the schema and the policy files. A key is read when its record component
 * in the {@link PolicyDocument} tree (its accessor, or the record's own field, e.g. {@code Targets.get}) is
 * reachable in the call graph of the compiled main classes of the five services and {@code libs/sla-policy},
 * built with ASM, whose roots are every method of the services. A {@code Policy} look-up method counts
 * when a service calls it. The services must be compiled first: this module builds after them.
 */
class PolicyKeysReadTest {

    private static final List<String> SERVICES = List.of("ticket-service", "sla-timer-service", "availability-service",
            "credit-service", "notification-service");
    private static final Path POLICY_LIBRARY = Path.of("..", "libs", "sla-policy", "target", "classes");

    /**
     * Loading a policy reads every key to parse and check it (POL-1: refused with path and reason); that
     * is not using it. The call graph does not enter these classes and methods.
     */
    private static final Set<String> LOADING = Set.of(
            "org/slaplatform/policy/PolicyLoader",
            "org/slaplatform/policy/PolicyValidator",
            "org/slaplatform/policy/PolicyCatalog",
            // the book checks that versions' effective dates increase when it is built
            "org/slaplatform/policy/PolicyBook.of",
            "org/slaplatform/policy/PolicyBook.shipped");

    /**
     * The keys no service reads yet, each with the work that owns it. Removing a key from this list is
     * how its owner proves the key is read: the test fails on an unread key that is not listed, and on a
     * listed key that is read. The list only shrinks; issue 18 emptied it (ticket-service's policy view
     * reads the documentation keys, its intake {@code partnersMayFile}, notification-service the
     * lifecycle {@code noticeLead}; {@code anonymousAllowed} left the schema). A key added to the schema
     * is read by a service in the same change, or listed here with the work that will read it.
     */
    private static final Map<String, String> UNREAD_ALLOWED = unreadAllowed();

    private static Map<String, String> unreadAllowed() {
        return new LinkedHashMap<>();
    }

    private static CallGraph graph;

    /** One key of the schema: where it is, and the record component that carries it. */
    record Key(String path, String pointer, String owner, String component, String descriptor) {

        String accessor() {
            return owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.') + "." + component + "()";
        }
    }

    @BeforeAll
    static void buildTheCallGraph() throws IOException {
        List<Path> services = new ArrayList<>();
        for (String service : SERVICES) {
            Path classes = Path.of("..", service, "target", "classes");
            assertThat(classes).as("the compiled classes of %s: build it first (./mvnw -pl contracts-lint -am verify)",
                    service).isDirectory();
            services.add(classes);
        }
        assertThat(POLICY_LIBRARY).as("the compiled classes of libs/sla-policy").isDirectory();
        graph = CallGraph.of(services, List.of(POLICY_LIBRARY));
    }

    @Test
    @DisplayName("POL-1, DESIGN-5 every key of policy.schema.json is read by a service, or is listed with the work that owns it")
    void everySchemaKeyIsReadByAService() throws IOException {
        List<Key> keys = schemaKeys();
        assertThat(keys).as("schema keys").hasSizeGreaterThan(100);
        Set<String> reached = graph.reachable();
        Map<String, Key> unread = new TreeMap<>();
        Set<String> read = new HashSet<>();
        for (Key key : keys) {
            boolean isRead = reached.contains(key.owner() + "." + key.component() + key.descriptor())
                    || reached.contains(CallGraph.field(key.owner(), key.component()));
            if (isRead) {
                read.add(key.path());
            } else {
                unread.put(key.path(), key);
            }
        }
        StringBuilder report = new StringBuilder("policy keys no service reads (" + unread.size() + " of " + keys.size()
                + "):\n");
        unread.values().forEach(k -> report.append("  ").append(k.path()).append("  (").append(k.pointer()).append(", ")
                .append(k.accessor()).append(")").append(UNREAD_ALLOWED.containsKey(k.path()) ? "" : "  NOT ALLOWED")
                .append('\n'));
        System.out.println(report);

        List<String> silent = unread.keySet().stream().filter(k -> !UNREAD_ALLOWED.containsKey(k)).toList();
        assertThat(silent).as("keys of policy.schema.json that no service reads: read them in the service that owns "
                + "them, or remove them from the schema and the policy files\n" + report).isEmpty();
        List<String> nowRead = UNREAD_ALLOWED.keySet().stream().filter(read::contains).toList();
        assertThat(nowRead).as("listed as unread but read now: remove them from UNREAD_ALLOWED").isEmpty();
        List<String> unknown = UNREAD_ALLOWED.keySet().stream().filter(k -> !read.contains(k) && !unread.containsKey(k))
                .toList();
        assertThat(unknown).as("listed in UNREAD_ALLOWED but not keys of the schema").isEmpty();
    }

    @Test
    @DisplayName("POL-1 the call graph sees what a service reads: sla-timer-service's warning thresholds, not a key only the loader checks")
    void theCallGraphSeesReadsAndIgnoresLoading() throws IOException {
        Set<String> reached = graph.reachable();
        Map<String, Key> byPath = schemaKeys().stream().collect(Collectors.toMap(Key::path, k -> k));
        // TimerPlan reads warnings.thresholds (SLA-5) through Policy
        Key thresholds = byPath.get("warnings.thresholds");
        assertThat(reached).contains(thresholds.owner() + ".thresholds" + thresholds.descriptor());
        // every key is read by PolicyValidator; that alone does not count
        assertThat(graph.methodsOf("org/slaplatform/policy/PolicyValidator")).isNotEmpty()
                .noneMatch(reached::contains);
    }

    /** The schema's keys, each mapped to its record component in the PolicyDocument tree (as PolicySchemaTest). */
    static List<Key> schemaKeys() throws IOException {
        JsonNode schema;
        try (InputStream in = PolicyDocument.class.getClassLoader().getResourceAsStream("policy.schema.json")) {
            assertThat(in).as("policy.schema.json on the class path of libs/sla-policy").isNotNull();
            schema = new ObjectMapper().readTree(in);
        }
        List<Key> keys = new ArrayList<>();
        walk(PolicyDocument.class, schema, "", "#", keys);
        return keys;
    }

    private static void walk(Class<?> record, JsonNode schema, String path, String pointer, List<Key> keys) {
        JsonNode props = schema.path("properties");
        for (RecordComponent c : record.getRecordComponents()) {
            String keyPath = path.isEmpty() ? c.getName() : path + "." + c.getName();
            String keyPointer = pointer + "/properties/" + c.getName();
            assertThat(props.has(c.getName())).as("schema key %s (PolicySchemaTest holds schema and model together)",
                    keyPath).isTrue();
            keys.add(new Key(keyPath, keyPointer, Type.getInternalName(record), c.getName(),
                    Type.getMethodDescriptor(c.getAccessor())));
            JsonNode node = props.path(c.getName());
            java.lang.reflect.Type type = c.getGenericType();
            // List<X> is the schema's items, Map<String, X> its additionalProperties
            while (type instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                if (List.class.isAssignableFrom(raw)) {
                    node = node.path("items");
                    keyPath += "[]";
                    keyPointer += "/items";
                    type = p.getActualTypeArguments()[0];
                } else if (Map.class.isAssignableFrom(raw)) {
                    node = node.path("additionalProperties");
                    keyPath += ".<id>";
                    keyPointer += "/additionalProperties";
                    type = p.getActualTypeArguments()[1];
                } else {
                    break;
                }
            }
            // a TargetDuration is one string in the schema ("2 hours")
            if (type instanceof Class<?> k && k.isRecord() && k != TargetDuration.class) {
                walk(k, node, keyPath, keyPointer, keys);
            }
        }
    }

    /**
     * Methods and fields of the scanned classes, and what reaching each one reaches. A method reaches the
     * methods it invokes (with every override in the scanned classes: class hierarchy analysis), the
     * implementations its lambdas and method references name, and the fields it reads. A field written
     * in a constructor (or static initialiser) of the policy library reaches what the constructor calls
     * between the write before it and its own: reading {@code Policy.calendars} reaches the building of
     * the calendars from their keys, reading {@code Policy.document} does not. A library constructor
     * reached by a call follows only what it calls after its last field write.
     */
    static final class CallGraph {

        private final Map<String, ClassNode> classes = new HashMap<>();
        private final Map<String, Set<String>> edges = new HashMap<>();
        private final Set<String> roots = new HashSet<>();
        private Set<String> reachable;

        static String field(String owner, String name) {
            return owner + "#" + name;
        }

        private static String method(String owner, String name, String descriptor) {
            return owner + "." + name + descriptor;
        }

        static CallGraph of(List<Path> services, List<Path> libraries) throws IOException {
            CallGraph g = new CallGraph();
            Set<String> serviceClasses = new HashSet<>();
            for (Path dir : services) {
                serviceClasses.addAll(g.read(dir));
            }
            for (Path dir : libraries) {
                g.read(dir);
            }
            for (ClassNode c : g.classes.values()) {
                boolean service = serviceClasses.contains(c.name);
                for (MethodNode m : c.methods) {
                    String node = method(c.name, m.name, m.desc);
                    if (service) {
                        g.roots.add(node);
                    }
                    if (!service && (m.name.equals("<init>") || m.name.equals("<clinit>"))) {
                        g.constructorEdges(c, m, node);
                    } else {
                        for (AbstractInsnNode insn : m.instructions) {
                            g.edgesOf(insn, node);
                        }
                    }
                }
            }
            return g;
        }

        private List<String> read(Path dir) throws IOException {
            List<String> names = new ArrayList<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    ClassNode node = new ClassNode();
                    new ClassReader(Files.readAllBytes(file)).accept(node, ClassReader.SKIP_FRAMES);
                    classes.put(node.name, node);
                    names.add(node.name);
                }
            }
            return names;
        }

        /** Each field write's own stretch of the constructor is the field's; the rest is the constructor's. */
        private void constructorEdges(ClassNode c, MethodNode m, String node) {
            List<AbstractInsnNode> stretch = new ArrayList<>();
            for (AbstractInsnNode insn : m.instructions) {
                stretch.add(insn);
                if (insn instanceof FieldInsnNode f && f.owner.equals(c.name)
                        && (f.getOpcode() == Opcodes.PUTFIELD || f.getOpcode() == Opcodes.PUTSTATIC)) {
                    String field = field(c.name, f.name);
                    stretch.forEach(i -> edgesOf(i, field));
                    stretch.clear();
                }
            }
            stretch.forEach(i -> edgesOf(i, node));
        }

        private void edgesOf(AbstractInsnNode insn, String from) {
            if (insn instanceof MethodInsnNode call) {
                invoked(call.owner, call.name, call.desc, call.getOpcode() == Opcodes.INVOKESPECIAL
                        || call.getOpcode() == Opcodes.INVOKESTATIC)
                        .forEach(to -> edge(from, to));
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                for (Object arg : indy.bsmArgs) {
                    // lambdas and method references; field handles (records' equals, hashCode, toString) are not reads
                    if (arg instanceof Handle h && h.getTag() >= Opcodes.H_INVOKEVIRTUAL) {
                        invoked(h.getOwner(), h.getName(), h.getDesc(), h.getTag() != Opcodes.H_INVOKEVIRTUAL
                                && h.getTag() != Opcodes.H_INVOKEINTERFACE).forEach(to -> edge(from, to));
                    }
                }
            } else if (insn instanceof FieldInsnNode f
                    && (f.getOpcode() == Opcodes.GETFIELD || f.getOpcode() == Opcodes.GETSTATIC)) {
                edge(from, field(f.owner, f.name));
            }
        }

        private void edge(String from, String to) {
            edges.computeIfAbsent(from, k -> new HashSet<>()).add(to);
        }

        /** The scanned methods a call may run: its declaration up the hierarchy and, if virtual, every override. */
        private Set<String> invoked(String owner, String name, String descriptor, boolean exact) {
            Set<String> targets = new HashSet<>();
            Deque<String> up = new ArrayDeque<>(List.of(owner));
            Set<String> seen = new HashSet<>();
            while (!up.isEmpty()) {
                ClassNode c = classes.get(up.pop());
                if (c == null || !seen.add(c.name)) {
                    continue;
                }
                if (declares(c, name, descriptor)) {
                    targets.add(method(c.name, name, descriptor));
                    break;
                }
                if (c.superName != null) {
                    up.add(c.superName);
                }
                up.addAll(c.interfaces);
            }
            if (!exact && classes.containsKey(owner) && !name.equals("<init>")) {
                for (ClassNode c : classes.values()) {
                    if (declares(c, name, descriptor) && isSubtype(c.name, owner)) {
                        targets.add(method(c.name, name, descriptor));
                    }
                }
            }
            return targets;
        }

        private static boolean declares(ClassNode c, String name, String descriptor) {
            return c.methods.stream().anyMatch(m -> m.name.equals(name) && m.desc.equals(descriptor));
        }

        private boolean isSubtype(String type, String of) {
            Deque<String> up = new ArrayDeque<>(List.of(type));
            Set<String> seen = new HashSet<>();
            while (!up.isEmpty()) {
                String t = up.pop();
                if (t.equals(of)) {
                    return true;
                }
                ClassNode c = classes.get(t);
                if (c == null || !seen.add(t)) {
                    continue;
                }
                if (c.superName != null) {
                    up.add(c.superName);
                }
                up.addAll(c.interfaces);
            }
            return false;
        }

        private static boolean loading(String node) {
            String owner = node.contains("#") ? node.substring(0, node.indexOf('#')) : node.substring(0, node.indexOf('.'));
            String method = node.contains("(") ? node.substring(0, node.indexOf('(')) : node;
            return LOADING.contains(owner) || LOADING.contains(method);
        }

        /** Every method and field reachable from the services' methods, the loading path not entered. */
        Set<String> reachable() {
            if (reachable == null) {
                Set<String> seen = new HashSet<>(roots);
                Deque<String> todo = new ArrayDeque<>(roots);
                while (!todo.isEmpty()) {
                    for (String next : edges.getOrDefault(todo.pop(), Set.of())) {
                        if (!loading(next) && seen.add(next)) {
                            todo.add(next);
                        }
                    }
                }
                reachable = seen;
            }
            return reachable;
        }

        List<String> methodsOf(String owner) {
            ClassNode c = classes.get(owner);
            return c == null ? List.of() : c.methods.stream().map(m -> method(owner, m.name, m.desc)).toList();
        }
    }
}
