package hetero.runtime.backend.jvm;

import hetero.runtime.api.KernelContext;
import hetero.runtime.api.WorkerGrid;
import hetero.runtime.backend.KernelLaunch;

import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * Runs a KernelContext kernel on the JVM with OpenCL's execution model: work-groups are
 * independent (run in parallel), and within a group every work-item is its own virtual thread
 * when the kernel uses barriers, so {@code ctx.localBarrier()} really waits for the group.
 * Local arrays are shared by the items of a group.
 */
public final class KernelContextEmulator {
    private KernelContextEmulator() {
    }

    static boolean usesContext(Method m) {
        for (Class<?> p : m.getParameterTypes()) if (uk.ac.manchester.tornado.api.KernelContext.class.isAssignableFrom(p)) return true;
        return false;
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

    private static final class Group {
        final CyclicBarrier barrier;
        final List<Object> locals = new ArrayList<>();

        Group(int items) {
            barrier = items > 1 ? new CyclicBarrier(items) : null;
        }

        void await() {
            if (barrier == null) return;
            try {
                barrier.await(60, TimeUnit.SECONDS);
            } catch (TimeoutException | BrokenBarrierException e) {
                throw new IllegalStateException("work-items of a group did not all reach the barrier (a barrier inside divergent control flow?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        synchronized Object local(int ordinal, java.util.function.Supplier<Object> make) {
            while (locals.size() <= ordinal) locals.add(null);
            if (locals.get(ordinal) == null) locals.set(ordinal, make.get());
            return locals.get(ordinal);
        }
    }

    static void run(KernelLaunch launch, MethodHandle spread) {
        WorkerGrid grid = launch.grid();
        long[] g = pad(grid.roundedGlobal());
        long[] l = grid.localSize() == null ? new long[]{1, 1, 1} : pad(grid.localSize());
        int[] groups = new int[3];
        for (int d = 0; d < 3; d++) groups[d] = Math.toIntExact(g[d] / l[d]);
        int items = Math.toIntExact(l[0] * l[1] * l[2]);
        int totalGroups = groups[0] * groups[1] * groups[2];
        int ctxIndex = contextIndex(launch.kernel().method());
        boolean barriers = usesBarriers(launch.kernel().method());
        IntStream.range(0, totalGroups).parallel().forEach(gi -> {
            int gx = gi % groups[0], gy = (gi / groups[0]) % groups[1], gz = gi / (groups[0] * groups[1]);
            Group group = new Group(barriers ? items : 1);
            if (!barriers) {
                ItemContext ctx = new ItemContext(group);
                Object[] args = launch.args().clone();
                args[ctxIndex] = ctx;
                for (int li = 0; li < items; li++) {
                    fill(ctx, li, gx, gy, gz, g, l);
                    invoke(spread, args, launch.taskId());
                }
                return;
            }
            List<Thread> threads = new ArrayList<>(items);
            Throwable[] failure = new Throwable[1];
            for (int li = 0; li < items; li++) {
                ItemContext ctx = new ItemContext(group);
                fill(ctx, li, gx, gy, gz, g, l);
                Object[] args = launch.args().clone();
                args[ctxIndex] = ctx;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        invoke(spread, args, launch.taskId());
                    } catch (Throwable t) {
                        synchronized (failure) {
                            if (failure[0] == null) failure[0] = t;
                        }
                        if (group.barrier != null) group.barrier.reset();
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
        });
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

    private static void fill(ItemContext c, int li, int gx, int gy, int gz, long[] g, long[] l) {
        int lx = (int) (li % l[0]), ly = (int) ((li / l[0]) % l[1]), lz = (int) (li / (l[0] * l[1]));
        c.localIdx = lx; c.localIdy = ly; c.localIdz = lz;
        c.groupIdx = gx; c.groupIdy = gy; c.groupIdz = gz;
        c.globalIdx = (int) (gx * l[0] + lx); c.globalIdy = (int) (gy * l[1] + ly); c.globalIdz = (int) (gz * l[2] + lz);
        c.globalGroupSizeX = (int) g[0]; c.globalGroupSizeY = (int) g[1]; c.globalGroupSizeZ = (int) g[2];
        c.localGroupSizeX = (int) l[0]; c.localGroupSizeY = (int) l[1]; c.localGroupSizeZ = (int) l[2];
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
     * it, any barrier call in its class counts.
     */
    static boolean usesBarriers(Method m) {
        try {
            return hetero.runtime.jit.Analysis.usesBarriers(hetero.runtime.jit.Frontend.kernel(
                    hetero.runtime.jit.KernelRef.of(m.getDeclaringClass(), m.getName(),
                            java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString())));
        } catch (RuntimeException e) {
            return classCallsBarrier(m);
        }
    }

    private static boolean classCallsBarrier(Method m) {
        try (var in = m.getDeclaringClass().getResourceAsStream(m.getDeclaringClass().getName()
                .substring(m.getDeclaringClass().getName().lastIndexOf('.') + 1) + ".class")) {
            if (in == null) return true;
            var cm = ClassFile.of().parse(in.readAllBytes());
            for (MethodModel mm : cm.methods()) {
                var code = mm.code();
                if (code.isEmpty()) continue;
                for (var e : code.get()) {
                    if (e instanceof InvokeInstruction inv && hetero.runtime.jit.Frontend.isContextClass(inv.owner().asInternalName())
                            && inv.name().stringValue().endsWith("Barrier")) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
