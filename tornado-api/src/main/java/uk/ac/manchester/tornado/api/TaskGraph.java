package uk.ac.manchester.tornado.api;

import uk.ac.manchester.tornado.api.common.TornadoFunctions;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.spi.GraphDescription;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A named group of tasks and the data moving around them:
 * <pre>
 * TaskGraph tg = new TaskGraph("s0")
 *     .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
 *     .task("t0", MyKernels::add, a, b, c)
 *     .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
 * ImmutableTaskGraph itg = tg.snapshot();
 * </pre>
 * Arrays are captured by identity (the device copy follows the object), scalars by value. Scalars
 * may be listed in transfers; they travel as kernel arguments, so listing them changes nothing.
 */
public class TaskGraph {
    private final String name;
    private final List<GraphDescription.Task> tasks = new ArrayList<>();
    private final List<GraphDescription.Transfer> toDevice = new ArrayList<>();
    private final List<GraphDescription.Transfer> toHost = new ArrayList<>();

    public TaskGraph(String name) {
        if (name == null || name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("a task graph needs a name without dots, got '" + name + "'");
        }
        this.name = name;
    }

    public String getTaskGraphName() {
        return name;
    }

    /** Lists data to copy to the device before the tasks run: FIRST_EXECUTION or EVERY_EXECUTION. */
    public TaskGraph transferToDevice(int mode, Object... objects) {
        if (mode == DataTransferMode.USER_DEFINED) {
            throw new IllegalArgumentException("transferToDevice takes FIRST_EXECUTION or EVERY_EXECUTION, not USER_DEFINED");
        }
        DataTransferMode.name(mode);
        for (Object o : objects) toDevice.add(new GraphDescription.Transfer(mode, nonNull(o, "transferToDevice")));
        return this;
    }

    /** Lists data to copy back after the tasks ran: FIRST_EXECUTION, EVERY_EXECUTION or USER_DEFINED. */
    public TaskGraph transferToHost(int mode, Object... objects) {
        DataTransferMode.name(mode);
        for (Object o : objects) toHost.add(new GraphDescription.Transfer(mode, nonNull(o, "transferToHost")));
        return this;
    }

    private Object nonNull(Object o, String where) {
        if (o == null) throw new IllegalArgumentException(where + " of task graph " + name + " was given null");
        return o;
    }

    /** A frozen copy of this graph for an execution plan; later changes to this graph do not affect it. */
    public ImmutableTaskGraph snapshot() {
        return new ImmutableTaskGraph(new GraphDescription(name, tasks, toDevice, toHost));
    }

    private TaskGraph add(String id, Serializable code, Object... args) {
        if (id == null || id.isBlank() || id.contains(".")) throw new IllegalArgumentException("a task id must be a non-empty name without dots: '" + id + "'");
        if (code == null) throw new IllegalArgumentException("task " + id + " has no code");
        for (GraphDescription.Task t : tasks) {
            if (t.id().equals(id)) throw new IllegalArgumentException("task graph " + name + " already has a task '" + id + "'");
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) throw new IllegalArgumentException("argument " + i + " of task " + name + "." + id + " is null");
        }
        tasks.add(new GraphDescription.Task(id, code, Arrays.asList(args)));
        return this;
    }

    public TaskGraph task(String id, TornadoFunctions.Task code) {
        return add(id, code);
    }

    public <T1> TaskGraph task(String id, TornadoFunctions.Task1<T1> code, T1 arg1) {
        return add(id, code, arg1);
    }

    public <T1, T2> TaskGraph task(String id, TornadoFunctions.Task2<T1, T2> code, T1 arg1, T2 arg2) {
        return add(id, code, arg1, arg2);
    }

    public <T1, T2, T3> TaskGraph task(String id, TornadoFunctions.Task3<T1, T2, T3> code, T1 arg1, T2 arg2, T3 arg3) {
        return add(id, code, arg1, arg2, arg3);
    }

    public <T1, T2, T3, T4> TaskGraph task(String id, TornadoFunctions.Task4<T1, T2, T3, T4> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4) {
        return add(id, code, arg1, arg2, arg3, arg4);
    }

    public <T1, T2, T3, T4, T5> TaskGraph task(String id, TornadoFunctions.Task5<T1, T2, T3, T4, T5> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5);
    }

    public <T1, T2, T3, T4, T5, T6> TaskGraph task(String id, TornadoFunctions.Task6<T1, T2, T3, T4, T5, T6> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6);
    }

    public <T1, T2, T3, T4, T5, T6, T7> TaskGraph task(String id, TornadoFunctions.Task7<T1, T2, T3, T4, T5, T6, T7> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8> TaskGraph task(String id, TornadoFunctions.Task8<T1, T2, T3, T4, T5, T6, T7, T8> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8);
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9> TaskGraph task(String id, TornadoFunctions.Task9<T1, T2, T3, T4, T5, T6, T7, T8, T9> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9);
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> TaskGraph task(String id, TornadoFunctions.Task10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10);
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> TaskGraph task(String id, TornadoFunctions.Task11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11);
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> TaskGraph task(String id, TornadoFunctions.Task12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12);
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> TaskGraph task(String id, TornadoFunctions.Task13<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12, T13 arg13) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12, arg13);
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> TaskGraph task(String id, TornadoFunctions.Task14<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12, T13 arg13, T14 arg14) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12, arg13, arg14);
    }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> TaskGraph task(String id, TornadoFunctions.Task15<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12, T13 arg13, T14 arg14, T15 arg15) {
        return add(id, code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12, arg13, arg14, arg15);
    }
}
