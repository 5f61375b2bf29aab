package hetero.kernels.tuning;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.NormLaunch;
import hetero.kernels.tuning.TuningFile.Entry;
import hetero.kernels.tuning.TuningFile.Op;
import hetero.runtime.backend.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which kernel variant to use on a device for a problem of a given shape: the choice {@code lab tune} measured and wrote
 * to the device's tuning file ({@link TuningFile}), or, where there is none, a default per device kind
 * ({@link #fallback}). The model's default {@code ForwardOptions} and the sweep's {@code variant = auto} ask here.
 *
 * <p>The file is {@code <dir>/<device id, ':' replaced by '-'>.csv}, {@code <dir>} being the system property
 * {@value #DIR_PROPERTY}, else the environment variable {@value #DIR_ENV}, else {@code results/tuning} in the working
 * directory or the nearest parent directory that has one. A present but malformed file is an error
 * ({@link TuningFileException}), never silently ignored.
 *
 * <p>A problem uses the family of its operation whose work ({@code flops}) is nearest on a log scale (for attention:
 * among the families with the same causal mask, where there are any); within it the chosen row, then the other ok rows
 * by time ({@link Entry#bestMs()}), skipping variants that cannot run the problem (flashTiled above its head width, ...). If no measured
 * variant can, the device kind's default is used.
 */
public final class Tuning {
    public static final String DIR_PROPERTY = "hetero.tuning.dir";
    public static final String DIR_ENV = "HETERO_TUNING_DIR";

    private final Device device;
    private final List<Entry> entries;
    private final Path file;

    private Tuning(Device device, List<Entry> entries, Path file) {
        this.device = device;
        this.entries = entries;
        this.file = file;
    }

    /** The device's tuning file if there is one (read and checked now), else its kind's defaults. */
    public static Tuning forDevice(Device device) {
        Path f = fileFor(device.id());
        return Files.isRegularFile(f) ? of(device, f) : fallbackOnly(device);
    }

    /** The tuning in {@code file} for {@code device}. */
    public static Tuning of(Device device, Path file) {
        return new Tuning(device, TuningFile.read(file), file);
    }

    /** The device kind's defaults alone, whatever files exist. */
    public static Tuning fallbackOnly(Device device) {
        return new Tuning(device, List.of(), null);
    }

    /** Where the tuning files are looked for (the directory may not exist). */
    public static Path directory() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) dir = System.getenv(DIR_ENV);
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("results/tuning"))) return p.resolve("results/tuning");
        }
        return here.resolve("results/tuning");
    }

    /** {@code opencl:0:0} -> {@code <directory>/opencl-0-0.csv}. */
    public static Path fileFor(String deviceId) {
        return directory().resolve(fileName(deviceId));
    }

    public static String fileName(String deviceId) {
        return deviceId.replace(':', '-') + ".csv";
    }

    /** The file these choices come from, empty when they are the device kind's defaults. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** "results/tuning/opencl-0-0.csv" or "defaults for CPU devices (no tuning file ...)", for logs and messages. */
    public String source() {
        return file != null ? file.toString() : "defaults for " + kind(device) + " (no tuning file " + fileFor(device.id()) + ")";
    }

    public Device device() {
        return device;
    }

    public List<Entry> entries() {
        return entries;
    }

    // ---- what the tuner measures and the families are matched by ----

    /** 2 m n k. */
    public static double gemmFlops(int m, int n, int k) {
        return GemmLaunch.flops(m, n, k);
    }

    /** 4 seqQ seqK dHead per (batch, head), halved for causal. */
    public static double attentionFlops(AttentionLaunch.Shape s) {
        return s.flops();
    }

    /** 4 L dHead per (batch, head) over a cache of length L. */
    public static double decodeFlops(AttentionLaunch.Shape s, int length) {
        return 4.0 * s.batch() * s.heads() * length * s.dHead();
    }

    /** About 8 operations per element (mean, variance, normalize, scale and shift). */
    public static double normFlops(int rows, int cols) {
        return 8.0 * rows * cols;
    }

    // ---- choices ----

    /** The GEMM variant for C[m x n] = A[m x k] B. */
    public GemmLaunch.Variant gemm(int m, int n, int k) {
        return choose(Op.GEMM, GemmLaunch.Variant.class, gemmFlops(m, n, k), false, v -> true);
    }

    /** The full-sequence attention variant for this shape, one that can run it. */
    public AttentionLaunch.Variant attention(AttentionLaunch.Shape s) {
        return choose(Op.ATTENTION, AttentionLaunch.Variant.class, attentionFlops(s), s.causal(), v -> AttentionLaunch.unsupported(v, s) == null);
    }

    /** The decode variant for one step over {@code length} cached positions. */
    public AttentionLaunch.DecodeVariant decode(AttentionLaunch.Shape s, int length) {
        return choose(Op.DECODE, AttentionLaunch.DecodeVariant.class, decodeFlops(s, length), false, v -> true);
    }

    /** The LayerNorm variant for rows x cols. */
    public NormLaunch.Variant norm(int rows, int cols) {
        return choose(Op.NORM, NormLaunch.Variant.class, normFlops(rows, cols), false, v -> true);
    }

    private <E extends Enum<E>> E choose(Op op, Class<E> type, double flops, boolean causal, Predicate<E> usable) {
        List<Entry> ofOp = entries.stream().filter(e -> e.op() == op && e.ok()).toList();
        if (ofOp.stream().anyMatch(e -> e.causal() == causal)) ofOp = ofOp.stream().filter(e -> e.causal() == causal).toList();
        Optional<Entry> nearest = ofOp.stream().min(Comparator.comparingDouble(e -> Math.abs(Math.log(e.flops() / flops))));
        if (nearest.isPresent()) {
            Entry n = nearest.get();
            Optional<E> pick = ofOp.stream()
                    .filter(e -> e.family().equals(n.family()) && e.causal() == n.causal())
                    .sorted(Comparator.comparing((Entry e) -> !e.chosen()).thenComparingDouble(Entry::bestMs))
                    .map(e -> type.cast(e.variant()))
                    .filter(usable)
                    .findFirst();
            if (pick.isPresent()) return pick.get();
        }
        E f = type.cast(fallback(op, device));
        if (usable.test(f)) return f;
        for (E e : type.getEnumConstants()) if (usable.test(e)) return e;
        throw new IllegalArgumentException("no " + op.label() + " variant of the library can run this problem");
    }

    /** "the jvm backend", "CPU devices", "GPU devices". */
    public static String kind(Device d) {
        if (d.backend().equals("jvm")) return "the jvm backend";
        return isCpu(d) ? "CPU devices" : "GPU devices";
    }

    private static boolean isCpu(Device d) {
        return "CPU".equalsIgnoreCase(d.type());
    }

    /**
     * The default per device kind where no tuning file exists, from {@code lab tune} on this project's machine
     * (results/tuning/opencl-0-0.csv and jvm.csv; README, "Kernel tuning"): on PoCL and on the jvm backend the strip
     * GEMM, flashStrip attention (at seq 1024; flash wins at 128 on jvm), the loop decode and the row-per-item LayerNorm
     * (at 2048 rows) were fastest. GPUs get the local-memory kernels written for them (tiled, flashTiled, work-group
     * decode and LayerNorm), the fixed combination the model used before tuning.
     */
    public static Enum<?> fallback(Op op, Device d) {
        boolean cpuLike = d.backend().equals("jvm") || isCpu(d);
        return switch (op) {
            case GEMM -> cpuLike ? GemmLaunch.Variant.STRIP : GemmLaunch.Variant.TILED;
            case ATTENTION -> cpuLike ? AttentionLaunch.Variant.FLASH_STRIP : AttentionLaunch.Variant.FLASH_TILED;
            case DECODE -> cpuLike ? AttentionLaunch.DecodeVariant.LOOP : AttentionLaunch.DecodeVariant.GROUP;
            case NORM -> cpuLike ? NormLaunch.Variant.ROW : NormLaunch.Variant.GROUP;
        };
    }
}
