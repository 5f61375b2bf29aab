package hetero.runtime.tornado;

import hetero.runtime.jit.Frontend;
import hetero.runtime.jit.KernelRef;
import hetero.runtime.jit.UnsupportedKernelException;
import hetero.runtime.jit.ir.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fidelity suite: TornadoVM programs (kernels in {@link TornadoPrograms}, host code below as a
 * TornadoVM user writes it: TaskGraph -> snapshot() -> TornadoExecutionPlan -> execute() ->
 * transferToHost) run on every device the runtime offers, compared with plain Java.
 */
class TornadoFidelityTest {

    /** Every device of every backend, as TornadoVM numbers them. */
    static List<TornadoDevice> devices() {
        List<TornadoDevice> out = new ArrayList<>();
        List<List<TornadoDevice>> backends = new HeteroTornadoRuntime().backends();
        for (int b = 0; b < backends.size(); b++) {
            for (int d = 0; d < backends.get(b).size(); d++) out.add(TornadoExecutionPlan.getDevice(b, d));
        }
        return out;
    }

    static Stream<DynamicTest> onEveryDevice(String name, java.util.function.Consumer<TornadoDevice> body) {
        return devices().stream().map(d -> DynamicTest.dynamicTest(name + " on " + d, () -> body.accept(d)));
    }

