package hetero.runtime;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;
import hetero.runtime.conformance.ConformanceKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device contract (README: Java semantics on devices, transfer modes) holds on every backend, jvm included. */
class DeviceContractTest {
    static List<Device> devices() {
        return Devices.list();
    }

    @Test
    void hostJavaStillThrowsOnIntegerDivisionByZeroAfterTheOpenCLDriverLoads() {
        Devices.list(); // loads PoCL where it is installed; its SIGFPE handler must stay off
        int zero = Integer.parseInt("0");
        assertThrows(ArithmeticException.class, () -> divide(7, zero));
        assertThrows(ArithmeticException.class, () -> remainder(-7, zero));
        assertThrows(ArithmeticException.class, () -> divide(7L, zero));
    }

    private static int divide(int a, int b) {
        return a / b;
    }

    private static int remainder(int a, int b) {
        return a % b;
    }

    private static long divide(long a, long b) {
        return a / b;
    }

    @ParameterizedTest
    @MethodSource("devices")
    void divisionByZeroGivesZeroOnEveryBackend(Device device) {
        int[] a = {7, -7, Integer.MIN_VALUE, 5, Integer.MIN_VALUE}, b = {0, 0, 0, 2, -1};
        int[] div = new int[5], rem = new int[5];
        long[] ldiv = new long[5], lrem = new long[5];
        TaskGraph g = new TaskGraph("g").task("k", ConformanceKernels::divisionByZero, a, b, div, rem, ldiv, lrem)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, div, rem, ldiv, lrem);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            plan.execute();
        }
        assertArrayEquals(new int[]{0, 0, 0, 2, Integer.MIN_VALUE}, div);
        assertArrayEquals(new int[]{0, 0, 0, 1, 0}, rem);
        assertArrayEquals(new long[]{0, 0, 0, 2, -(long) Integer.MIN_VALUE}, ldiv);
        assertArrayEquals(new long[]{0, 0, 0, 1, 0}, lrem);
    }

    @ParameterizedTest
    @MethodSource("devices")
    void kernelsWorkOnDeviceCopiesAsTheTransferModesSay(Device device) {
        int n = 8;
        float[] a = new float[n], b = new float[n], c = new float[n], unsent = new float[n];
        java.util.Arrays.fill(a, 1f);
        TaskGraph g = new TaskGraph("g")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
                .task("add", SampleKernels::vectorAdd, a, b, c, n)
                .task("copy", SampleKernels::vectorAdd, a, b, unsent, n)
                .transferToHost(DataTransferMode.FIRST_EXECUTION, c);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            plan.execute();
            assertEquals(1f, c[0], "FIRST_EXECUTION output comes back after the first run");
            assertEquals(0f, unsent[0], "an output never transferred to the host stays on the device");
            java.util.Arrays.fill(a, 5f); // FIRST_EXECUTION input: the device keeps the first copy
            plan.execute();
            assertEquals(1f, c[0], "FIRST_EXECUTION output is not copied back again");
            assertEquals(0f, unsent[0]);
        }
    }

    @Test
    void specializingAnUnknownOrArrayParameterFailsWhenTheTaskIsSpecialized() {
        TaskGraph g = new TaskGraph("g").task("add", SampleKernels::vectorAdd, new float[1], new float[1], new float[1], 1);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> g.specialize("add", "m"));
        assertTrue(unknown.getMessage().contains("has no parameter 'm'") && unknown.getMessage().contains("[a, b, c, n]"), unknown.getMessage());
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class, () -> g.specialize("add", "a"));
        assertTrue(array.getMessage().contains("only scalar parameters can be specialized"), array.getMessage());
    }
}
