package hetero.runtime.backend;

import hetero.runtime.SampleKernels;
import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Target;
import hetero.runtime.kernel.WorkerGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Device memory bookkeeping: every buffer freed on close, and the bytes a session reports are the bytes it holds now. */
class DeviceMemoryTest {
    static List<Device> devices() {
        return Devices.list();
    }

    /** A driver over no device: buffers are byte counts, some of whose frees fail; nothing runs. */
    static final class FakeDriver implements Driver {
        final long capacity;
        final List<Long> freed = new ArrayList<>();
        final java.util.Set<Long> failingFrees;
        long inUse;
        private long next;
        private final java.util.Map<Long, Long> sizes = new java.util.HashMap<>();

        FakeDriver(long capacity, java.util.Set<Long> failingFrees) {
            this.capacity = capacity;
            this.failingFrees = failingFrees;
        }

        public Device device() {
            return new Device("fake:0", "fake", "fake", "test", "0", "0", 1, capacity, 1, "test");
        }

        public Target target() {
            throw new UnsupportedOperationException();
        }

        public Object allocate(long bytes) {
            if (inUse + bytes > capacity) throw new DeviceOutOfMemoryException("fake:0", bytes, new RuntimeException("OUT_OF_MEMORY"));
            inUse += bytes;
            sizes.put(next, bytes);
            return next++;
        }

        public void free(Object buffer) {
            long b = (Long) buffer;
            freed.add(b);
            if (failingFrees.contains(b)) throw new IllegalStateException("free of buffer " + b + " failed");
            inUse -= sizes.remove(b);
        }

        public long copyIn(Object buffer, Object hostArray, long bytes) { throw new UnsupportedOperationException(); }
        public long copyOut(Object buffer, Object hostArray, long bytes) { throw new UnsupportedOperationException(); }
        public Module cached(String cacheKey) { throw new UnsupportedOperationException(); }
        public Module load(String cacheKey, KernelSource source) { throw new UnsupportedOperationException(); }
        public long launch(Module module, Object[] args, WorkerGrid grid, String taskId) { throw new UnsupportedOperationException(); }
        public void finish() { }
    }

    @Test
    void closeFreesEveryBufferEvenWhenSomeFreesFailAndReportsThemAll() {
        FakeDriver driver = new FakeDriver(1 << 20, java.util.Set.of(0L, 2L));   // the first and third buffers fail to free
        DriverSession s = new DriverSession(driver);
        for (int n : new int[]{10, 20, 30, 40}) s.ensureBuffer(new float[n]);
        assertEquals(4 * (10 + 20 + 30 + 40), s.allocatedBytes());

        IllegalStateException e = assertThrows(IllegalStateException.class, s::close);
        assertEquals(4, driver.freed.size(), "every buffer's free was tried: " + driver.freed);
        assertEquals(1, e.getSuppressed().length, "one exception, the other failure suppressed in it");
        assertTrue(e.getMessage().contains("failed") && e.getSuppressed()[0].getMessage().contains("failed"));
        assertEquals(0, s.bufferCount());
        assertEquals(4 * (10 + 30), s.allocatedBytes(), "the buffers whose free failed may still be on the device");
        assertEquals(4 * (10 + 30), driver.inUse);
    }

    @Test
    void outOfMemorySaysWhatThePlanHoldsNowNotEverythingItEverAllocated() {
        FakeDriver driver = new FakeDriver(1000, java.util.Set.of());
        DriverSession first = new DriverSession(driver);
        first.ensureBuffer(new float[150]);   // 600 bytes
        first.close();
        assertEquals(0, first.allocatedBytes(), "a closed session holds nothing");

        DriverSession s = new DriverSession(driver);
        s.ensureBuffer(new float[100]);       // 400 bytes
        DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class, () -> s.ensureBuffer(new float[200]));
        assertTrue(e.getMessage().contains("could not allocate 800 bytes with 400 bytes held by this plan"), e.getMessage());
        assertEquals(800, e.requestedBytes());
        assertEquals(400, s.allocatedBytes(), "a failed allocation is not counted");
        assertEquals(1, s.bufferCount());
    }

    @ParameterizedTest
    @MethodSource("devices")
    void aPlanThatFreesAndAllocatesAgainReportsTheBytesItHoldsNow(Device device) {
        int n = 1000;
        float[] a = new float[n], b = new float[n], c = new float[n];
        for (int i = 0; i < n; i++) { a[i] = i; b[i] = 1; }
        TaskGraph g = new TaskGraph("g")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
                .task("add", SampleKernels::vectorAdd, a, b, c, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device)) {
            for (int round = 0; round < 3; round++) {
                ExecutionResult r = plan.execute();
                assertEquals(3L * n * 4, r.deviceBytes(), device.id() + " round " + round + ": a, b and c, once each");
                assertEquals(3, r.buffers());
                assertEquals(3L * n * 4, plan.execute().deviceBytes(), "executing again allocates nothing");
                for (int i = 0; i < n; i++) assertEquals(i + 1, c[i], 0f);
                plan.freeDeviceMemory();
                java.util.Arrays.fill(c, -1);
            }
        }
    }
}
