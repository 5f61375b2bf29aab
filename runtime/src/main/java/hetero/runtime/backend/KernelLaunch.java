package hetero.runtime.backend;

import hetero.runtime.jit.KernelRef;
import hetero.runtime.kernel.WorkerGrid;

import java.util.Map;

/**
 * One task ready to run: the kernel, its arguments (arrays are keys into the session's buffers),
 * the specialised scalar parameters (parameter index to value), and the grid.
 */
public record KernelLaunch(String taskId, KernelRef kernel, Object[] args, Map<Integer, Object> constants, WorkerGrid grid) {
}
