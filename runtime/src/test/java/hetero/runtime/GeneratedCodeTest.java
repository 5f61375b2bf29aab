package hetero.runtime;

import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelRef;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated OpenCL C is meant to be read: Java names, loops as loops, source lines. */
class GeneratedCodeTest {
    static String opencl(String kernel) {
        return Jit.dump(KernelRef.byName(SampleKernels.class, kernel), Map.of(), "opencl");
    }

    @Test
    void eachSpecializationGetsItsOwnLocalArraySize() {
        // The first specialization used to fold its size into the parsed IR that the cache shares.
        KernelRef ref = KernelRef.byName(hetero.runtime.conformance.ConformanceKernels.class, "specializedTile");
        String first = Jit.dump(ref, Map.of("tile", 32), "opencl");
        String second = Jit.dump(ref, Map.of("tile", 64), "opencl");
        assertTrue(first.contains("__local float buf[32];"), first);
        assertTrue(second.contains("__local float buf[64];"), second);
    }

    @Test
    void loopPassesUnrollHoistAndStrengthReduceAndLoopsStillReadAsForLoops() {
        // every loop pass on (targets run only the unroller by default; see Target.loopPasses)
        hetero.runtime.jit.Target opencl = new hetero.runtime.jit.opencl.OpenCLTarget();
        hetero.runtime.jit.Target allPasses = new hetero.runtime.jit.Target() {
            @Override
            public String name() {
                return opencl.name();
            }

            @Override
            public boolean nativeJavaMinMax() {
                return opencl.nativeJavaMinMax();
            }

            @Override
            public java.util.Set<hetero.runtime.jit.Target.LoopPass> loopPasses() {
                return java.util.EnumSet.allOf(hetero.runtime.jit.Target.LoopPass.class);
            }

            @Override
            public hetero.runtime.jit.KernelSource emit(hetero.runtime.jit.Specializer.Specialized kernel, hetero.runtime.jit.KernelAbi abi,
                                                        boolean noAlias, long startNanos) {
                return opencl.emit(kernel, abi, noAlias, startNanos);
            }
        };
        String src = Jit.compile(KernelRef.byName(hetero.runtime.conformance.ConformanceKernels.class, "loopPasses"), Map.of(), false, allPasses).text();
        assertFalse(src.contains("k < 6"), "the six-trip loop is unrolled:\n" + src);
        assertTrue(src.contains("a[(int)((uint)stride + (uint)i) & 63]"), "its counter is folded (k = 1):\n" + src);
        assertTrue(src.contains("stride / (d == 0 || d == -1 ? 1 : d);  // line"), "stride / d is computed before the loops:\n" + src);
        assertFalse(src.contains("acc = acc;"), src);
        assertTrue(src.contains("for (i = (int)get_global_id(0); i < out_length; i = i > (int)(2147483647u - (uint)get_global_size(0))"),
                "nothing moves out of the grid-strided loop, which a work-item runs about once:\n" + src);
        assertTrue(src.contains("idx0 = (int)((uint)idx0 + "), "k * stride + i advances by 5 * stride:\n" + src);
        assertTrue(src.contains("for (k = 3; k < out_length; k = (int)((uint)k + 5u)) {"), src);
    }

    @Test
    void byDefaultOnlyTheUnrollerRuns() {
        String src = Jit.dump(KernelRef.byName(hetero.runtime.conformance.ConformanceKernels.class, "loopPasses"), Map.of(), "opencl");
        assertFalse(src.contains("k < 6"), "the six-trip loop is unrolled:\n" + src);
        assertFalse(src.contains("idx0 = (int)((uint)idx0 + "), "no strength reduction by default:\n" + src);
    }

    @Test
    void vectorAddReadsLikeItsJava() {
        String src = opencl("vectorAdd");
        assertTrue(src.contains("__kernel void vectorAdd(__global const float* a, __global const float* b, __global float* c, int n)"), src);
        assertTrue(src.contains("for (i = (int)get_global_id(0); i < n; "), src);
        assertTrue(src.contains("c[i] = a[i] + b[i];  // line 14"), src);
        assertFalse(src.contains("goto"), src);
    }

