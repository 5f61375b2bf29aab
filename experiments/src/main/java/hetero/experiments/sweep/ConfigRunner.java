package hetero.experiments.sweep;

import hetero.experiments.workload.Measurement;
import hetero.experiments.workload.Measurer;
import hetero.experiments.workload.Outcome;
import hetero.experiments.workload.Workload;
import hetero.experiments.workload.Workloads;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;

import java.nio.file.Path;
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
 * <p>Two ways to run the measurement:
 * <ul>
 * <li>{@link #inChildJvm} (what {@code lab sweep} and {@code lab reproduce} use): in a worker JVM
 *     ({@link WorkerJvm}). A configuration that exceeds its {@code timeout} gets the worker killed,
 *     which really stops its kernel (a Java thread inside a kernel cannot be stopped, and an
 *     abandoned OpenCL kernel keeps the device busy for the configurations after it); the next
 *     configuration starts a fresh worker. A worker that crashes (a driver fault) costs one
 *     {@code error:} row, not the sweep. The worker's console output (driver build logs, compiler
 *     warnings) goes to a log file, one {@code === config} header per row.</li>
 * <li>{@code new ConfigRunner()}: in this JVM, on a worker thread. On timeout the thread is
 *     interrupted (the harness stops at the next iteration boundary) and abandoned; a kernel that
 *     never returns keeps burning a core. For tests and for workloads registered at run time.</li>
 * </ul>
 * Memory limit: {@link OutOfMemoryError} (host) and device allocation failures become
 * {@code skipped: out of memory} rows; the JVM's -Xmx is the host limit.
 */
public class ConfigRunner implements AutoCloseable {
    private ExecutorService worker;

    public ConfigRunner() {
    }

    /**
     * Measurements in a worker JVM whose console output is appended to {@code log}, or shown on
     * this console when {@code log} is null ({@code --verbose}).
     */
    public static ConfigRunner inChildJvm(Path log) {
        WorkerJvm.registerNamedWorkloads();
        return new WorkerJvm(log);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public final Outcome run(Config c) {
        String invalid = c.invalidReason();
        if (invalid != null) return new Outcome.Skipped(invalid);
        Workload workload = Workloads.get(c.workload());
        String unsupported = Workload.whyNot(workload, c);
        if (unsupported != null) return new Outcome.Skipped(unsupported);
        try {
            Devices.get(c.device());
        } catch (IllegalArgumentException e) {
            return new Outcome.Skipped("device not available here: " + e.getMessage());
        }
        return measure(c);
    }

    /** Measures a configuration that the checks in {@link #run} let through. */
    protected Outcome measure(Config c) {
        Workload workload = Workloads.get(c.workload());
        Device device = Devices.get(c.device());
        if (worker == null) worker = newWorker();
        Future<Measurement> future = worker.submit(() -> Measurer.measure(workload, c, device));
        try {
            return new Outcome.Ok(future.get(c.timeoutSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = null;
            return new Outcome.Failed("timed out after " + c.timeoutSeconds() + " s");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Outcome.Failed("interrupted");
        }
    }

    /** A measurement that threw: out of memory is a skipped row, anything else an error row. */
    public static Outcome failure(Throwable t) {
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
        if (worker != null) worker.shutdownNow();
    }
}
