package hetero.experiments.workload;

import hetero.experiments.sweep.Config;

import java.util.Locale;

/**
 * The {@code jvm} device runs kernels as plain Java on the host: {@code @Parallel} loops run
 * sequentially, and KernelContext kernels run each barrier-separated region as a loop over the
 * work-items of a group, groups in parallel on the cores (see the runtime's
 * KernelContextEmulator). That is fast enough for the default sweep's shapes up to seq 1024
 * (unfused attention at seq 1024 with 8 heads takes seconds per iteration on 2 cores), but not
 * for the largest shapes a GPU needs to get busy. Kernel workloads therefore skip larger
 * configurations on {@code jvm} with a {@code skipped:} row that says so, so a sweep over
 * {@code --devices all} keeps its large shapes for the OpenCL/PTX devices and still finishes.
 * Two caps, both system properties of the {@code lab} JVM:
 * <ul>
 * <li>{@code -Dhetero.lab.jvmMaxSeq=N}: largest seq run on jvm (default {@value #DEFAULT_SEQ}; not applied to decode-attention, whose work is linear in seq);</li>
 * <li>{@code -Dhetero.lab.jvmMaxGflop=X}: largest GFLOP per iteration run on jvm (default
 *     {@value #DEFAULT_GFLOP}; for GEMMs with a large dModel).</li>
 * </ul>
 * A skipped row counts as finished when a sweep resumes; delete it (or use a new CSV) after
 * raising a cap.
 */
final class JvmLimit {
    static final String SEQ_PROPERTY = "hetero.lab.jvmMaxSeq";
    static final String GFLOP_PROPERTY = "hetero.lab.jvmMaxGflop";
    static final int DEFAULT_SEQ = 1024;
    static final double DEFAULT_GFLOP = 4;

    private JvmLimit() {
    }

    /** Why {@code c} is too big for the jvm device, or null (other devices, or within the caps). */
    static String tooBig(Config c, double flops) {
        if (!c.device().equals("jvm")) return null;
        int maxSeq = Integer.getInteger(SEQ_PROPERTY, DEFAULT_SEQ);
        if (c.seq() > maxSeq) return "seq " + c.seq() + " exceeds the jvm device cap of " + maxSeq + " (-D" + SEQ_PROPERTY + ")";
        return tooManyFlops(c, flops);
    }

    /**
     * The GFLOP cap alone: for work linear in seq (a decode step over a KV cache), where long
     * caches are cheap enough on jvm and the seq cap would hide them.
     */
    static String tooManyFlops(Config c, double flops) {
        if (!c.device().equals("jvm")) return null;
        double maxGflop = Double.parseDouble(System.getProperty(GFLOP_PROPERTY, Double.toString(DEFAULT_GFLOP)));
        if (flops > maxGflop * 1e9) {
            return String.format(Locale.ROOT, "%.2f GFLOP per iteration exceeds the jvm device cap of %s GFLOP (-D%s)", flops / 1e9, maxGflop, GFLOP_PROPERTY);
        }
        return null;
    }
}
