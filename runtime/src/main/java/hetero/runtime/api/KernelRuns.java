package hetero.runtime.api;

import hetero.runtime.backend.Backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts kernel launches per device id, so a test run can prove which backends it exercised
 * (a suite that silently ran on {@code jvm} alone looks green otherwise).
 *
 * <p>When the system property {@value #FILE_PROPERTY} names a file (the build sets it for every
 * test JVM to {@code target/backend-runs.txt}), the counts are appended to it when the JVM exits,
 * one line per device ({@code run<TAB>opencl:0:0<TAB>1204}) and one per unavailable backend
 * ({@code unavailable<TAB>ptx<TAB>reason}). {@code scripts/test} adds up these files.
 */
public final class KernelRuns {
    public static final String FILE_PROPERTY = "hetero.kernelRuns.file";
    private static final Map<String, LongAdder> RUNS = new ConcurrentHashMap<>();

    static {
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null && !file.isBlank()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> append(Path.of(file)), "kernel-runs-report"));
        }
    }

    private KernelRuns() {
    }

    /** One launch of one kernel on {@code deviceId}. */
    static void record(String deviceId) {
        RUNS.computeIfAbsent(deviceId, k -> new LongAdder()).increment();
    }

    /** Launches so far in this JVM, by device id. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        RUNS.forEach((id, n) -> out.put(id, n.sum()));
        return out;
    }

    /** The report lines: launches per device, then every backend that is unavailable here and why. */
    public static String report() {
        StringBuilder sb = new StringBuilder();
        snapshot().forEach((id, n) -> sb.append("run\t").append(id).append('\t').append(n).append('\n'));
        for (Backend b : Devices.backends()) {
            if (!b.available()) sb.append("unavailable\t").append(b.name()).append('\t')
                    .append(String.valueOf(b.unavailableReason()).replace('\n', ' ').replace('\t', ' ')).append('\n');
        }
        return sb.toString();
    }

    private static void append(Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, report(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: cannot write kernel-run counts to " + file + ": " + e);
        }
    }
}
