package hetero.runtime.conformance;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;
import hetero.runtime.jit.UnsupportedKernelException;
import hetero.runtime.kernel.WorkerGrid;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static hetero.runtime.conformance.ConformanceKernels.*;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs every conformance kernel on the JVM (the reference) and on every other available device,
 * and compares all arrays afterwards: integers exactly, floats bit for bit (any NaN equals any
 * NaN) except where a case states a tolerance (device transcendental functions are not correctly
 * rounded: OpenCL allows exp 3 ulp, tanh 5 ulp, and so on).
 */
class ConformanceTest {
    static final int[] INTS = {0, 1, -1, 2, -2, 3, 7, -7, 31, 32, 33, 63, 64, 100, -100, 12345, -12345, 1 << 30,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1};
    static final long[] LONGS = {0, 1, -1, 2, -3, 63, 64, 65, 1L << 40, -(1L << 40), 1234567890123L, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
    static final float[] FLOATS = {0f, -0f, 1f, -1f, 0.5f, 2.5f, -2.5f, 3.7f, -3.7f, 1e10f, -1e10f, 3e9f, -3e9f,
            2147483648f, -2147483904f, 9.3e18f, 1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 1e-40f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.1f, 123.456f};

    /** Kernels a backend refuses by design: PTX has no double-precision exp/tanh. */
    static final Map<String, Set<String>> REFUSED = Map.of("ptx", Set.of("doubleMath"));

    /** A kernel invocation with fresh inputs per run. */
    record Case(String name, String method, Supplier<Object[]> args, WorkerGrid grid, double relTol, String[] specialize) {
        Case(String name, Supplier<Object[]> args) {
            this(name, name, args, null, 0, new String[0]);
        }

        Case tolerance(double t) {
            return new Case(name, method, args, grid, t, specialize);
        }

        Case grid(WorkerGrid g) {
            return new Case(name, method, args, g, relTol, specialize);
        }

        Case specialize(String... p) {
            return new Case(name, method, args, grid, relTol, p);
        }
    }

    static int[][] intPairs() {
        int n = INTS.length * INTS.length;
        int[] a = new int[n], b = new int[n];
        for (int i = 0; i < INTS.length; i++) for (int j = 0; j < INTS.length; j++) { a[i * INTS.length + j] = INTS[i]; b[i * INTS.length + j] = INTS[j]; }
        return new int[][]{a, b};
    }

    static long[][] longPairs() {
        int n = LONGS.length * LONGS.length;
        long[] a = new long[n], b = new long[n];
        for (int i = 0; i < LONGS.length; i++) for (int j = 0; j < LONGS.length; j++) { a[i * LONGS.length + j] = LONGS[i]; b[i * LONGS.length + j] = LONGS[j]; }
        return new long[][]{a, b};
    }

    static float[][] floatPairs() {
        int n = FLOATS.length * FLOATS.length;
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < FLOATS.length; i++) for (int j = 0; j < FLOATS.length; j++) { a[i * FLOATS.length + j] = FLOATS[i]; b[i * FLOATS.length + j] = FLOATS[j]; }
        return new float[][]{a, b};
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i] * 1.0000001;
        return d;
    }

    static float[] ramp(int n, float scale, float offset) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) Math.sin(i * 0.37 + 0.1) * scale + offset;
        return f;
    }

    static int[] intRamp(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i * 7919 % 1000 - 300;
        return r;
    }

    static List<Case> cases() {
        int ni = INTS.length * INTS.length, nl = LONGS.length * LONGS.length, nf = FLOATS.length * FLOATS.length;
        List<Case> c = new ArrayList<>();
        c.add(new Case("intAdd", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni]}; }));
        c.add(new Case("intSub", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni]}; }));
        c.add(new Case("intMul", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni]}; }));
        c.add(new Case("intDiv", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni]}; }));
        c.add(new Case("intRem", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni]}; }));
        c.add(new Case("intDivByConstant", () -> new Object[]{intPairs()[0], new int[ni]}));
        c.add(new Case("intNeg", () -> new Object[]{intPairs()[0], new int[ni]}));
        c.add(new Case("intBitwise", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni], new int[ni], new int[ni], new int[ni]}; }));
        c.add(new Case("intShifts", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni], new int[ni], new int[ni]}; }));
        c.add(new Case("intConstantShifts", () -> new Object[]{intPairs()[0], new int[ni]}));
        c.add(new Case("longArith", () -> { long[][] p = longPairs(); return new Object[]{p[0], p[1], new long[nl], new long[nl], new long[nl]}; }));
        c.add(new Case("longDivRem", () -> { long[][] p = longPairs(); return new Object[]{p[0], p[1], new long[nl], new long[nl]}; }));
        c.add(new Case("longShifts", () -> {
            long[][] p = longPairs();
            int[] s = new int[nl];
            for (int i = 0; i < nl; i++) s[i] = (int) p[1][i];
            return new Object[]{p[0], s, new long[nl], new long[nl], new long[nl]};
        }));
        c.add(new Case("longNegBitwise", () -> { long[][] p = longPairs(); return new Object[]{p[0], p[1], new long[nl], new long[nl]}; }));
        c.add(new Case("floatArith", () -> { float[][] p = floatPairs(); return new Object[]{p[0], p[1], new float[nf], new float[nf], new float[nf], new float[nf]}; }));
        c.add(new Case("floatRemNeg", () -> { float[][] p = floatPairs(); return new Object[]{p[0], p[1], new float[nf], new float[nf]}; }));
        c.add(new Case("floatNoContraction", () -> {
            float[] a = ramp(1000, 1.1f, 0.3f), b = ramp(1000, 3.3f, -0.1f), cc = ramp(1000, -2.2f, 0.05f);
            return new Object[]{a, b, cc, new float[1000]};
        }));
        c.add(new Case("doubleArith", () -> { float[][] p = floatPairs(); return new Object[]{toDouble(p[0]), toDouble(p[1]), new double[nf], new double[nf], new double[nf], new double[nf]}; }));
        c.add(new Case("floatDoubleMix", () -> { float[][] p = floatPairs(); return new Object[]{p[0], toDouble(p[1]), new float[nf]}; }));
        c.add(new Case("floatToInt", () -> new Object[]{floatPairs()[0], new int[nf], new long[nf]}));
        c.add(new Case("doubleToInt", () -> {
            double[] d = toDouble(floatPairs()[0]);
            d[1] = 1e300; d[2] = -1e300; d[3] = 3.5e-320;
            return new Object[]{d, new int[nf], new long[nf], new float[nf]};
        }));
        c.add(new Case("intConversions", () -> { long[] l = new long[ni]; for (int i = 0; i < ni; i++) l[i] = LONGS[i % LONGS.length]; return new Object[]{intPairs()[0], l, new float[ni], new double[ni], new long[ni]}; }));
        c.add(new Case("longConversions", () -> new Object[]{longPairs()[0], new float[nl], new double[nl], new int[nl]}));
        c.add(new Case("narrowing", () -> new Object[]{intPairs()[0], new int[ni], new int[ni], new int[ni]}));
        c.add(new Case("floatCompare", () -> { float[][] p = floatPairs(); return new Object[]{p[0], p[1], new int[nf]}; }));
        c.add(new Case("doubleCompare", () -> { float[][] p = floatPairs(); return new Object[]{toDouble(p[0]), toDouble(p[1]), new int[nf]}; }));
        c.add(new Case("longCompare", () -> { long[][] p = longPairs(); return new Object[]{p[0], p[1], new int[nl]}; }));
        c.add(new Case("javaMaxMin", () -> { float[][] p = floatPairs(); return new Object[]{p[0], p[1], new float[nf], new float[nf], new double[nf]}; }));
        c.add(new Case("intMathFunctions", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni], new int[ni], new int[ni], new long[ni]}; }));
        c.add(new Case("floatMath", () -> {
            float[] x = ramp(257, 5f, 5.5f);
            x[0] = 0f; x[1] = 1f; x[2] = 1e-3f; x[3] = 20f; x[4] = -3f;
            return new Object[]{x, new float[257], new float[257], new float[257], new float[257], new float[257], new float[257]};
        }).tolerance(2e-6));
        c.add(new Case("floatMath2", () -> new Object[]{ramp(300, 3f, 3.5f), ramp(300, 2f, 0f), new float[300], new float[300], new float[300], new float[300]}).tolerance(2e-6));
        c.add(new Case("doubleMath", () -> new Object[]{toDouble(ramp(300, 4f, 0f)), new double[300]}).tolerance(1e-14));
        c.add(new Case("floatBits", () -> new Object[]{FLOATS.clone(), new int[FLOATS.length], new float[FLOATS.length]}));
        c.add(new Case("nanChecks", () -> new Object[]{FLOATS.clone(), new int[FLOATS.length]}));
        c.add(new Case("parallel2D", () -> new Object[]{ramp(37 * 13, 1f, 0f), new float[37 * 13], 37, 13}));
        c.add(new Case("parallel3D", () -> new Object[]{new int[5 * 7 * 3], 5, 7, 3}));
        c.add(new Case("stridedLoop", () -> new Object[]{new int[100], 4, 97}));
        c.add(new Case("stridedLoop (grid smaller than range)", "stridedLoop", () -> new Object[]{new int[1000], 2, 1000}, WorkerGrid.of1D(17), 0, new String[0]));
        c.add(new Case("inclusiveBound", () -> new Object[]{new int[64], 62}));
        c.add(new Case("prefixPerRow", () -> new Object[]{ramp(11 * 29, 1f, 0.5f), new float[11 * 29], 11, 29}));
        c.add(new Case("singleThreaded", () -> new Object[]{new int[50]}));
        c.add(new Case("whileBreakContinue", () -> { int[] a = intRamp(200); for (int i = 0; i < a.length; i++) a[i] = Math.abs(a[i]) + 1; return new Object[]{a, new int[200]}; }));
        c.add(new Case("doWhile", () -> new Object[]{intPairs()[0], new int[ni]}));
        c.add(new Case("ternaries", () -> new Object[]{ramp(200, 30f, 0f), new float[200]}));
        c.add(new Case("shortCircuit", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni]}; }));
        c.add(new Case("switchStatement", () -> new Object[]{intPairs()[0], new int[ni]}));
        c.add(new Case("labelledBreak", () -> new Object[]{intRamp(64), new int[64], 64}));
        c.add(new Case("earlyReturn", () -> { int[] a = intRamp(40); a[30] = -5; for (int i = 0; i < 30; i++) a[i] = Math.abs(a[i]); return new Object[]{a, new int[40]}; }));
        c.add(new Case("compoundAssign", () -> new Object[]{ramp(100, 2f, 0f), intRamp(100), new long[100]}));
        c.add(new Case("arrayLength", () -> new Object[]{new float[123], new int[45]}));
        c.add(new Case("longLoopCounter", () -> new Object[]{new long[64]}));
        c.add(new Case("helpers", () -> new Object[]{ramp(9 * 31, 1f, 0f), ramp(31, 1f, 0.5f), new float[9], 9, 31}).tolerance(1e-6));
        c.add(new Case("contextIds", "contextIds", () -> new Object[]{null, new int[96]}, WorkerGrid.of1D(96).local(32), 0, new String[0]));
        c.add(new Case("contextIds2D", "contextIds2D", () -> new Object[]{null, new int[10 * 6], 10}, WorkerGrid.of2D(12, 6).local(4, 2), 0, new String[0]));
        c.add(new Case("groupReduce", "groupReduce", () -> new Object[]{null, ramp(1000, 1f, 0.25f), new float[16], 1000}, WorkerGrid.of1D(1000).local(64), 1e-6, new String[0]));
        c.add(new Case("reverseInGroup", "reverseInGroup", () -> new Object[]{null, intRamp(128)}, WorkerGrid.of1D(128).local(32), 0, new String[0]));
        c.add(new Case("rowMax", "rowMax", () -> new Object[]{null, ramp(7 * 50, 3f, 0f), new float[7], 50}, WorkerGrid.of1D(7 * 16).local(16), 0, new String[0]));
        c.add(new Case("specializedTile", "specializedTile", () -> new Object[]{null, ramp(96, 1f, 0f), new float[96], 32}, WorkerGrid.of1D(96).local(32), 1e-6, new String[]{"tile"}));
        c.add(new Case("divisionByZero", () -> { int[][] p = intPairs(); return new Object[]{p[0], p[1], new int[ni], new int[ni], new long[ni], new long[ni]}; }));
        c.add(new Case("kmathMaxMin", () -> { float[][] p = floatPairs(); return new Object[]{p[0], p[1], new float[nf], new float[nf]}; }));
        c.add(new Case("nearIntMax", () -> new Object[]{new int[10]}));
        c.add(new Case("specializedFlags", "specializedFlags", () -> new Object[]{new int[33], true, 'A'}, null, 0, new String[]{"negate", "offset"}));
        c.add(new Case("loopPasses", () -> new Object[]{intRamp(64), new int[100], 0x7654_3211, 0}));
        c.add(new Case("loopPasses (negative stride)", "loopPasses", () -> new Object[]{intRamp(64), new int[100], -13, 3}, null, 0, new String[0]));
        c.add(new Case("cross", () -> new Object[]{ramp(77, 2f, 0f), ramp(77, 1.5f, 0.1f), new float[77]}));
        c.add(new Case("float4Arith", () -> {
            float[][] p = floatPairs();
            return new Object[]{p[0], p[1], new float[nf], new float[nf], new float[nf], new float[nf], new float[nf]};
        }));
        c.add(new Case("float8FmaSqrtMinMax", () -> {
            float[][] p = floatPairs();
            return new Object[]{p[0], p[1], ramp(nf, 2f, 0.5f), new float[nf], new float[nf], new float[nf], new float[nf]};
        }));
        c.add(new Case("float16Reductions", () -> new Object[]{ramp(3 * 40 + 16, 2f, 0.1f), ramp(3 * 40 + 21, 1.5f, -0.2f),
                new float[40], new float[40], new float[40]}));
        c.add(new Case("vectorLanes", () -> {
            int n = 37;
            int[] lanes = new int[n];
            for (int i = 0; i < n; i++) lanes[i] = (i * 7) % 4;
            return new Object[]{ramp(4 * n, 3f, 0.5f), lanes, new float[8 * n], new float[n]};
        }));
        c.add(new Case("vectorAccumulator", () -> new Object[]{ramp(4 * 61 + 4 * 19 + 4, 1.5f, 0.1f), ramp(4 * 19, 0.7f, 0.2f), new float[4 * 61], 19}));
        c.add(new Case("columnMac", () -> new Object[]{ramp(64 * 37, 1f, 0f), ramp(37, 1f, 0.5f), new float[64], 64, 37}));
        c.add(new Case("columnMacFloat16", () -> new Object[]{ramp(64 * 37, 1f, 0f), ramp(37, 1f, 0.5f), new float[64], 64, 37}));
        c.add(new Case("vectorLocalMemory", "vectorLocalMemory", () -> new Object[]{null, ramp(192, 1f, 0f), new float[192]},
                WorkerGrid.of1D(192).local(64), 0, new String[0]));
        c.add(new Case("stridedGather (overflow-free)", "stridedGather", () -> new Object[]{intRamp(300), new int[97], 3}, null, 0, new String[0]));
        c.add(new Case("stridedGather (i * stride wraps: exact)", "stridedGather", () -> new Object[]{intRamp(16), new int[8], 1 << 30}, null, 0, new String[0]));
        c.add(new Case("transposeSum (overflow-free)", "transposeSum", () -> new Object[]{null, ramp(3 * 13 * 13, 1f, 0f), new float[13 * 13], 13, 3},
                WorkerGrid.of2D(16, 13).local(8, 1), 0, new String[0]));
        // Same kernel, another specialized local-array size, in the same JVM: the first size must not stick.
        c.add(new Case("specializedTile (second size)", "specializedTile", () -> new Object[]{null, ramp(128, 1f, 0f), new float[128], 64},
                WorkerGrid.of1D(128).local(64), 1e-6, new String[]{"tile"}));
        c.add(new Case("privateZeroInit (grid smaller than range)", "privateZeroInit",
                () -> new Object[]{new int[203], new long[203], new float[203], new double[203]}, WorkerGrid.of1D(7), 0, new String[0]));
        c.add(new Case("privateAccumulate", () -> new Object[]{ramp(50 * 37, 1f, 0.25f), new float[50 * 4], 37}));
        c.add(new Case("privateSpecializedSize", () -> new Object[]{ramp(24 * 6, 1f, 0f), new float[24 * 6], 6}));
        // Same kernel, another private-array size, in the same JVM: the first size must not stick.
        c.add(new Case("privateSpecializedSize (second size)", "privateSpecializedSize",
                () -> new Object[]{ramp(10 * 13, 1f, 0f), new float[10 * 13], 13}, null, 0, new String[0]));
        c.add(new Case("privateInHelper", () -> new Object[]{ramp(57, 3f, 0f), new float[57]}));
        c.add(new Case("nestedConstantLoops", () -> new Object[]{ramp(57, 3f, 0f), new float[57]}));
        c.add(new Case("privateRuntimeIndex", () -> new Object[]{intRamp(40 * 16), new int[40 * BINS]}));
        c.add(new Case("privateInContext", "privateInContext", () -> new Object[]{null, ramp(96 * 3, 1f, 0f), new float[96 * 3]},
                WorkerGrid.of1D(96).local(GROUP), 0, new String[0]));
        c.add(new Case("aliasWrite", () -> new Object[]{ramp(200, 2f, 0.5f), new float[200]}));
        c.add(new Case("aliasReadWrite", () -> new Object[]{ramp(200, 2f, 0.5f), ramp(200, 1f, -0.25f), new float[200]}));
        c.add(new Case("aliasInHelper", () -> new Object[]{ramp(200, 2f, 0.5f), new float[200]}));
        c.add(new Case("aliasInContext", "aliasInContext", () -> new Object[]{null, intRamp(96), new int[96]}, WorkerGrid.of1D(96).local(32), 0, new String[0]));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyKernelAgreesWithTheJvmOnEveryDevice() {
        List<Device> devices = Devices.list().stream().filter(d -> !d.backend().equals("jvm")).toList();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.name() + " on jvm", () -> run(c, Devices.get("jvm"))));
            for (Device d : devices) {
                if (REFUSED.getOrDefault(d.backend(), Set.of()).contains(c.method())) {
                    // The backend refuses this kernel by design: the refusal must be the clear JIT error.
                    tests.add(DynamicTest.dynamicTest(c.name() + " is refused on " + d.id(),
                            () -> assertThrows(UnsupportedKernelException.class, () -> run(c, d))));
                } else {
                    tests.add(DynamicTest.dynamicTest(c.name() + " on " + d.id(), () -> compare(c, d)));
                }
            }
        }
        // A backend that cannot run here is a visible, counted skip with its reason, not a silent absence.
        for (hetero.runtime.backend.Backend b : Devices.backends()) {
            if (!b.available()) {
                tests.add(DynamicTest.dynamicTest("all " + cases().size() + " kernels on backend " + b.name() + " (unavailable)",
                        () -> assumeTrue(false, "backend " + b.name() + " is unavailable here: " + b.unavailableReason())));
            }
        }
        assertTrue(cases().size() >= 40, "the conformance suite keeps at least 40 kernels");
        return tests.stream();
    }

    static Object[] run(Case c, Device device) {
        Object[] args = c.args().get();
        if (args.length > 0 && args[0] == null) args[0] = new hetero.runtime.api.KernelContext();
        TaskGraph g = new TaskGraph("conf").task("k", ConformanceKernels.class, c.method(), args);
        List<Object> arrays = new ArrayList<>();
        for (Object a : args) if (a != null && a.getClass().isArray()) arrays.add(a);
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, arrays.toArray());
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, arrays.toArray());
        if (c.specialize().length > 0) g.specialize("k", c.specialize());
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            if (c.grid() != null) plan.withGrid("conf.k", c.grid());
            plan.execute();
        }
        return args;
    }

    static void compare(Case c, Device device) {
        Object[] expected = run(c, Devices.get("jvm"));
        Object[] actual = run(c, device);
        for (int k = 0; k < expected.length; k++) {
            Object e = expected[k], a = actual[k];
            String where = c.name() + " on " + device.id() + ", argument " + k;
            switch (e) {
                case int[] ei -> { int[] ai = (int[]) a; for (int i = 0; i < ei.length; i++) if (ei[i] != ai[i]) fail(where + "[" + i + "]: expected " + ei[i] + " but was " + ai[i] + inputs(c, i)); }
                case long[] el -> { long[] al = (long[]) a; for (int i = 0; i < el.length; i++) if (el[i] != al[i]) fail(where + "[" + i + "]: expected " + el[i] + " but was " + al[i] + inputs(c, i)); }
                case float[] ef -> { float[] af = (float[]) a; for (int i = 0; i < ef.length; i++) if (!close(ef[i], af[i], c.relTol())) fail(where + "[" + i + "]: expected " + ef[i] + " but was " + af[i] + inputs(c, i)); }
                case double[] ed -> { double[] ad = (double[]) a; for (int i = 0; i < ed.length; i++) if (!close(ed[i], ad[i], c.relTol())) fail(where + "[" + i + "]: expected " + ed[i] + " but was " + ad[i] + inputs(c, i)); }
                default -> { }
            }
        }
    }

    private static String inputs(Case c, int i) {
        Object[] args = c.args().get();
        StringBuilder b = new StringBuilder(" (inputs:");
        for (Object a : args) {
            if (a instanceof int[] x && i < x.length) b.append(' ').append(x[i]);
            if (a instanceof long[] x && i < x.length) b.append(' ').append(x[i]);
            if (a instanceof float[] x && i < x.length) b.append(' ').append(x[i]);
            if (a instanceof double[] x && i < x.length) b.append(' ').append(x[i]);
        }
        return b.append(")").toString();
    }

    static boolean close(double e, double a, double relTol) {
        if (Double.isNaN(e) || Double.isNaN(a)) return Double.isNaN(e) && Double.isNaN(a);
        if (relTol == 0) return Double.doubleToRawLongBits(e) == Double.doubleToRawLongBits(a) || (e == a && e != 0);
        if (Double.isInfinite(e) || Double.isInfinite(a)) return e == a;
        return Math.abs(e - a) <= relTol * Math.max(1.0, Math.abs(e));
    }
}
