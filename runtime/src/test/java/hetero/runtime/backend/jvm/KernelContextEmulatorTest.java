package hetero.runtime.backend.jvm;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.KernelContext;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.kernel.WorkerGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jvm device's work-group emulation: barriers, local memory, divergence, parallel groups, fallback. */
class KernelContextEmulatorTest {
    private static final int LOCAL = 64;

    static void run(String kernel, int groups, int local, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = new KernelContext();
        System.arraycopy(args, 0, all, 1, args.length);
        TaskGraph g = new TaskGraph("g").task("t", EmulatorKernels.class, kernel, all);
        // jvm works on device copies too: bring every array back
        for (Object a : args) if (a.getClass().isArray()) g.transferToHost(DataTransferMode.EVERY_EXECUTION, a);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice("jvm").withGrid("g.t", WorkerGrid.of1D((long) groups * local).local(local))) {
            plan.execute();
        }
    }

    static KernelContextEmulator.Plan plan(String kernel) {
        for (Method m : EmulatorKernels.class.getDeclaredMethods()) if (m.getName().equals(kernel)) return KernelContextEmulator.plan(m);
        throw new IllegalArgumentException(kernel);
    }

    static void assertRotated(int[] out, int groups, int local, int rounds) {
        for (int g = 0; g < groups; g++) {
            for (int l = 0; l < local; l++) {
                assertEquals(g * local + (l + rounds) % local, out[g * local + l], "group " + g + " item " + l);
            }
        }
    }

    static String messages(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (; t != null; t = t.getCause()) s.append(t.getMessage()).append(" | ");
        return s.toString();
    }

    @Test
    void kernelsWithBarriersAreSplitIntoRegionsAndKernelsWithoutRunAsLoops() {
        assertEquals(KernelContextEmulator.Mode.REGIONS, plan("rotate").mode());
        assertEquals(KernelContextEmulator.Mode.REGIONS, plan("groupTotals").mode());
        assertEquals(2, plan("rotate").split().barriers());
        assertEquals(KernelContextEmulator.Mode.THREADS, plan("rotateWithHandler").mode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 63, 64})
    void barriersOrderTheItemsOfAGroup(int rounds) {
        int groups = 3;
        int[] out = new int[groups * LOCAL];
        run("rotate", groups, LOCAL, out, rounds);
        assertRotated(out, groups, LOCAL, rounds);
    }

    @Test
    void localArraysAreSharedWithinAGroupAndSeparateBetweenGroups() {
        int groups = 5, local = 16;
        int[] out = new int[2 * groups];
        run("groupTotals", groups, local, out);
        for (int g = 0; g < groups; g++) {
            assertEquals(local * (g + 1), out[2 * g], "int local array of group " + g);
            assertEquals(local * (local - 1) / 2, out[2 * g + 1], "float local array of group " + g);
        }
    }

    @Test
    void anItemReturningBeforeABarrierIsADivergentBarrierError() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> run("earlyExit", 2, 8, new int[16]));
        String m = messages(e);
        // either group may be the first to fail
        assertTrue(m.contains("divergent barrier") && m.matches("(?s).*work-group \\([01], 0, 0\\).*") && m.contains("item (3, 0, 0) returned"), m);
    }

    @Test
    void itemsAtDifferentBarriersAreADivergentBarrierError() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> run("differentBarriers", 1, 4, new int[4]));
        String m = messages(e);
        assertTrue(m.contains("divergent barrier") && m.contains("waits at barrier 1") && m.contains("waits at barrier 2"), m);
    }

    @Test
    void wholeGroupsMayReturnEarlyAndItemsMayLeaveAfterTheLastBarrier() {
        int groups = 4, local = 8;
        int[] out = new int[groups * local];
        java.util.Arrays.fill(out, -7);
        run("uniformExit", groups, local, out);
        for (int g = 0; g < groups; g++) {
            for (int l = 0; l < local; l++) {
                int expected = g % 2 == 1 || l % 2 == 1 ? -7 : local - 1 - l;
                assertEquals(expected, out[g * local + l], "group " + g + " item " + l);
            }
        }
    }

    @Test
    void manyGroupsRunOnPlatformThreadsAtMostOnePerCore() {
        assertEquals(Runtime.getRuntime().availableProcessors(), KernelContextEmulator.parallelism());
        int groups = 4096, local = 32, rounds = 3;
        int[] out = new int[groups * local];
        EmulatorKernels.THREADS.clear();
        run("rotateRecordingThreads", groups, local, out, rounds);
        assertRotated(out, groups, local, rounds);
        assertFalse(EmulatorKernels.THREADS.isEmpty());
        String caller = Thread.currentThread().getName();
        for (String t : EmulatorKernels.THREADS) assertTrue((t.startsWith("jvm-workgroup-") || t.equals(caller)) && !t.contains("virtual"), t);
        assertTrue(EmulatorKernels.THREADS.size() <= KernelContextEmulator.parallelism(), EmulatorKernels.THREADS.toString());
    }

    @Test
    void aLaunchFromAVirtualThreadRunsItsGroupsOnThePool() throws Exception {
        int groups = 64, local = 16, rounds = 2;
        int[] out = new int[groups * local];
        EmulatorKernels.THREADS.clear();
        Thread t = Thread.ofVirtual().start(() -> run("rotateRecordingThreads", groups, local, out, rounds));
        t.join();
        assertRotated(out, groups, local, rounds);
        for (String name : EmulatorKernels.THREADS) assertTrue(name.startsWith("jvm-workgroup-") && !name.contains("virtual"), name);
    }

    @Test
    void splitKernelsFollowTheDeviceContractForDivisionByZero() {
        assertEquals(KernelContextEmulator.Mode.REGIONS, plan("divisionAcrossBarrier").mode());
        int groups = 2, local = 4, n = groups * local;
        int[] a = new int[n], b = new int[n], out = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = 10 + i;
            b[i] = i % 2 == 0 ? 0 : 3;
        }
        run("divisionAcrossBarrier", groups, local, a, b, out);
        for (int g = 0; g < groups; g++) {
            for (int l = 0; l < local; l++) {
                int i = g * local + l, r = g * local + (l + 1) % local;
                int q = b[r] == 0 ? 0 : a[r] / b[r];
                int own = b[i] == 0 ? 0 : a[i] % b[i] + a[i] / b[i];
                assertEquals(q + own, out[i], "item " + i);
            }
        }
    }

    @Test
    void aKernelTheSplitterCannotHandleFallsBackToAThreadPerItemWithTheSameResult() {
        KernelContextEmulator.Plan p = plan("rotateWithHandler");
        assertNotNull(p.fallbackReason());
        assertTrue(p.fallbackReason().contains("exception handler"), p.fallbackReason());
        int groups = 3, rounds = 7;
        int[] out = new int[groups * LOCAL];
        run("rotateWithHandler", groups, LOCAL, out, rounds);
        assertRotated(out, groups, LOCAL, rounds);
    }

    @Test
    void aBarrierHelperCalledWithValuesOnTheOperandStackFallsBackWithTheSameResult() {
        KernelContextEmulator.Plan p = plan("storeHelperResult");
        assertEquals(KernelContextEmulator.Mode.THREADS, p.mode());
        assertTrue(p.fallbackReason().contains("cannot be split at the barriers"), p.fallbackReason());
        int groups = 2, local = 8;
        int[] out = new int[groups * local];
        run("storeHelperResult", groups, local, out);
        for (int v : out) assertEquals(local * (local + 1) / 2, v);
    }

    @Test
    void theFallbackReportsADivergentBarrierInsteadOfHanging() {
        assertEquals(KernelContextEmulator.Mode.THREADS, plan("earlyExitWithHandler").mode());
        RuntimeException e = assertThrows(RuntimeException.class, () -> run("earlyExitWithHandler", 2, 8, new int[16]));
        String m = messages(e);
        assertTrue(m.contains("divergent barrier") && m.contains("returned"), m);
    }

    @Test
    void itemsOfAGroupShareItsLocalArraysWithoutBarriersToo() {
        assertEquals(KernelContextEmulator.Mode.LOOP, plan("localArrayIdentity").mode());
        int groups = 2, local = 8;
        int[] out = new int[groups * local];
        run("localArrayIdentity", groups, local, (Object) out);
        for (int g = 0; g < groups; g++) {
            for (int l = 1; l < local; l++) {
                assertEquals(out[g * local], out[g * local + l], "group " + g + ", item " + l + " got a local array of its own");
            }
        }
    }
}
