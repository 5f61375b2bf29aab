package hetero.runtime.jit;

import hetero.runtime.conformance.ConformanceKernels;
import hetero.runtime.jit.spirv.SpirvTools;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Vector types reach each target as its own vectors: OpenCL C floatN, SPIR-V OpTypeVector, PTX ld/st.v4 where aligned. */
class VectorCodeTest {
    private static KernelRef ref(String kernel) {
        return KernelRef.byName(ConformanceKernels.class, kernel);
    }

    @Test
    void openclUsesVectorTypesAndUnalignedVectorLoads() {
        String src = Jit.dump(ref("vectorAccumulator"), Map.of(), "opencl");
        assertTrue(src.contains("float4 "), src);
        assertTrue(src.contains("acc = fma(x, vload4(0, b + "), src);
        assertTrue(src.contains("vstore4(acc + max_, 0, out + "), src);
        String wide = Jit.dump(ref("columnMacFloat16"), Map.of(), "opencl");
        assertTrue(wide.contains("float16 ") && wide.contains("vload16(0, a + ") && wide.contains("vstore16(acc, 0, out + "), wide);
        String lanes = Jit.dump(ref("vectorLanes"), Map.of(), "opencl");
        assertTrue(lanes.contains("v.s1 = v.s0 * 2.0f;"), lanes);
    }

    @Test
    void ptxLoadsAndStoresFourLanesAtOnceOnlyWhereTheIndexIsAMultipleOfFour() {
        String acc = Jit.dump(ref("vectorAccumulator"), Map.of(), "ptx");
        // b at 4 * j and out at 4 * i: aligned; a at i + 4 * j + 1: lane by lane
        assertTrue(acc.contains("ld.global.v4.f32 {"), acc);
        assertTrue(acc.contains("st.global.v4.f32 ["), acc);
        assertTrue(acc.contains("ld.global.f32 %x_1, ["), acc);
        String arith = Jit.dump(ref("float4Arith"), Map.of(), "ptx");
        assertFalse(arith.contains(".v4."), "float4Arith accesses 4 * i + 1, never aligned:\n" + arith);
    }

    @Test
    void spirvUsesOpTypeVectorAndOpenClVloadn() throws Exception {
        assumeTrue(SpirvTools.available(), "spirv-tools is not installed");
        byte[] module = Jit.compile(ref("columnMacFloat16"), Map.of(), false, "spirv").binary();
        String text = SpirvTools.disassemble(module).output();
        assertTrue(text.contains("OpCapability Vector16"), text);
        assertTrue(text.contains("OpTypeVector %float 16"), text);
        assertTrue(text.contains("vloadn") && text.contains("vstoren"), text);
    }
}
