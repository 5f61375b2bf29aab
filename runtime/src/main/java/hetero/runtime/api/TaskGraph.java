package hetero.runtime.api;

import hetero.runtime.jit.KernelRef;
import hetero.runtime.kernel.HostArrays;
import uk.ac.manchester.tornado.api.common.TornadoFunctions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named sequence of kernel tasks plus the data movement around them, as in TornadoVM:
 * <pre>
 * TaskGraph g = new TaskGraph("s0")
 *     .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
 *     .task("add", Kernels::vectorAdd, a, b, c, n)
 *     .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
 * </pre>
 * Arguments are captured when the task is added: arrays by identity (the device buffer follows the
 * array), scalars by value. Arrays used by a task but never listed in a transfer are copied to the
 * device once, before their first use, if the kernel reads them.
 */
public final class TaskGraph {
    /** One registered task. */
    public static final class Task {
        public final String id;
        public final KernelRef kernel;
        final Object[] args;
        /** Indices of the specialized scalar parameters, resolved from their names by {@link TaskGraph#specialize}. */
        final Set<Integer> specialized = new java.util.TreeSet<>();

        Task(String id, KernelRef kernel, Object[] args) {
            this.id = id;
            this.kernel = kernel;
            this.args = args;
        }

        public Object[] args() {
            return args.clone();
        }

        public Set<Integer> specializedParameters() {
            return Collections.unmodifiableSet(specialized);
        }

        private Set<Integer> arraySizeParams;

        /**
         * Scalar parameters that size local or private arrays, folded in automatically as TornadoVM does; none for kernels
         * outside the kernel language (the jvm runs them). Computed once per task, not on every execute.
         */
        Set<Integer> arraySizeParams() {
            if (arraySizeParams == null) {
                Set<Integer> found;
                try {
                    found = hetero.runtime.jit.Analysis.arraySizeParams(hetero.runtime.jit.Frontend.kernel(kernel));
                } catch (RuntimeException e) {
                    found = Set.of();
                }
                arraySizeParams = Set.copyOf(found);
            }
            return arraySizeParams;
        }
    }

