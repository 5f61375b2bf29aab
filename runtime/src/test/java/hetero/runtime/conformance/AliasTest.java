package hetero.runtime.conformance;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.KernelContext;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;
import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelRef;
import hetero.runtime.kernel.WorkerGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Arrays used through a local alias ({@code float[] x = out; x[i] = ...}): the frontend resolves the
 * alias to the parameter it names, so the ABI's reads and writes (which decide what is copied to the
 * device, and which buffers are const) count for that parameter. These tests pin that down on every
 * backend present; an alias whose array is chosen at run time is refused ({@code UnsupportedJavaTest}).
 */
class AliasTest {
    static List<Device> devices() {
        return Devices.list();
    }

    private static KernelAbi abi(String kernel) {
        return Jit.abi(KernelRef.byName(ConformanceKernels.class, kernel), Map.of());
    }

    @Test
    void readsAndWritesThroughAnAliasCountForTheParameterItNames() {
        assertEquals(Set.of(0), abi("aliasWrite").reads());
        assertEquals(Set.of(1), abi("aliasWrite").writes(), "x = out; x[i] = ... writes out");
        assertEquals(Set.of(0, 1), abi("aliasReadWrite").reads());
        assertEquals(Set.of(2), abi("aliasReadWrite").writes());
        assertEquals(Set.of(0), abi("aliasInHelper").reads(), "an alias inside a device function counts for the caller's argument");
        assertEquals(Set.of(1), abi("aliasInHelper").writes());
        assertEquals(Set.of(0), abi("aliasOffHeap").reads());
        assertEquals(Set.of(1), abi("aliasOffHeap").writes());
        assertEquals(Set.of(1), abi("aliasInContext").reads());
        assertEquals(Set.of(2), abi("aliasInContext").writes());
    }

    /**
     * Inputs are not declared (the plan copies an undeclared array in only when the ABI says the kernel
     * reads it) and only the output comes back: a read or write missed through the alias would show as
     * zeros here, not as an error.
     */
    @ParameterizedTest
    @MethodSource("devices")
    void aliasKernelsGiveJavasResultsOnEveryBackend(Device device) {
        int n = 300;
        float[] a = ConformanceTest.ramp(n, 2f, 0.5f), b = ConformanceTest.ramp(n, 1f, -0.25f);
        float[] out = new float[n], expected = new float[n];

        ConformanceKernels.aliasWrite(a, expected);
        run(device, new TaskGraph("g").task("k", ConformanceKernels::aliasWrite, a, out), null, out);
        assertArrayEquals(expected, out, device.id() + " aliasWrite");

        out = new float[n];
        ConformanceKernels.aliasReadWrite(a, b, expected);
        run(device, new TaskGraph("g").task("k", ConformanceKernels::aliasReadWrite, a, b, out), null, out);
        assertArrayEquals(expected, out, device.id() + " aliasReadWrite");

        out = new float[n];
        ConformanceKernels.aliasInHelper(a, expected);
        run(device, new TaskGraph("g").task("k", ConformanceKernels::aliasInHelper, a, out), null, out);
        assertArrayEquals(expected, out, device.id() + " aliasInHelper");

        FloatArray ha = FloatArray.fromArray(a), hout = new FloatArray(n), hexpected = new FloatArray(n);
        ConformanceKernels.aliasOffHeap(ha, hexpected);
        run(device, new TaskGraph("g").task("k", ConformanceKernels::aliasOffHeap, ha, hout), null, hout);
        assertArrayEquals(hexpected.toHeapArray(), hout.toHeapArray(), device.id() + " aliasOffHeap");

        int[] ia = ConformanceTest.intRamp(128), iout = new int[128], iexpected = new int[128];
        KernelContext ctx = new KernelContext();
        for (int g = 0; g < 128; g++) {
            ctx.globalIdx = g;
            ConformanceKernels.aliasInContext(ctx, ia, iexpected);
        }
        run(device, new TaskGraph("g").task("k", ConformanceKernels::aliasInContext, new KernelContext(), ia, iout),
                WorkerGrid.of1D(128).local(32), iout);
        assertArrayEquals(iexpected, iout, device.id() + " aliasInContext");
    }

    private static void run(Device device, TaskGraph g, WorkerGrid grid, Object output) {
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, output);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            if (grid != null) plan.withGrid("g.k", grid);
            plan.execute();
        }
    }
}
