package hetero.runtime.api;

import java.util.List;

/**
 * The profile of one {@link ExecutionPlan#execute()}: per task, plus the transfers of the graphs.
 *
 * @param copyInNanos   all host-to-device copies of this execution (declared and first-use)
 * @param copyOutNanos  all device-to-host copies
 * @param bytesIn       bytes copied to the device in this execution
 * @param bytesOut      bytes copied back
 * @param deviceBytes   bytes of device buffers the plan holds after this execution
 * @param buffers       number of device buffers the plan holds (one per distinct array)
 * @param wallNanos     host wall time of the whole execution, including waiting for the device
 */
public record ExecutionResult(List<TaskProfile> tasks, long copyInNanos, long copyOutNanos, long bytesIn, long bytesOut,
                              int copiesIn, int copiesOut, long deviceBytes, int buffers, long wallNanos) {
    public long kernelNanos() {
        return tasks.stream().mapToLong(TaskProfile::kernelNanos).sum();
    }

    public long compileNanos() {
        return tasks.stream().mapToLong(TaskProfile::compileNanos).sum();
    }

    public TaskProfile task(String id) {
        for (TaskProfile t : tasks) if (t.taskId().equals(id)) return t;
        throw new IllegalArgumentException("no task '" + id + "' in this result; tasks: " + tasks.stream().map(TaskProfile::taskId).toList());
    }
}
