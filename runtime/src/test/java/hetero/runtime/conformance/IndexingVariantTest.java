package hetero.runtime.conformance;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;
import hetero.runtime.jit.Indexing;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Which indexing variant a launch runs, on every device backend present: the overflow-free one where
 * the launch check proves that no index wraps, the exact one where an index does wrap, with Java's
 * results in both (the conformance suite compares every array; here the variant itself is checked).
 */
class IndexingVariantTest {
    /** Runs stridedGather once; returns out and the variant that ran. */
    private static Object[] gather(Device device, int[] a, int n, int stride) {
        int[] out = new int[n];
        TaskGraph g = new TaskGraph("v").transferToDevice(DataTransferMode.FIRST_EXECUTION, a, out)
                .task("k", ConformanceKernels.class, "stridedGather", a, out, stride)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            ExecutionResult r = plan.execute();
            return new Object[]{out, r.task("v.k").indexing(), r.task("v.k").cacheKey()};
        }
    }

    @TestFactory
    Stream<DynamicTest> smallLaunchesRunTheOverflowFreeVariantAndWrappingOnesTheExactOne() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Device d : Devices.list()) {
            if (d.backend().equals("jvm")) continue;
            tests.add(DynamicTest.dynamicTest("stridedGather on " + d.id(), () -> {
                int[] a = ConformanceTest.intRamp(300);
                Object[] small = gather(d, a, 97, 3);
                assertEquals(Indexing.OVERFLOW_FREE, small[1], "i * 3 + 1 < 300 for i < 97: proven");
                assertArrayEquals((int[]) gather(Devices.get("jvm"), a, 97, 3)[0], (int[]) small[0]);

                int[] b = ConformanceTest.intRamp(16);
                Object[] wraps = gather(d, b, 8, 1 << 30);
                assertEquals(Indexing.EXACT, wraps[1], "i * 2^30 wraps for i >= 2");
                int[] expected = {b[1], -1, -1, -1, b[1], -1, -1, -1};   // i = 4: 4 * 2^30 wraps to 0, so Java reads b[1]
                assertArrayEquals(expected, (int[]) wraps[0]);
                assertNotEquals(small[2], wraps[2], "the two variants are cached under different keys");
            }));
        }
        return tests.stream();
    }

    @Test
    void theJvmRunsJavaItselfAndReportsTheExactVariant() {
        int[] b = ConformanceTest.intRamp(16);
        Object[] r = gather(Devices.get("jvm"), b, 8, 1 << 30);
        assertEquals(Indexing.EXACT, r[1]);
        assertArrayEquals(new int[]{b[1], -1, -1, -1, b[1], -1, -1, -1}, (int[]) r[0]);
    }
}