    static float[] random(int n, long seed, float scale) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (r.nextFloat() * 2 - 1) * scale;
        return a;
    }

    static void assertClose(float[] want, float[] got, float relTol, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            if (Float.isNaN(want[i]) || Float.isInfinite(want[i])) {
                assertEquals(want[i], got[i], what + "[" + i + "]");
                continue;
            }
            float tol = relTol * Math.max(1f, Math.abs(want[i]));
            assertTrue(Math.abs(want[i] - got[i]) <= tol, what + "[" + i + "]: want " + want[i] + ", got " + got[i]);
        }
    }

    @TestFactory
    Stream<DynamicTest> saxpyWithScalarInTransfersAndEveryExecution() {
        return onEveryDevice("saxpy", device -> {
            int n = 1000;
            float alpha = 2.5f;
            float[] x = random(n, 1, 10), y = random(n, 2, 10), out = new float[n];
            TaskGraph tg = new TaskGraph("s0")
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, alpha, x, y)
                    .task("t0", TornadoPrograms::saxpy, alpha, x, y, out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
            ImmutableTaskGraph itg = tg.snapshot();
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(itg)) {
                TornadoExecutionResult result = plan.withDevice(device).withProfiler(ProfilerMode.SILENT).execute();
                float[] want = new float[n];
                TornadoPrograms.saxpy(alpha, x, y, want);
                assertArrayEquals(want, out, "saxpy");
                TornadoProfilerResult p = result.getProfilerResult();
                // x and y go in (the scalar travels as an argument); so does out, once: the runtime copies an
                // output in before its first use so that elements a kernel does not write keep their host values.
                assertEquals(3L * 4 * n, p.getTotalBytesCopyIn(), "copy-in bytes");
                assertEquals(4L * n, p.getTotalBytesCopyOut());
                assertTrue(p.getTotalTime() > 0);
                // EVERY_EXECUTION: a changed input is copied again.
                for (int i = 0; i < n; i++) x[i] = -x[i];
                assertEquals(2L * 4 * n, plan.execute().getProfilerResult().getTotalBytesCopyIn(), "EVERY_EXECUTION inputs again");
                TornadoPrograms.saxpy(alpha, x, y, want);
                assertArrayEquals(want, out, "saxpy, second execution");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> matMulNestedLoopsDerivedGridAndGridScheduler() {
        return onEveryDevice("matMul", device -> {
            int rows = 37, inner = 19, cols = 23;
            float[] a = random(rows * inner, 3, 1), b = random(inner * cols, 4, 1), c = new float[rows * cols];
            TaskGraph tg = new TaskGraph("mm")
                    .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
                    .task("mul", TornadoPrograms::matMul, a, b, c, rows, inner, cols)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
            float[] want = new float[rows * cols];
            TornadoPrograms.matMul(a, b, want, rows, inner, cols);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).withWarmUp().execute();
                assertArrayEquals(want, c, "grid derived from the loops");
                // A grid smaller than the loops: the loops stride over it, the result is the same.
                java.util.Arrays.fill(c, 0f);
                WorkerGrid grid = new WorkerGrid2D(16, 8);
                grid.setLocalWork(4, 4, 1);
                plan.withGridScheduler(new GridScheduler("mm.mul", grid)).execute();
                assertArrayEquals(want, c, "grid from the scheduler");
                java.util.Arrays.fill(c, 0f);
                plan.withDefaultScheduler().execute();
                assertArrayEquals(want, c, "back to the default scheduler");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> threeParallelLoops() {
        return onEveryDevice("box3", device -> {
            int nx = 5, ny = 7, nz = 3;
            int[] out = new int[nx * ny * nz], want = new int[nx * ny * nz];
            TornadoPrograms.box3(want, nx, ny, nz);
            TaskGraph tg = new TaskGraph("b").task("t", TornadoPrograms::box3, out, nx, ny, nz)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
            }
            assertArrayEquals(want, out);
        });
    }

    @Test
    void nestedParallelLoopsNumberDimensionsOutermostFirst() {
        Function f = Frontend.kernel(KernelRef.byName(TornadoPrograms.class, "box3"));
        List<String> byDimension = new ArrayList<>(List.of("", "", ""));
        for (Function.ParallelLoop l : f.parallelLoops) byDimension.set(l.dimension(), l.variable().name);
        assertEquals(List.of("x", "y", "z"), byDimension, "TornadoVM's order: outermost loop is dimension 0");
    }

    @TestFactory
    Stream<DynamicTest> kernelContextLocalArraySizedByAScalar() {
        return onEveryDevice("groupSums", device -> {
            int n = 1000, group = 64, groups = (n + group - 1) / group;
            float[] in = random(n, 5, 4), sums = new float[groups];
            KernelContext context = new KernelContext();
            TaskGraph tg = new TaskGraph("r")
                    .transferToDevice(DataTransferMode.FIRST_EXECUTION, in)
                    .task("sum", TornadoPrograms::groupSums, context, in, sums, group)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, sums);
            WorkerGrid grid = new WorkerGrid1D(groups * group);
            grid.setLocalWork(group, 1, 1);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).withGridScheduler(new GridScheduler("r.sum", grid)).execute();
            }
            float[] want = new float[groups];
            for (int i = 0; i < n; i++) want[i / group] += in[i];
            assertClose(want, sums, 1e-5f, "group sums");
        });
    }

    @TestFactory
    Stream<DynamicTest> kernelContextWideLocalArrays2D() {
        return onEveryDevice("wideLocals", device -> {
            int gx = 16, gy = 8;
            long[] outLong = new long[gx * gy];
            double[] outDouble = new double[gx * gy];
            TaskGraph tg = new TaskGraph("w")
                    .task("t", TornadoPrograms::wideLocals, new KernelContext(), outLong, outDouble)
                    .transferToHost(DataTransferMode.USER_DEFINED, outLong, outDouble);
            WorkerGrid grid = new WorkerGrid2D(gx, gy);
            grid.setLocalWork(8, 8, 1);
            GridScheduler scheduler = new GridScheduler();
            scheduler.addWorkerGrid("w.t", grid);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                TornadoExecutionResult r = plan.withDevice(device).withGridScheduler(scheduler).execute();
                r.transferToHost(outLong, outDouble);
            }
            for (int y = 0; y < gy; y++) {
                for (int x = 0; x < gx; x++) {
                    int lx = x % 8, ly = y % 8, flat = ly * 8 + lx, other = 63 - flat;
                    int ox = (x / 8) * 8 + other % 8, oy = (y / 8) * 8 + other / 8;
                    assertEquals((long) ox * 1_000_000_007L + oy + x / 8 + 10L * (y / 8), outLong[y * gx + x], "long at " + x + "," + y);
                    assertEquals(ox * 0.5 + oy, outDouble[y * gx + x], "double at " + x + "," + y);
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> tornadoMath() {
        return onEveryDevice("mathFloat", device -> {
            int n = 64;
            float[] x = random(n, 6, 3), y = random(n, 7, 3);
            x[0] = 0f; y[0] = -0f; x[1] = Float.NaN; y[2] = Float.POSITIVE_INFINITY;
            float[] out = new float[n * 20], want = new float[n * 20];
            TornadoPrograms.mathFloat(x, y, want);
            TaskGraph tg = new TaskGraph("m").transferToDevice(DataTransferMode.FIRST_EXECUTION, x, y)
                    .task("f", TornadoPrograms::mathFloat, x, y, out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
            } catch (UnsupportedKernelException e) {
                // PTX has no arc-tangent / arc-sine builtins: refused by name, before anything runs.
                assertTrue(device.toString().startsWith("ptx"), e.getMessage());
                assertTrue(e.getMessage().contains("atan") || e.getMessage().contains("asin") || e.getMessage().contains("acos")
                        || e.getMessage().contains("tan"), e.getMessage());
                return;
            }
            // Device transcendental functions are not correctly rounded (OpenCL allows a few ulp).
            assertClose(want, out, 2e-5f, "TornadoMath");
        });
    }

    @TestFactory
    Stream<DynamicTest> javaMathInverseTrigonometryAndSignum() {
        return onEveryDevice("mathJava", device -> {
            int n = 32;
            double[] x = new double[n], y = new double[n], out = new double[4 * n], want = new double[4 * n];
            float[] fx = random(n, 9, 2), fout = new float[n], fwant = new float[n];
            Random r = new Random(8);
            for (int i = 0; i < n; i++) { x[i] = r.nextGaussian(); y[i] = r.nextGaussian(); }
            x[0] = 0.0; x[1] = -0.0; x[2] = Double.NaN; fx[0] = -0f; fx[1] = Float.NaN;
            TornadoPrograms.mathJava(x, y, want, fx, fwant);
            TaskGraph tg = new TaskGraph("j").task("t", TornadoPrograms::mathJava, x, y, out, fx, fout)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out, fout);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
            } catch (UnsupportedKernelException e) {
                assertTrue(device.toString().startsWith("ptx"), e.getMessage());
                return;
            }
            for (int i = 0; i < 4 * n; i++) {
                if (Double.isNaN(want[i])) assertTrue(Double.isNaN(out[i]), "NaN at " + i);
                else assertEquals(want[i], out[i], 1e-12 * Math.max(1, Math.abs(want[i])), "at " + i);
            }
            for (int i = 0; i < n; i++) assertEquals(Float.floatToIntBits(fwant[i]), Float.floatToIntBits(fout[i]), "signum(" + fx[i] + ")");
        });
    }

    @TestFactory
    Stream<DynamicTest> freeDeviceMemoryCopiesFirstExecutionDataAgain() {
        return onEveryDevice("freeDeviceMemory", device -> {
            int n = 256;
            float[] x = random(n, 10, 1), y = random(n, 11, 1), out = new float[n];
            TaskGraph tg = new TaskGraph("f").transferToDevice(DataTransferMode.FIRST_EXECUTION, x, y)
                    .task("t", TornadoPrograms::saxpy, 1f, x, y, out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device);
                assertEquals(12L * n, plan.execute().getProfilerResult().getTotalBytesCopyIn(), "x, y, and out before its first use");
                assertEquals(0L, plan.execute().getProfilerResult().getTotalBytesCopyIn(), "FIRST_EXECUTION copies once");
                plan.freeDeviceMemory();
                assertEquals(12L * n, plan.execute().getProfilerResult().getTotalBytesCopyIn(), "after freeDeviceMemory, again");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> atomicAddHistogram() {
        return onEveryDevice("histogram", device -> {
            int n = 1000;
            int[] values = new int[n], bins = new int[8];
            Random r = new Random(16);
            for (int i = 0; i < n; i++) values[i] = r.nextInt();
            bins[3] = 100; // atomics add to what is there: the host's values go in first
            IntArray localBins = new IntArray(8);
            TaskGraph tg = new TaskGraph("h").transferToDevice(DataTransferMode.EVERY_EXECUTION, values, bins, localBins)
                    .task("t", TornadoPrograms::histogram, new KernelContext(), values, bins, localBins)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, bins, localBins);
            WorkerGrid grid = new WorkerGrid1D(1024);
            grid.setLocalWork(64, 1, 1);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).withGridScheduler(new GridScheduler("h.t", grid)).execute();
            }
            int[] want = new int[8], wantLocal = new int[8];
            want[3] = 100;
            for (int v : values) { want[v & 7]++; wantLocal[v >>> 29]++; }
            assertArrayEquals(want, bins, "global atomics");
            assertArrayEquals(wantLocal, localBins.toHeapArray(), "local atomics, then global ones on an IntArray");
        });
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> new TaskGraph("a.b"));
        assertThrows(IllegalArgumentException.class, () -> new TaskGraph("g").transferToDevice(DataTransferMode.USER_DEFINED, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> new TaskGraph("g").transferToHost(7, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> new GridScheduler("noDot", new WorkerGrid1D(4)));
        assertThrows(IllegalArgumentException.class, () -> new WorkerGrid1D(0));
        var e = assertThrows(RuntimeException.class, () -> TornadoExecutionPlan.getDevice(99, 0));
        assertTrue(e.getMessage().contains("no backend 99"), e.getMessage());
        TaskGraph tg = new TaskGraph("g").task("t", TornadoPrograms::saxpy, 1f, new float[1], new float[1], new float[1]);
        assertThrows(IllegalArgumentException.class, () -> tg.task("t", TornadoPrograms::saxpy, 1f, new float[1], new float[1], new float[1]));
    }

    @TestFactory
    Stream<DynamicTest> offHeapArraysLoopParallel() {
        return onEveryDevice("nativeArrays", device -> {
            int n = 300;
            FloatArray x = FloatArray.fromArray(random(n, 12, 5));
            FloatArray y = new FloatArray(n);
            IntArray idx = new IntArray(n);
            for (int i = 0; i < n; i++) idx.set(i, (i * 7) % n);
            LongArray acc = new LongArray(n);
            acc.init(5L);
            DoubleArray out = new DoubleArray(n);
            TaskGraph tg = new TaskGraph("na")
                    .transferToDevice(DataTransferMode.FIRST_EXECUTION, x, idx)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, acc)
                    .task("t", TornadoPrograms::nativeArrays, x, y, idx, acc, out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, y, acc, out);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
                plan.execute();
            }
            for (int i = 0; i < n; i++) {
                int j = (i * 7) % n;
                float v = x.get(j) * 2f + 1f;
                assertEquals(v, y.get(i), "y at " + i);
                assertEquals(5L + 2L * j * 3_000_000_000L, acc.get(i), "acc at " + i + " (two executions)");
                assertEquals(v * 0.5, out.get(i), "out at " + i);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> offHeapArraysKernelContext() {
        return onEveryDevice("nativeReverseInGroups", device -> {
            int n = 96;
            FloatArray in = FloatArray.fromArray(random(n, 13, 1)), out = new FloatArray(n);
            TaskGraph tg = new TaskGraph("nr").transferToDevice(DataTransferMode.EVERY_EXECUTION, in)
                    .task("t", TornadoPrograms::nativeReverseInGroups, new KernelContext(), in, out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
            WorkerGrid grid = new WorkerGrid1D(n);
            grid.setLocalWork(32, 1, 1);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).withGridScheduler(new GridScheduler("nr.t", grid)).execute();
            }
            for (int i = 0; i < n; i++) assertEquals(in.get(i / 32 * 32 + 31 - i % 32), out.get(i), "at " + i);
        });
    }

    @Test
    void offHeapArrayHostApi() {
        FloatArray f = FloatArray.fromElements(1f, 2f, 3f);
        assertEquals(3, f.getSize());
        assertEquals(12L, f.getNumBytesOfSegment());
        assertArrayEquals(new float[]{1f, 2f, 3f}, f.toHeapArray());
        f.init(7f);
        assertArrayEquals(new float[]{7f, 7f, 7f}, f.toHeapArray());
        f.clear();
        assertEquals(0f, f.get(2));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> f.get(3));
        assertThrows(IllegalArgumentException.class, () -> new IntArray(-1));
        var chars = uk.ac.manchester.tornado.api.types.arrays.CharArray.fromArray(new char[]{'a', 'z'});
        assertEquals('z', chars.get(1));
        var shorts = uk.ac.manchester.tornado.api.types.arrays.ShortArray.fromSegment(java.lang.foreign.Arena.ofAuto().allocate(6));
        assertEquals(3, shorts.getSize());
        var bytes = uk.ac.manchester.tornado.api.types.arrays.ByteArray.fromArray(new byte[]{-1, 2});
        assertEquals(-1, bytes.get(0));
        IntArray counts = new IntArray(2);
        new KernelContext().atomicAdd(counts, 1, 5);
        assertEquals(5, counts.get(1));
    }

    @TestFactory
    Stream<DynamicTest> vectorTypesInKernels() {
        return onEveryDevice("scaleByFloat4 and rowSumsFloat8", device -> {
            int rows = 13, cols = 24;
            FloatArray a = FloatArray.fromArray(random(4 * 37, 21, 3));
            FloatArray m = FloatArray.fromArray(random(rows * cols, 22, 2));
            FloatArray sums = new FloatArray(rows);
            float[] want = a.toHeapArray(), wantSums = new float[rows];
            TaskGraph tg = new TaskGraph("vt").transferToDevice(DataTransferMode.FIRST_EXECUTION, a, m)
                    .task("scale", TornadoPrograms::scaleByFloat4, a)
                    .task("rows", TornadoPrograms::rowSumsFloat8, m, sums, cols)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, a, sums);
            for (int i = 0; i < want.length; i++) want[i] *= 2f;
            for (int r = 0; r < rows; r++) {
                float[] lanes = new float[8];
                for (int c = 0; c < cols; c++) lanes[c % 8] += m.get(r * cols + c);
                float s = 0f;
                for (float x : lanes) s += x;
                wantSums[r] = s;
            }
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
            }
            for (int i = 0; i < want.length; i++) assertEquals(want[i], a.get(i), "a at " + i);
            for (int r = 0; r < rows; r++) assertEquals(wantSums[r], sums.get(r), "row " + r);
        });
    }

    @Test
    void unsupportedNativeArrayMemberIsRefusedByName() {
        var e = assertThrows(UnsupportedKernelException.class, () -> Frontend.kernel(KernelRef.byName(TornadoPrograms.class, "initInKernel")));
        assertTrue(e.getMessage().contains("FloatArray.init"), e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> narrowPrimitiveArrays() {
        return onEveryDevice("narrowArrays", device -> {
            int n = 200;
            short[] s = new short[n], s2 = new short[n];
            byte[] b = new byte[n], b2 = new byte[n];
            char[] c = new char[n], c2 = new char[n];
            Random r = new Random(14);
            for (int i = 0; i < n; i++) { s[i] = (short) r.nextInt(); b[i] = (byte) r.nextInt(); c[i] = (char) r.nextInt(); }
            s[0] = Short.MIN_VALUE; b[0] = Byte.MIN_VALUE; c[0] = Character.MAX_VALUE; c[1] = 0;
            int[] out = new int[3 * n], want = new int[3 * n];
            short[] ws = new short[n];
            byte[] wb = new byte[n];
            char[] wc = new char[n];
            TornadoPrograms.narrowArrays(s, b, c, want, ws, wb, wc);
            TaskGraph tg = new TaskGraph("nw").transferToDevice(DataTransferMode.FIRST_EXECUTION, s, b, c)
                    .task("t", TornadoPrograms::narrowArrays, s, b, c, out, s2, b2, c2)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out, s2, b2, c2);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
            }
            assertArrayEquals(want, out);
            assertArrayEquals(ws, s2);
            assertArrayEquals(wb, b2);
            assertArrayEquals(wc, c2);
        });
    }

    @TestFactory
    Stream<DynamicTest> narrowOffHeapArrays() {
        return onEveryDevice("narrowNativeArrays", device -> {
            int n = 77;
            Random r = new Random(15);
            short[] s = new short[n];
            byte[] b = new byte[n];
            char[] c = new char[n];
            for (int i = 0; i < n; i++) { s[i] = (short) r.nextInt(); b[i] = (byte) r.nextInt(); c[i] = (char) r.nextInt(); }
            var sa = uk.ac.manchester.tornado.api.types.arrays.ShortArray.fromArray(s);
            var ba = uk.ac.manchester.tornado.api.types.arrays.ByteArray.fromArray(b);
            var ca = uk.ac.manchester.tornado.api.types.arrays.CharArray.fromArray(c);
            IntArray out = new IntArray(n);
            TaskGraph tg = new TaskGraph("nn").transferToDevice(DataTransferMode.FIRST_EXECUTION, sa, ba, ca)
                    .task("t", TornadoPrograms::narrowNativeArrays, sa, ba, ca, out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out, sa, ba, ca);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
            }
            for (int i = 0; i < n; i++) {
                assertEquals(s[i] + b[i] * 1000 + c[i] * 100000, out.get(i), "out at " + i);
                assertEquals((short) (s[i] - 7), sa.get(i));
                assertEquals((byte) (b[i] ^ 0x55), ba.get(i));
                assertEquals((char) (c[i] * 3), ca.get(i));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> reduceSum() {
        return onEveryDevice("sum", device -> {
            for (int n : new int[]{1, 255, 256, 1000, 4097}) {
                float[] input = random(n, 17 + n, 1), result = {42f};
                TaskGraph tg = new TaskGraph("rs").transferToDevice(DataTransferMode.EVERY_EXECUTION, input)
                        .task("t", TornadoPrograms::sum, input, result)
                        .transferToHost(DataTransferMode.EVERY_EXECUTION, result);
                try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                    plan.withDevice(device).execute();
                }
                double want = 0;
                for (float v : input) want += v;
                assertEquals(want, result[0], 1e-4 * Math.max(1, n / 100.0), "sum of " + n);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> reduceMaxAndCountOnHostInitialValues() {
        return onEveryDevice("maxAndCount", device -> {
            int n = 3000;
            FloatArray input = FloatArray.fromArray(random(n, 18, 10));
            float[] max = {9.99f};
            int[] count = {5};
            TaskGraph tg = new TaskGraph("rm").transferToDevice(DataTransferMode.EVERY_EXECUTION, input, max, count)
                    .task("t", TornadoPrograms::maxAndCount, input, max, count, 2f)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, max, count);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
            }
            float[] wantMax = {9.99f};
            int[] wantCount = {5};
            TornadoPrograms.maxAndCount(input, wantMax, wantCount, 2f);
            assertEquals(wantMax[0], max[0], "max (exact)");
            assertEquals(wantCount[0], count[0], "count (exact)");
        });
    }

    @TestFactory
    Stream<DynamicTest> reduceProductOfDoubles() {
        return onEveryDevice("product", device -> {
            int n = 500;
            double[] input = new double[n], result = {0};
            Random r = new Random(19);
            for (int i = 0; i < n; i++) input[i] = 1 + (r.nextDouble() - 0.5) * 0.01;
            TaskGraph tg = new TaskGraph("rp").task("t", TornadoPrograms::product, input, result)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, result);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                plan.withDevice(device).execute();
            } catch (UnsupportedKernelException e) {
                return;
            }
            double want = 1;
            for (double v : input) want *= v;
            assertEquals(want, result[0], 1e-12);
        });
    }

    @Test
    void reduceRefusesAGridAndUnsupportedUpdates() {
        float[] in = new float[10], out = new float[1];
        TaskGraph tg = new TaskGraph("rg").task("t", TornadoPrograms::sum, in, out).transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        for (TornadoDevice d : devices()) {
            if (d.toString().equals("jvm")) continue;
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
                var e = assertThrows(IllegalArgumentException.class,
                        () -> plan.withDevice(d).withGridScheduler(new GridScheduler("rg.t", new WorkerGrid1D(10))).execute());
                assertTrue(e.getMessage().contains("@Reduce"), e.getMessage());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> gridChangedBetweenExecutionsIsUsed() {
        return onEveryDevice("groupShape", device -> {
            int[] out = new int[64];
            TaskGraph tg = new TaskGraph("gs").task("t", TornadoPrograms::groupShape, new KernelContext(), out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
            WorkerGrid grid = new WorkerGrid1D(64);
            grid.setLocalWork(16, 1, 1);
            GridScheduler scheduler = new GridScheduler("gs.t", grid);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot()).withGridScheduler(scheduler)) {
                plan.withDevice(device).execute();
                assertEquals(16 * 1000 + 4, out[63]);
                grid.setLocalWork(32, 1, 1);
                plan.execute();
                assertEquals(32 * 1000 + 2, out[63], "the new local size");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> kernelContext3DAndTheRestOfTheHostApi() {
        return onEveryDevice("ids3D", device -> {
            int gx = 4, gy = 3, gz = 6;
            long[] out = new long[gx * gy * gz];
            TaskGraph tg = new TaskGraph("d3").task("t", TornadoPrograms::ids3D, new KernelContext(), out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
            assertEquals("d3", tg.getTaskGraphName());
            ImmutableTaskGraph itg = tg.snapshot();
            assertEquals("d3", itg.getTaskGraphName());
            WorkerGrid grid = new uk.ac.manchester.tornado.api.WorkerGrid3D(gx, gy, gz);
            grid.setLocalWork(2, 3, 2);
            GridScheduler scheduler = new GridScheduler();
            scheduler.addWorkerGrid("d3.t", grid);
            assertTrue(scheduler.contains("d3.t") && scheduler.get("d3.t") == grid);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(itg)) {
                TornadoExecutionResult r = plan.withDevice(device).withGridScheduler(scheduler).withProfiler(ProfilerMode.SILENT).execute();
                assertTrue(r.isReady());
                TornadoProfilerResult p = r.getProfilerResult();
                assertEquals(p.getDeviceWriteTime() + p.getDeviceReadTime(), p.getDataTransfersTime());
                assertEquals(p.getTornadoCompilerTime() + p.getDriverInstallTime(), p.getCompileTime());
                assertEquals(8L * out.length, p.getTotalBytesCopyOut());
                assertTrue(p.getTotalDeviceMemoryUsage() >= 8L * out.length);
                assertTrue(p.getProfileLog().contains("d3.t"), p.getProfileLog());
                plan.withoutProfiler().execute();
            }
            for (int z = 0; z < gz; z++) {
                for (int y = 0; y < gy; y++) {
                    for (int x = 0; x < gx; x++) {
                        long code = (z % 2) * 100 + (z / 2) * 10 + 2;
                        long want = Math.max(code, 7L) + Math.max(-1, Math.min(1, x - y)) * 1000L + Math.min(z, 1) * 100000L;
                        assertEquals(want, out[(z * gy + y) * gx + x], "at " + x + "," + y + "," + z);
                    }
                }
            }
            assertTrue(!device.getDeviceName().isEmpty() && device.getDescription().contains(device.toString()));
            assertEquals(device.toString().startsWith("opencl") ? uk.ac.manchester.tornado.api.enums.TornadoVMBackendType.OPENCL
                    : device.toString().startsWith("ptx") ? uk.ac.manchester.tornado.api.enums.TornadoVMBackendType.PTX
                    : device.toString().startsWith("spirv") ? uk.ac.manchester.tornado.api.enums.TornadoVMBackendType.SPIRV
                    : uk.ac.manchester.tornado.api.enums.TornadoVMBackendType.JAVA, device.getTornadoVMBackend());
        });
    }
}
