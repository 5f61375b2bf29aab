package hetero.runtime;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data movement: buffers by array identity, FIRST_EXECUTION copied once, intermediates stay on the device. */
class TransferTest {
    static List<Device> devices() {
        return Devices.list();
    }

    @ParameterizedTest
    @MethodSource("devices")
    void firstExecutionDataIsCopiedOnceOverManyExecutions(Device device) {
        int n = 1000;
        float[] weights = new float[n], x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) weights[i] = i;
        TaskGraph g = new TaskGraph("g")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, weights)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, x)
                .task("add", SampleKernels::vectorAdd, weights, x, y, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, y);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            for (int run = 0; run < 5; run++) {
                for (int i = 0; i < n; i++) x[i] = run;
                ExecutionResult r = plan.execute();
                // first run: weights and x, plus y which goes back to the host; later runs: x only
                assertEquals(run == 0 ? 3 : 1, r.copiesIn(), "copies in, run " + run);
                assertEquals(1, r.copiesOut(), "only the declared output comes back");
                assertEquals(3, r.buffers());
                if (run > 0) assertTrue(r.task("g.add").fromCache(), "compiled once, then cached");
                for (int i = 0; i < n; i++) assertEquals(i + run, y[i], 0f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("devices")
    void anArraySharedByTasksAndGraphsHasOneBuffer(Device device) {
        int n = 256;
        float[] shared = new float[n], a = new float[n], b = new float[n], c = new float[n];
        for (int i = 0; i < n; i++) { shared[i] = 1; a[i] = i; }
        // two "layers" that use the same weights: one buffer, one copy
        TaskGraph layer0 = new TaskGraph("layer0").transferToDevice(DataTransferMode.FIRST_EXECUTION, shared, a)
                .task("t", SampleKernels::vectorAdd, a, shared, b, n);
        TaskGraph layer1 = new TaskGraph("layer1").transferToDevice(DataTransferMode.FIRST_EXECUTION, shared)
                .task("t", SampleKernels::vectorAdd, b, shared, c, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
        try (ExecutionPlan plan = new ExecutionPlan(layer0, layer1).withDevice(device)) {
            ExecutionResult r = plan.execute();
            assertEquals(4, r.buffers(), "shared, a, b, c: one buffer per distinct array");
            assertEquals(4L * n * 4, r.deviceBytes());
            assertEquals(3, r.copiesIn(), "shared once, a once, c (it goes back to the host); b is an intermediate that stays on the device");
            for (int i = 0; i < n; i++) assertEquals(i + 2, c[i], 0f);
            ExecutionResult again = plan.execute();
            assertEquals(0, again.copiesIn());
            assertTrue(again.task("layer1.t").fromCache());
        }
    }

    @ParameterizedTest
    @MethodSource("devices")
    void arraysOnlyReadAreNeverCopiedBack(Device device) {
        int n = 64;
        float[] a = new float[n], b = new float[n], c = new float[n];
        for (int i = 0; i < n; i++) { a[i] = i; b[i] = 2; }
        TaskGraph g = new TaskGraph("g").task("add", SampleKernels::vectorAdd, a, b, c, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            ExecutionResult r = plan.execute();
            assertEquals(1, r.copiesOut());
            assertEquals(4L * n, r.bytesOut());
        }
        float[] expect = new float[n];
        for (int i = 0; i < n; i++) expect[i] = i + 2;
        assertArrayEquals(expect, c);
    }

    @ParameterizedTest
    @MethodSource("devices")
    void transferToHostOfAForeignArrayIsRefusedWithoutAllocating(Device device) {
        int n = 64;
        float[] a = new float[n], b = new float[n], c = new float[n], foreign = new float[n];
        TaskGraph g = new TaskGraph("g").task("add", SampleKernels::vectorAdd, a, b, c, n)
                .transferToHost(DataTransferMode.USER_DEFINED, c);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            int buffers = plan.execute().buffers();
            assertThrows(IllegalArgumentException.class, () -> plan.transferToHost(foreign));
            assertEquals(buffers, plan.execute().buffers(), "the refused array got no device buffer");
        }
    }
}
