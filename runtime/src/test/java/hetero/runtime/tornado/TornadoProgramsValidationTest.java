package hetero.runtime.tornado;

import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelRef;
import hetero.runtime.jit.PtxValidationTest;
import hetero.runtime.jit.SpirvValidationTest;
import hetero.runtime.jit.UnsupportedKernelException;
import hetero.runtime.jit.ptx.Ptxas;
import hetero.runtime.jit.spirv.SpirvTools;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fidelity suite's kernels on the targets this machine cannot run: PTX through ptxas, SPIR-V
 * through spirv-val. Kernels a target refuses by design must be refused with a message naming
 * the construct, never emitted wrong.
 */
class TornadoProgramsValidationTest {
    /** Local arrays sized by a parameter: the plan folds these values in. */
    static final Map<String, Map<String, Object>> CONSTANTS = Map.of("groupSums", Map.of("groupSize", 64));
    /** Refused everywhere: the kernel uses a member with no device meaning. */
    static final Set<String> REFUSED = Set.of("initInKernel");
    /** PTX has no arc-tangent, arc-sine or double-precision transcendental builtins here. */
    static final Set<String> REFUSED_ON_PTX = Set.of("mathFloat", "mathJava");

    static Stream<DynamicTest> each(String target, Set<String> refused, Compile compile) {
        return PtxValidationTest.kernelsOf(TornadoPrograms.class).stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            Map<String, Object> constants = CONSTANTS.getOrDefault(k.name(), Map.of());
            if (REFUSED.contains(k.name()) || refused.contains(k.name())) {
                var e = assertThrows(UnsupportedKernelException.class, () -> Jit.compile(k, constants, false, target));
                assertTrue(e.getMessage().contains(k.owner().getName()), e.getMessage());
                return;
            }
            compile.check(k, constants);
        }));
    }

    interface Compile {
        void check(KernelRef k, Map<String, Object> constants) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> ptxAssembles() {
        assumeTrue(Ptxas.available(), "ptxas is not installed");
        return each("ptx", REFUSED_ON_PTX, (k, c) -> {
            String ptx = Jit.compile(k, c, false, "ptx").text();
            PtxValidationTest.assemble(k.name(), ptx, "sm_80");
            PtxValidationTest.assemble(k.name(), ptx, "sm_90");
        });
    }

    @TestFactory
    Stream<DynamicTest> spirvValidates() {
        assumeTrue(SpirvTools.available(), "spirv-val is not installed");
        return each("spirv", Set.of(), (k, c) -> SpirvValidationTest.validate(k.name(), Jit.compile(k, c, false, "spirv").binary()));
    }

    @TestFactory
    Stream<DynamicTest> openclCompilesToSource() {
        return each("opencl", Set.of(), (k, c) -> assertTrue(Jit.compile(k, c, false, "opencl").text().contains("__kernel")));
    }
}
