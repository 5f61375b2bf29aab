package hetero.runtime.jit;

import hetero.runtime.SampleKernels;
import hetero.runtime.conformance.ConformanceKernels;
import hetero.runtime.jit.ptx.Ptxas;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every conformance and sample kernel emits PTX that NVIDIA's assembler accepts for sm_80 and
 * sm_90 (ptxas needs no GPU), in both indexing variants. Skipped where ptxas is not installed.
 */
public class PtxValidationTest {
    /** Specializations that kernels with local or private arrays sized by a parameter need. */
    static final Map<String, Map<String, Object>> CONSTANTS = Map.of("specializedTile", Map.of("tile", 32),
            "privateSpecializedSize", Map.of("width", 6));

    /** Runs ptxas on the text, failing the test (with the log and numbered source) on a non-zero exit. */
    public static void assemble(String name, String ptx, String arch) throws Exception {
        Ptxas.Result r = Ptxas.assemble(ptx, arch);
        assertEquals(0, r.exitCode(), () -> "ptxas " + arch + " rejected " + name + ":\n" + r.log() + "\n" + numbered(ptx));
    }

    static String numbered(String s) {
        StringBuilder b = new StringBuilder();
        String[] lines = s.split("\n");
        for (int i = 0; i < lines.length; i++) b.append(String.format("%4d  %s%n", i + 1, lines[i]));
        return b.toString();
    }

    public static List<KernelRef> kernelsOf(Class<?> c) {
        List<KernelRef> out = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) && m.getReturnType() == void.class) {
                out.add(KernelRef.byName(c, m.getName()));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyKernelAssemblesWithPtxas() {
        assumeTrue(Ptxas.available(), "ptxas is not installed");
        List<KernelRef> kernels = new ArrayList<>(kernelsOf(ConformanceKernels.class));
        kernels.addAll(kernelsOf(SampleKernels.class));
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelRef k : kernels) {
            Map<String, Object> constants = CONSTANTS.getOrDefault(k.name(), Map.of());
            // double transcendental functions are refused on PTX by design
            if (k.name().equals("doubleMath")) continue;
            tests.add(DynamicTest.dynamicTest(k.name(), () -> {
                String ptx = Jit.compile(k, constants, false, "ptx").text();
                assemble(k.name(), ptx, "sm_80");
                assemble(k.name(), ptx, "sm_90");
                // the overflow-free indexing variant (64-bit index arithmetic) where the kernel has index arithmetic
                String wide = Jit.compile(k, constants, false, "ptx", Indexing.OVERFLOW_FREE).text();
                if (!wide.equals(ptx)) assemble(k.name() + " (overflow-free)", wide, "sm_80");
            }));
        }
        return tests.stream();
    }
}
