package hetero.runtime;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.KernelRuns;
import hetero.runtime.api.Parallel;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Backend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** scripts/test's per-device line comes from these counts: a launch must be counted on its device. */
class KernelRunsTest {
    public static void twice(float[] a, int n) {
        for (@Parallel int i = 0; i < n; i++) a[i] = 2 * a[i];
    }

    @Test
    void everyLaunchIsCountedOnItsDeviceAndUnavailableBackendsSayWhy() {
        long before = KernelRuns.snapshot().getOrDefault("jvm", 0L);
        float[] a = {1, 2, 3};
        TaskGraph g = new TaskGraph("kr").transferToDevice(DataTransferMode.FIRST_EXECUTION, a)
                .task("t", KernelRunsTest::twice, a, 3).transferToHost(DataTransferMode.EVERY_EXECUTION, a);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(Devices.get("jvm"))) {
            plan.execute();
            plan.execute();
        }
        assertEquals(before + 2, KernelRuns.snapshot().get("jvm"));
        String report = KernelRuns.report();
        assertTrue(report.contains("run\tjvm\t"), report);
        for (Backend b : Devices.backends()) {
            if (!b.available()) assertTrue(report.contains("unavailable\t" + b.name() + "\t"), report);
        }
    }
}
