package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.backend.Device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The one timing loop every workload shares: prepare; a first run whose compile time is recorded
 * (it is not counted as a warmup); {@code warmups} untimed runs; {@code iterations} timed runs;
 * then the correctness check on the last run's output.
 */
public final class Measurer {
    private Measurer() {
    }

    public static Measurement measure(Workload workload, Config c, Device device) {
        try (Trial trial = workload.prepare(c, device)) {
            ExecutionResult first = trial.run();
            long compile = first.compileNanos();
            for (int i = 0; i < c.warmups(); i++) {
                checkInterrupted();
                trial.run();
            }
            int n = c.iterations();
            List<Long> wall = new ArrayList<>(n);
            long[] copyIn = new long[n], kernel = new long[n], copyOut = new long[n];
            ExecutionResult last = first;
            for (int i = 0; i < n; i++) {
                checkInterrupted();
                long t0 = System.nanoTime();
                last = trial.run();
                wall.add(System.nanoTime() - t0);
                copyIn[i] = last.copyInNanos();
                kernel[i] = last.kernelNanos();
                copyOut[i] = last.copyOutNanos();
            }
            checkInterrupted();
            Accuracy accuracy = trial.check();
            return new Measurement(c.warmups(), wall, compile, median(copyIn), median(kernel), median(copyOut),
                    last.deviceBytes(), trial.costs(), accuracy);
        }
    }

    /** Kernels cannot be stopped mid-run, but a timed-out configuration stops at the next iteration. */
    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("interrupted");
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
