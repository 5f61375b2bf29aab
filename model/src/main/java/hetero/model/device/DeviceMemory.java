package hetero.model.device;

import hetero.runtime.api.TaskGraph;

import java.util.List;
import java.util.Set;

/**
 * Device memory of a forward plan, by role. The runtime keeps one buffer per distinct array, so summing the
 * distinct arrays the plan's tasks use gives exactly the plan's device bytes ({@code ExecutionResult.deviceBytes()},
 * which the tests check); shared (aliased) weights count once, as they are allocated once.
 *
 * @param weightBytes     parameters on the device (distinct weight arrays the tasks read)
 * @param weightBuffers   how many distinct weight arrays
 * @param kvCacheBytes    key/value caches of decode steps (0 for a full forward pass)
 * @param activationBytes everything else: inputs, activations, attention scratch, outputs
 */
public record DeviceMemory(long weightBytes, int weightBuffers, long kvCacheBytes, long activationBytes) {
    public long totalBytes() {
        return weightBytes + kvCacheBytes + activationBytes;
    }

    static DeviceMemory of(List<TaskGraph> graphs, Set<Object> weights, Set<Object> kvCache) {
        long w = 0, kv = 0, act = 0;
        int wBuffers = 0;
        for (Object a : GraphBuilder.arrays(graphs)) {
            long bytes = bytes(a);
            if (weights.contains(a)) {
                w += bytes;
                wBuffers++;
            } else if (kvCache.contains(a)) {
                kv += bytes;
            } else {
                act += bytes;
            }
        }
        return new DeviceMemory(w, wBuffers, kv, act);
    }

    static long bytes(Object a) {
        return switch (a) {
            case float[] f -> 4L * f.length;
            case int[] i -> 4L * i.length;
            case long[] l -> 8L * l.length;
            case double[] d -> 8L * d.length;
            default -> 0;
        };
    }
}
