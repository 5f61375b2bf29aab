package hetero.runtime;

import hetero.runtime.kernel.WorkerGrid;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime's packages depend one way: api -> backend -> jit -> kernel (api may also use jit and
 * kernel; tornado, the TornadoVM adapter, sits on top of all). Checked on the compiled classes with
 * the ClassFile API: every class, method, field and annotation a class names is in its constant
 * pool (string constants, such as the JIT's "hetero/runtime/api/KMath", are data and not counted).
 */
class RuntimeLayersTest {
    /** For each package (a folder under hetero/runtime), the packages it must not reference. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "kernel", List.of("api", "backend", "jit", "tornado"),
            "jit", List.of("api", "backend", "tornado"),
            "backend", List.of("api", "tornado"),
            "api", List.of("tornado"));

    /**
     * References allowed against the rule, each with its reason: "class -> referenced class".
     * KernelContextEmulator hands kernels declared with the legacy hetero.runtime.api.KernelContext
     * (a user-facing subclass of TornadoVM's) an instance of that class, so its per-item context
     * must extend it.
     */
    private static final Set<String> ALLOWED = Set.of(
            "hetero/runtime/backend/jvm/KernelContextEmulator$ItemContext -> hetero/runtime/api/KernelContext");

    @Test
    void noPackageReferencesALayerAboveIt() throws Exception {
        Path root = classesRoot();
        Set<String> violations = new TreeSet<>();
        Set<String> allowancesUsed = new HashSet<>();
        int checked = 0;
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            for (Path file : classFiles(root.resolve("hetero/runtime/" + rule.getKey()))) {
                checked++;
                ClassModel cm = ClassFile.of().parse(Files.readAllBytes(file));
                String self = cm.thisClass().asInternalName();
                for (String ref : references(cm)) {
                    for (String above : rule.getValue()) {
                        String prefix = "hetero/runtime/" + above + "/";
                        int at = ref.indexOf(prefix);
                        if (at < 0) continue;
                        int end = ref.indexOf(';', at);
                        String edge = self + " -> " + ref.substring(at, end < 0 ? ref.length() : end);
                        if (ALLOWED.contains(edge)) allowancesUsed.add(edge);
                        else violations.add(edge);
                    }
                }
            }
        }
        assertTrue(checked > 50, "found only " + checked + " classes under " + root);
        assertEquals(Set.of(), violations, "references from a lower runtime package to a higher one");
        assertEquals(ALLOWED, allowancesUsed, "an allowance no longer needed: remove it");
    }

    /** Every name in the constant pool except the text of string constants: class names and descriptors. */
    private static Set<String> references(ClassModel cm) {
        Set<Utf8Entry> stringData = new HashSet<>();
        for (PoolEntry e : cm.constantPool()) if (e instanceof StringEntry s) stringData.add(s.utf8());
        Set<String> names = new HashSet<>();
        for (PoolEntry e : cm.constantPool()) {
            if (e instanceof Utf8Entry u && !stringData.contains(u)) names.add(u.stringValue());
        }
        return names;
    }

    private static List<Path> classFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(p -> p.toString().endsWith(".class")).toList());
        }
    }

    /** runtime/target/classes, found from a main class (the tests' own classes are elsewhere). */
    private static Path classesRoot() throws URISyntaxException {
        return Path.of(WorkerGrid.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
