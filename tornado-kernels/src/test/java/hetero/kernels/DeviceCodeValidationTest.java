package hetero.kernels;

import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelRef;
import hetero.runtime.jit.ptx.Ptxas;
import hetero.runtime.jit.spirv.SpirvTools;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every library kernel emits PTX that ptxas accepts (sm_80, sm_90) and SPIR-V that spirv-val accepts; no GPU needed, skipped without the tools. */
class DeviceCodeValidationTest {
    static final Class<?>[] FAMILIES = {Gemm.class, Softmax.class, Attention.class, LinearAttention.class, LocalAttention.class, Norms.class,
            FeedForward.class, Embedding.class};

    /** Kernels whose private arrays are sized by a scalar parameter compile once it is specialized (as their launches do). */
    static final Map<String, Map<String, Object>> SPECIALIZED = Map.of(
            "flashPrivate", Map.of("dHead", 64),
            "decodeSplitStrip", Map.of("dHead", 64));

    static Map<String, Object> constants(KernelRef k) {
        return SPECIALIZED.getOrDefault(k.name(), Map.of());
    }

    static List<KernelRef> kernels() {
        List<KernelRef> out = new ArrayList<>();
        for (Class<?> c : FAMILIES) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == void.class) {
                    out.add(KernelRef.byName(c, m.getName()));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyLibraryKernelAssemblesWithPtxas() {
        assumeTrue(Ptxas.available(), "ptxas is not installed");
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelRef k : kernels()) {
            tests.add(DynamicTest.dynamicTest(k.owner().getSimpleName() + "::" + k.name(), () -> {
                String ptx = Jit.compile(k, constants(k), false, "ptx").text();
                for (String arch : new String[]{"sm_80", "sm_90"}) {
                    Ptxas.Result r = Ptxas.assemble(ptx, arch);
                    assertTrue(r.ok(), () -> "ptxas " + arch + " rejected " + k + ":\n" + r.log() + "\n" + ptx);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyLibraryKernelValidatesAsSpirv() {
        assumeTrue(SpirvTools.available(), "spirv-val is not installed");
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelRef k : kernels()) {
            tests.add(DynamicTest.dynamicTest(k.owner().getSimpleName() + "::" + k.name(), () -> {
                byte[] module = Jit.compile(k, constants(k), false, "spirv").binary();
                SpirvTools.Result r = SpirvTools.validate(module);
                assertTrue(r.ok(), () -> "spirv-val rejected " + k + ":\n" + r.output());
            }));
        }
        return tests.stream();
    }
}
