package hetero.runtime.backend.jvm;

import hetero.runtime.api.KernelContext;
import hetero.runtime.backend.KernelLaunch;
import hetero.runtime.kernel.WorkerGrid;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a KernelContext kernel on the JVM with OpenCL's execution model: work-groups are
 * independent and run in parallel on a pool of platform threads, one per core; the items of a
 * group share its local arrays and really wait for each other at a barrier. How a group runs
 * depends on the kernel ({@link #mode}):
 * <ul>
 * <li>{@link Mode#LOOP}: no barrier anywhere: the group's items run one after the other.</li>
 * <li>{@link Mode#REGIONS}: the kernel is split at its barriers ({@link BarrierRegions}); each
 *     barrier-separated region runs as a loop over the group's items, as CPU OpenCL drivers do.</li>
 * <li>{@link Mode#THREADS}: a kernel the splitter cannot handle (the reason is printed once):
 *     one virtual thread per item and a real barrier per group, about 100 times slower.</li>
 * </ul>
 * A barrier that not every item of a group reaches (an item returned early, or items wait at
 * different barriers) is an error that names the group and the items, never a hang.
 */
public final class KernelContextEmulator {
    /** How a kernel's work-groups run; see the class comment. */
    enum Mode { LOOP, REGIONS, THREADS }

    /** The plan for one kernel, made once. */
    record Plan(Mode mode, BarrierRegions.Split split, String fallbackReason) {
    }

    private static final ConcurrentHashMap<Method, Plan> PLANS = new ConcurrentHashMap<>();
    /** Platform threads, one per core; with the launching thread they run the work-groups. */
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("jvm-workgroup-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);

    private KernelContextEmulator() {
    }

    static boolean usesContext(Method m) {
        for (Class<?> p : m.getParameterTypes()) if (uk.ac.manchester.tornado.api.KernelContext.class.isAssignableFrom(p)) return true;
        return false;
    }

    static int parallelism() {
        return POOL.getParallelism();
    }

    /**
     * Why the jvm backend would run this KernelContext kernel with one virtual thread per work-item
     * (the slow path), or null when it runs as plain loops or barrier-split regions. Lets kernel
     * libraries test that their kernels stay on the fast path.
     */
    public static String slowPathReason(Method kernel) {
        return plan(kernel).fallbackReason();
    }

    static Plan plan(Method m) {
        return PLANS.computeIfAbsent(m, KernelContextEmulator::makePlan);
    }

    private static Plan makePlan(Method m) {
        if (!usesBarriers(m)) return new Plan(Mode.LOOP, null, null);
        try {
            return new Plan(Mode.REGIONS, BarrierRegions.split(m), null);
        } catch (BarrierRegions.Unsupported e) {
            String reason = e.getMessage();
            System.err.println("jvm: " + m.getDeclaringClass().getSimpleName() + "." + m.getName()
                    + " runs one virtual thread per work-item (slow): " + reason);
            return new Plan(Mode.THREADS, null, reason);
        }
    }

    /** The context of one work-item; barriers and local arrays go to its group. */
    private static final class ItemContext extends KernelContext {
        private final Group group;
        private int allocations;

        ItemContext(Group group) {
            this.group = group;
        }

        @Override
        public void localBarrier() {
            group.await();
        }

        @Override
        public void globalBarrier() {
            group.await();
        }

        @Override
        public float[] allocateFloatLocalArray(int size) {
            return (float[]) group.local(allocations++, () -> new float[size]);
        }

        @Override
        public int[] allocateIntLocalArray(int size) {
            return (int[]) group.local(allocations++, () -> new int[size]);
        }

        @Override
        public long[] allocateLongLocalArray(int size) {
            return (long[]) group.local(allocations++, () -> new long[size]);
        }

        @Override
        public double[] allocateDoubleLocalArray(int size) {
            return (double[]) group.local(allocations++, () -> new double[size]);
        }
    }

    /** A work-group's local arrays and, for the THREADS mode, its barrier. */
    private static final class Group {
        final List<Object> locals = new ArrayList<>();
        final String name;
        final int items;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition released = lock.newCondition();
        private int arrived, finished;
        private long generation;
        private String broken;

        /** {@code items} 0: a REGIONS group, whose barriers the split code handles. */
        Group(String name, int items) {
            this.name = name;
            this.items = items;
        }

        /**
         * THREADS mode: waits until every item of the group arrives. An item that finished (or
         * failed) while others wait breaks the barrier for good: those items can never all meet.
         */
        void await() {
            if (items == 1) return;
            if (items == 0) throw new IllegalStateException("a barrier reached outside the kernel's split regions (called through an instance method?)");
            lock.lock();
            try {
                if (broken == null && finished > 0) broken = finished + " work-item(s) of " + name + " returned before reaching a barrier the others wait at";
                if (broken != null) throw new IllegalStateException(divergent(broken));
                long gen = generation;
                if (++arrived == items) {
                    arrived = 0;
                    generation++;
                    released.signalAll();
                    return;
                }
                while (generation == gen && broken == null) released.awaitUninterruptibly();
                if (generation == gen) throw new IllegalStateException(divergent(broken));
            } finally {
                lock.unlock();
            }
        }

        /** THREADS mode: an item left the kernel (returned or threw). */
        void exit(boolean failed) {
            lock.lock();
            try {
                finished++;
                if (arrived > 0 && broken == null) {
                    broken = failed ? "a work-item of " + name + " failed while others wait at a barrier"
                            : "a work-item of " + name + " returned while " + arrived + " wait at a barrier";
                }
                if (broken != null) released.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** The group's {@code ordinal}-th local array; synchronized because THREADS-mode items allocate concurrently. */
        synchronized Object local(int ordinal, java.util.function.Supplier<Object> make) {
            while (locals.size() <= ordinal) locals.add(null);
            if (locals.get(ordinal) == null) locals.set(ordinal, make.get());
            return locals.get(ordinal);
        }
    }

    static String divergent(String what) {
        return "divergent barrier: " + what + " (every work-item of a group must reach the same barriers)";
    }

    /** Where a launch's groups and items are: global and local sizes padded to three dimensions. */
    private record Shape(long[] global, long[] local, int[] groups, int items, int totalGroups) {
        static Shape of(WorkerGrid grid) {
            long[] g = pad(grid.roundedGlobal());
            long[] l = grid.localSize() == null ? new long[]{1, 1, 1} : pad(grid.localSize());
            int[] groups = new int[3];
            for (int d = 0; d < 3; d++) groups[d] = Math.toIntExact(g[d] / l[d]);
            return new Shape(g, l, groups, Math.toIntExact(l[0] * l[1] * l[2]), Math.multiplyExact(Math.multiplyExact(groups[0], groups[1]), groups[2]));
        }

        void fill(uk.ac.manchester.tornado.api.KernelContext c, int li, int gi) {
            int gx = gi % groups[0], gy = (gi / groups[0]) % groups[1], gz = gi / (groups[0] * groups[1]);
            int lx = (int) (li % local[0]), ly = (int) ((li / local[0]) % local[1]), lz = (int) (li / (local[0] * local[1]));
            c.localIdx = lx; c.localIdy = ly; c.localIdz = lz;
            c.groupIdx = gx; c.groupIdy = gy; c.groupIdz = gz;
            c.globalIdx = (int) (gx * local[0] + lx); c.globalIdy = (int) (gy * local[1] + ly); c.globalIdz = (int) (gz * local[2] + lz);
            c.globalGroupSizeX = (int) global[0]; c.globalGroupSizeY = (int) global[1]; c.globalGroupSizeZ = (int) global[2];
            c.localGroupSizeX = (int) local[0]; c.localGroupSizeY = (int) local[1]; c.localGroupSizeZ = (int) local[2];
        }

        String group(int gi) {
            return "work-group (" + gi % groups[0] + ", " + (gi / groups[0]) % groups[1] + ", " + gi / (groups[0] * groups[1]) + ")";
        }

        String item(int li) {
            return "(" + li % local[0] + ", " + (li / local[0]) % local[1] + ", " + li / (local[0] * local[1]) + ")";
        }
    }

    /** Runs one group's items: {@code gi} the group's linear index. */
    private interface GroupRunner {
        void run(int gi);
    }

    static void run(KernelLaunch launch, MethodHandle spread) {
        Shape shape = Shape.of(launch.grid());
        Method m = launch.kernel().method();
        Plan plan = plan(m);
        int ctxIndex = contextIndex(m);
        String task = launch.taskId();
        inParallel(shape.totalGroups, () -> switch (plan.mode) {
            case LOOP -> loop(launch, spread, shape, ctxIndex);
            case REGIONS -> regions(launch, plan.split, shape, ctxIndex);
            case THREADS -> gi -> threads(launch, spread, shape, ctxIndex, gi);
        }, task);
    }

    /**
     * Runs groups 0..total-1 on the calling thread and the pool's threads, which claim one group
     * at a time; each thread gets its own runner (and reuses its state). The caller works too, so
     * a short launch does not wait for pool threads to wake up, and a thread preempted by another
     * job (on a busy machine) holds back at most the one group it is running. A failed group, or an
     * interrupted caller (a sweep's timeout), stops the other threads at their next group instead
     * of leaving them running.
     */
    private static void inParallel(int total, java.util.function.Supplier<GroupRunner> runners, String task) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
        Runnable work = () -> {
            GroupRunner r = null;
            for (int gi; (gi = next.getAndIncrement()) < total; ) {
                try {
                    if (!stop.get()) {
                        if (r == null) r = runners.get();
                        r.run(gi);
                    }
                } catch (Throwable t) {
                    stop.set(true);
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        // At most one thread per core works on a launch: the caller (unless it is a virtual thread) and pool threads.
        boolean callerWorks = !Thread.currentThread().isVirtual();
        int helpers = callerWorks ? Math.min(POOL.getParallelism() - 1, total - 1) : Math.min(POOL.getParallelism(), total);
        for (int h = 0; h < helpers; h++) POOL.execute(work);
        if (callerWorks) work.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + task, e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        if (t != null) throw new KernelFailedException(task, t);
    }

    private static GroupRunner loop(KernelLaunch launch, MethodHandle spread, Shape shape, int ctxIndex) {
        Object[] args = launch.args().clone();
        return gi -> {
            ItemContext ctx = new ItemContext(new Group(shape.group(gi), 1));
            args[ctxIndex] = ctx;
            for (int li = 0; li < shape.items; li++) {
                shape.fill(ctx, li, gi);
                // The context is reused item after item: each item's n-th allocation is the group's n-th
                // local array (not a fresh one per item, which costs an array per item and is not shared).
                ctx.allocations = 0;
                invoke(spread, args, launch.taskId());
            }
        };
    }

    /**
     * REGIONS mode: round after round, every item of the group runs to its next barrier; a round
     * ends with all items at the same barrier (or all finished), else the barrier is divergent.
     */
    private static GroupRunner regions(KernelLaunch launch, BarrierRegions.Split split, Shape shape, int ctxIndex) {
        int n = shape.items;
        Object[][] args = new Object[n][];
        long[][] prims = new long[n][split.slots()];
        Object[][] refs = new Object[n][split.slots()];
        int[] at = new int[n];
        RegionStepper stepper = split.stepper();
        return gi -> {
            Group group = new Group(shape.group(gi), 0);
            for (int li = 0; li < n; li++) {
                ItemContext ctx = new ItemContext(group);
                shape.fill(ctx, li, gi);
                args[li] = launch.args().clone();
                args[li][ctxIndex] = ctx;
                at[li] = 0;
            }
            do {
                for (int li = 0; li < n; li++) {
                    try {
                        at[li] = stepper.step(prims[li], refs[li], at[li], args[li]);
                    } catch (RuntimeException | Error e) {
                        throw new KernelFailedException(launch.taskId(), e);
                    }
                }
                for (int li = 1; li < n; li++) {
                    if (at[li] != at[0]) throw new IllegalStateException(divergent(describe(shape, gi, at)));
                }
            } while (at[0] != 0);
        };
    }

    /** Which items of a group stopped where, e.g. "work-group (3, 0, 0): items (0, 0, 0) at barrier 2, (5, 0, 0) finished". */
    private static String describe(Shape shape, int gi, int[] at) {
        StringBuilder s = new StringBuilder(shape.group(gi)).append(':');
        int shown = 0;
        for (int li = 0; li < at.length && shown < 2; li++) {
            if (li == 0 || at[li] != at[0]) {
                s.append(shown == 0 ? " item " : ", item ").append(shape.item(li)).append(at[li] == 0 ? " returned" : " waits at barrier " + at[li]);
                shown++;
            }
        }
        return s.toString();
    }

    private static void threads(KernelLaunch launch, MethodHandle spread, Shape shape, int ctxIndex, int gi) {
        Group group = new Group(shape.group(gi), shape.items);
        List<Thread> threads = new ArrayList<>(shape.items);
        Throwable[] failure = new Throwable[1];
        for (int li = 0; li < shape.items; li++) {
            ItemContext ctx = new ItemContext(group);
            shape.fill(ctx, li, gi);
            Object[] args = launch.args().clone();
            args[ctxIndex] = ctx;
            threads.add(Thread.ofVirtual().start(() -> {
                boolean failed = true;
                try {
                    invoke(spread, args, launch.taskId());
                    failed = false;
                } catch (Throwable t) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = t;
                    }
                } finally {
                    group.exit(failed);
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure[0] instanceof RuntimeException re) throw re;
        if (failure[0] != null) throw new KernelFailedException(launch.taskId(), failure[0]);
    }

    private static void invoke(MethodHandle spread, Object[] args, String task) {
        try {
            spread.invoke(args);
        } catch (KernelFailedException e) {
            throw e;
        } catch (Throwable t) {
            throw new KernelFailedException(task, t);
        }
    }

    private static long[] pad(long[] v) {
        long[] out = {1, 1, 1};
        System.arraycopy(v, 0, out, 0, v.length);
        return out;
    }

    private static int contextIndex(Method m) {
        Class<?>[] ps = m.getParameterTypes();
        for (int i = 0; i < ps.length; i++) if (uk.ac.manchester.tornado.api.KernelContext.class.isAssignableFrom(ps[i])) return i;
        throw new IllegalStateException("no KernelContext parameter in " + m);
    }

    /**
     * Whether the kernel, or any method it calls, waits at a barrier: from the JIT's IR (which
     * follows calls into other classes). A kernel outside the kernel language still runs here; for
     * it, the bytecode of the kernel and its static callees decides.
     */
    static boolean usesBarriers(Method m) {
        try {
            return hetero.runtime.jit.Analysis.usesBarriers(hetero.runtime.jit.Frontend.kernel(
                    hetero.runtime.jit.KernelRef.of(m.getDeclaringClass(), m.getName(), BarrierRegions.descriptor(m))));
        } catch (RuntimeException e) {
            return BarrierRegions.usesBarriers(m);
        }
    }
}
