package hetero.experiments.sweep;

import hetero.experiments.workload.Measurement;
import hetero.experiments.workload.Measurer;
import hetero.experiments.workload.Outcome;
import hetero.experiments.workload.Workload;
import hetero.experiments.workload.Workloads;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one configuration and turns every way it can end into an {@link Outcome}, so one bad
 * configuration cannot sink a sweep.
 *
 * <p>Time limit: the measurement runs on a worker thread and the sweep waits at most
 * {@code timeout} seconds. Java cannot stop a thread that is inside a kernel, so on timeout the
 * worker is interrupted (the harness stops at the next iteration boundary) and abandoned (a daemon
 * thread), and a fresh worker takes the next configuration. A kernel that never returns keeps
 * burning one core until the sweep ends; run such sweeps with {@code --shard} in separate
 * processes if that matters. Memory limit: {@link OutOfMemoryError} (host) and device allocation
 * failures become {@code skipped: out of memory} rows; the JVM's -Xmx is the host limit.
 */
public final class ConfigRunner implements AutoCloseable {
    private ExecutorService worker = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public Outcome run(Config c) {
        String invalid = c.invalidReason();
        if (invalid != null) return new Outcome.Skipped(invalid);
        Workload workload = Workloads.get(c.workload());
        String unsupported = Workload.whyNot(workload, c);
        if (unsupported != null) return new Outcome.Skipped(unsupported);
        Device device;
        try {
            device = Devices.get(c.device());
        } catch (IllegalArgumentException e) {
            return new Outcome.Skipped("device not available here: " + e.getMessage());
        }
        Future<Measurement> future = worker.submit(() -> Measurer.measure(workload, c, device));
        try {
            return new Outcome.Ok(future.get(c.timeoutSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Outcome.Failed("timed out after " + c.timeoutSeconds() + " s");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Outcome.Failed("interrupted");
        }
    }

    static Outcome failure(Throwable t) {
        String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        if (t instanceof OutOfMemoryError || looksLikeDeviceOutOfMemory(t)) return new Outcome.Skipped("out of memory: " + message);
        return new Outcome.Failed(message);
    }

    private static boolean looksLikeDeviceOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage()).toUpperCase(Locale.ROOT);
            if (m.contains("MEM_OBJECT_ALLOCATION_FAILURE") || m.contains("OUT_OF_RESOURCES") || m.contains("OUT_OF_MEMORY")
                    || m.contains("CUDA_ERROR_OUT_OF_MEMORY")) return true;
        }
        return false;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
