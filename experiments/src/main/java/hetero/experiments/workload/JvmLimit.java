package hetero.experiments.workload;

import hetero.experiments.sweep.Config;

import java.util.Locale;

/**
 * The {@code jvm} device runs kernels as plain Java on the host, and emulates work-groups and
 * barriers with threads: fine for tiny shapes and tests, minutes for the shapes a GPU needs to get
 * busy (a row-per-group softmax over 64 x 64 x 16 scores already takes ~0.2 s on 2 cores). Kernel
 * workloads therefore skip larger configurations on {@code jvm} with a {@code skipped:} row that
 * says so, so a sweep over {@code --devices all} keeps its large shapes for the OpenCL/PTX devices
 * and still finishes. Two caps, both system properties of the {@code lab} JVM:
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
    static final int DEFAULT_SEQ = 128;
    static final double DEFAULT_GFLOP = 0.25;

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
