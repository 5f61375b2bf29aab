package hetero.runtime.jit;

import hetero.runtime.SampleKernels;
import hetero.runtime.conformance.ConformanceKernels;
import hetero.runtime.jit.spirv.SpirvTools;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every conformance and sample kernel emits a SPIR-V module that spirv-val accepts (skipped without spirv-tools). */
public class SpirvValidationTest {
    public static void validate(String name, byte[] module) throws Exception {
        SpirvTools.Result r = SpirvTools.validate(module);
        if (!r.ok()) {
            SpirvTools.Result dis = SpirvTools.disassemble(module);
            assertTrue(false, "spirv-val rejected " + name + ":\n" + r.output() + "\n" + dis.output());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyKernelValidates() {
        assumeTrue(SpirvTools.available(), "spirv-val is not installed");
        List<KernelRef> kernels = new ArrayList<>(PtxValidationTest.kernelsOf(ConformanceKernels.class));
        kernels.addAll(PtxValidationTest.kernelsOf(SampleKernels.class));
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelRef k : kernels) {
            Map<String, Object> constants = PtxValidationTest.CONSTANTS.getOrDefault(k.name(), Map.of());
            tests.add(DynamicTest.dynamicTest(k.name(), () -> {
                validate(k.name(), Jit.compile(k, constants, false, "spirv").binary());
                validate(k.name() + " (overflow-free)", Jit.compile(k, constants, false, "spirv", Indexing.OVERFLOW_FREE).binary());
            }));
        }
        return tests.stream();
    }

    @Test
    void disassemblyKeepsJavaNames() throws Exception {
        assumeTrue(SpirvTools.available(), "spirv-tools is not installed");
        byte[] module = Jit.compile(KernelRef.byName(SampleKernels.class, "vectorAdd"), Map.of(), false, "spirv").binary();
        String text = SpirvTools.disassemble(module).output();
        assertTrue(text.contains("OpEntryPoint Kernel") && text.contains("\"vectorAdd\""), text);
        assertTrue(text.contains("%a = OpFunctionParameter") || text.contains("OpName %a \"a\""), text);
    }

    @Test
    void distinctArraysAreDecoratedNoAliasLikeRestrict() throws Exception {
        assumeTrue(SpirvTools.available(), "spirv-tools is not installed");
        KernelRef k = KernelRef.byName(SampleKernels.class, "vectorAdd");
        byte[] restricted = Jit.compile(k, Map.of(), true, "spirv").binary();
        validate("vectorAdd (no alias)", restricted);
        assertTrue(SpirvTools.disassemble(restricted).output().contains("OpDecorate %c FuncParamAttr NoAlias"));
        assertTrue(!SpirvTools.disassemble(Jit.compile(k, Map.of(), false, "spirv").binary()).output().contains("NoAlias"),
                "arrays that may alias must not be decorated NoAlias");
    }
}