    @Test
    void nestedParallelLoopsMapInnermostToDimensionZeroAndKeepSequentialLoops() {
        String src = opencl("matmul");
        assertTrue(src.contains("for (i = (int)get_global_id(1); i < m;"), src);
        assertTrue(src.contains("for (j = (int)get_global_id(0); j < n;"), src);
        assertTrue(src.contains("for (p = 0; p < k; p++) {"), src);
        assertTrue(src.contains("acc = fma("), src);
    }

    @Test
    void kernelContextKernelsUseLocalMemoryAndBarriers() {
        String src = opencl("groupSum");
        assertTrue(src.contains("__local float scratch[64];"), src);
        assertTrue(src.contains("barrier(CLK_LOCAL_MEM_FENCE);"), src);
        assertTrue(src.contains("lid = (int)get_local_id(0);"), src);
    }

    @Test
    void helperMethodsBecomeDeviceFunctions() {
        String src = opencl("reluAll");
        assertTrue(src.contains("float relu(float x) {"), src);
        assertTrue(src.contains("relu(x[i])"), src);
    }

    @Test
    void specializationFoldsParametersIntoConstants() {
        String src = Jit.dump(KernelRef.byName(SampleKernels.class, "matmul"), Map.of("k", 64), "opencl");
        assertTrue(src.contains("// specialized: k = 64"), src);
        assertTrue(src.contains("for (p = 0; p < 64; p++)"), src);
        assertFalse(src.contains("int k)"), src);
    }

    @Test
    void theAbiRecordsTheTypesUsedThatThePipelineAndEmittersAskAbout() {
        hetero.runtime.jit.KernelAbi vectors = Jit.abi(KernelRef.byName(hetero.runtime.conformance.ConformanceKernels.class, "float8FmaSqrtMinMax"), Map.of());
        assertTrue(vectors.usesVectors(), "Float8 values: vector lowering runs");
        assertTrue(vectors.types().contains(hetero.runtime.jit.ir.Type.FLOAT8), "SPIR-V declares Vector16 from this");
        assertFalse(vectors.usesDoubles());
        hetero.runtime.jit.KernelAbi doubles = Jit.abi(KernelRef.byName(hetero.runtime.conformance.ConformanceKernels.class, "doubleArith"), Map.of());
        assertTrue(doubles.usesDoubles(), "double[] parameters: the device needs fp64");
        assertFalse(doubles.usesVectors(), "no vectors: the pipeline skips vector lowering");
        hetero.runtime.jit.KernelAbi plain = Jit.abi(KernelRef.byName(hetero.runtime.conformance.ConformanceKernels.class, "intAdd"), Map.of());
        assertFalse(plain.usesDoubles() || plain.usesVectors());
    }

    @Test
    void aLoopWhoseInnerLoopWasUnrolledIsUnrolledToo() {
        String src = Jit.compile(KernelRef.byName(hetero.runtime.conformance.ConformanceKernels.class, "nestedConstantLoops"), Map.of(), false, "opencl").text();
        assertFalse(src.contains("for (b = 0;"), "the four-trip inner loop is unrolled:\n" + src);
        assertFalse(src.contains("for (a = 0;"), "then the three-trip outer loop:\n" + src);
        assertTrue(src.contains("for (i = "), "the @Parallel loop stays:\n" + src);
    }

    @Test
    void loopsBoundedByAPrivateArraysLengthAreUnrolled() {
        // windowMax: for (k = 0; k < w.length; k++) over new float[5]; the unroller's precheck must see w.length as 5
        String src = Jit.compile(KernelRef.byName(hetero.runtime.conformance.ConformanceKernels.class, "privateInHelper"), Map.of(), false, "opencl").text();
        assertFalse(src.contains("for (k = 0;"), "the five-trip loop is unrolled:\n" + src);
        assertTrue(src.contains("w[4] = "), src);
    }
}