    /** A kernel of 16 parameters (TornadoVM's functional interfaces stop at 15). */
    @FunctionalInterface
    public interface Task16<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16> extends java.io.Serializable {
        void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15, T16 a16);
    }

    private final String name;
    private final List<Task> tasks = new ArrayList<>();
    private final Map<Object, DataTransferMode> toDevice = new IdentityHashMap<>();
    private final Map<Object, DataTransferMode> toHost = new IdentityHashMap<>();

    public TaskGraph(String name) {
        if (name == null || name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("a task graph needs a name without dots, got '" + name + "'");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    public List<Task> tasks() {
        return Collections.unmodifiableList(tasks);
    }

    public TaskGraph transferToDevice(DataTransferMode mode, Object... arrays) {
        for (Object a : arrays) toDevice.put(checkArray(a), mode);
        return this;
    }

    public TaskGraph transferToHost(DataTransferMode mode, Object... arrays) {
        for (Object a : arrays) toHost.put(checkArray(a), mode);
        return this;
    }

    Map<Object, DataTransferMode> toDevice() {
        return toDevice;
    }

    Map<Object, DataTransferMode> toHost() {
        return toHost;
    }

    private static Object checkArray(Object a) {
        if (!HostArrays.isArray(a)) {
            throw new IllegalArgumentException("only float[], int[], long[], double[] and TornadoVM's native arrays can be transferred, got "
                    + (a == null ? "null" : a.getClass().getSimpleName()));
        }
        return a;
    }

    /** Registers a kernel by class and method name (for tools and scripts; method references are preferred). */
    public TaskGraph task(String id, Class<?> owner, String method, Object... args) {
        return add(id, KernelRef.byName(owner, method), args.clone());
    }

    /**
     * Folds these scalar parameters of a task into its code as constants when the plan compiles it
     * (head size, tile sizes): the device compiler can then unroll and size local arrays. Each
     * distinct value compiles once and is cached. An unknown name, or an array parameter, fails here.
     */
    public TaskGraph specialize(String taskId, String... parameterNames) {
        Task t = find(taskId);
        for (String n : parameterNames) t.specialized.add(t.kernel.parameterIndex(n));
        return this;
    }

    /** Replaces a scalar argument (e.g. a sequence length that grows while decoding). */
    public TaskGraph setArgument(String taskId, int index, Object value) {
        Task t = find(taskId);
        if (index < 0 || index >= t.args.length) throw new IllegalArgumentException("task " + taskId + " has no argument " + index);
        Object old = t.args[index];
        if (old == null || value == null || old.getClass() != value.getClass()) {
            throw new IllegalArgumentException("argument " + index + " of task " + taskId + " is a "
                    + (old == null ? "null" : old.getClass().getSimpleName()) + ", not a " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        t.args[index] = value;
        return this;
    }

    /** Registers a kernel already resolved to a method (for adapters such as the TornadoVM API's). */
    public TaskGraph task(String id, KernelRef kernel, Object... args) {
        return add(id, kernel, args.clone());
    }

    Task find(String taskId) {
        String local = taskId.startsWith(name + ".") ? taskId.substring(name.length() + 1) : taskId;
        for (Task t : tasks) if (t.id.equals(local)) return t;
        throw new IllegalArgumentException("task graph " + name + " has no task '" + taskId + "'");
    }

    private TaskGraph add(String id, KernelRef kernel, Object[] args) {
        if (id == null || id.isBlank() || id.contains(".")) throw new IllegalArgumentException("task id must be a non-empty name without dots: '" + id + "'");
        for (Task t : tasks) if (t.id.equals(id)) throw new IllegalArgumentException("task graph " + name + " already has a task '" + id + "'");
        Class<?>[] types = kernel.method().getParameterTypes();
        if (types.length != args.length) {
            throw new IllegalArgumentException("task " + id + ": kernel " + kernel + " takes " + types.length + " arguments, got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            Class<?> want = types[i];
            Object a = args[i];
            boolean ok = a != null && (want.isPrimitive() ? boxed(want) == a.getClass() : want.isInstance(a));
            if (!ok) {
                throw new IllegalArgumentException("task " + id + ": argument " + i + " of " + kernel + " must be "
                        + want.getSimpleName() + ", got " + (a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
        tasks.add(new Task(id, kernel, args));
        return this;
    }

    private static Class<?> boxed(Class<?> p) {
        if (p == int.class) return Integer.class;
        if (p == long.class) return Long.class;
        if (p == float.class) return Float.class;
        if (p == double.class) return Double.class;
        if (p == boolean.class) return Boolean.class;
        if (p == short.class) return Short.class;
        if (p == byte.class) return Byte.class;
        if (p == char.class) return Character.class;
        return p;
    }

    public <T1> TaskGraph task(String id, TornadoFunctions.Task1<T1> kernel, T1 a1) {
        return add(id, KernelRef.of(kernel), new Object[]{a1});
    }

    public <T1, T2> TaskGraph task(String id, TornadoFunctions.Task2<T1, T2> kernel, T1 a1, T2 a2) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2});
    }

    public <T1, T2, T3> TaskGraph task(String id, TornadoFunctions.Task3<T1, T2, T3> kernel, T1 a1, T2 a2, T3 a3) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3});
    }

    public <T1, T2, T3, T4> TaskGraph task(String id, TornadoFunctions.Task4<T1, T2, T3, T4> kernel, T1 a1, T2 a2, T3 a3, T4 a4) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4});
    }

    public <T1, T2, T3, T4, T5> TaskGraph task(String id, TornadoFunctions.Task5<T1, T2, T3, T4, T5> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5});
    }

    public <T1, T2, T3, T4, T5, T6> TaskGraph task(String id, TornadoFunctions.Task6<T1, T2, T3, T4, T5, T6> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6});
    }

    public <T1, T2, T3, T4, T5, T6, T7> TaskGraph task(String id, TornadoFunctions.Task7<T1, T2, T3, T4, T5, T6, T7> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8> TaskGraph task(String id, TornadoFunctions.Task8<T1, T2, T3, T4, T5, T6, T7, T8> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9> TaskGraph task(String id, TornadoFunctions.Task9<T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> TaskGraph task(String id, TornadoFunctions.Task10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> TaskGraph task(String id, TornadoFunctions.Task11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> TaskGraph task(String id, TornadoFunctions.Task12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> TaskGraph task(String id, TornadoFunctions.Task13<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> TaskGraph task(String id, TornadoFunctions.Task14<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> TaskGraph task(String id, TornadoFunctions.Task15<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15});
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16> TaskGraph task(String id, Task16<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15, T16 a16) {
        return add(id, KernelRef.of(kernel), new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16});
    }
}
