package hetero.experiments.bench;

import hetero.kernels.Launch;
import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.TaskGraph;

import java.util.Random;

/** Shared set-up for the JMH benchmarks: plans whose inputs are copied once, and random data. */
final class Plans {
    private Plans() {
    }

    /**
     * A plan for {@code launch} on {@code deviceId}: inputs copied on the first execution only and
     * no copy back, so one {@code execute()} is the launch's kernels plus the host's per-launch
     * overhead. The first execution (JIT + driver build + copy-in) runs here, outside the timing.
     */
    static ExecutionPlan build(Launch launch, String deviceId) {
        TaskGraph g = new TaskGraph("b");
        if (!launch.inputs().isEmpty()) g.transferToDevice(DataTransferMode.FIRST_EXECUTION, launch.inputs().toArray());
        launch.addTo(g, "");
        ExecutionPlan plan = launch.applyGrids(new ExecutionPlan(g).withDevice(Devices.get(deviceId)), "b", "");
        plan.execute();
        return plan;
    }

    /**
     * The ONNX Runtime peer's intra-op threads: {@code requested}, or when it is 0 as many as
     * {@code deviceId} has compute units (PoCL's CPU device: the cores), so both sides use the same cores.
     */
    static int ortThreads(int requested, String deviceId) {
        if (requested < 0) throw new IllegalArgumentException("ortThreads must be >= 0 (0 = the device's compute units), got " + requested);
        return requested > 0 ? requested : Math.max(1, Devices.get(deviceId).computeUnits());
    }

    static float[] random(long n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[Math.toIntExact(n)];
        for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
        return f;
    }
}
