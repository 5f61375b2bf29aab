package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.kernels.Attention;
import hetero.kernels.AttentionLaunch;
import hetero.kernels.Launch;
import hetero.kernels.SoftmaxLaunch;
import hetero.runtime.backend.Device;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Self-attention O = softmax(Q K^T / sqrt(dHead) + mask) V of one layer, Q/K/V given (no
 * projections): batch, heads, kvHeads (MHA/GQA/MQA), seqQ = seqK = seq, dHead = dModel / heads.
 *
 * <p>Variants: {@code unfused} (scores into a [batch*heads, seq, seq] buffer, row-per-group
 * softmax, P V: three kernels, O(seq^2) device memory), {@code flash} (one work-item per query row,
 * online softmax), {@code flashTiled} (K/V tiles in local memory; dHead <= 128), {@code flashStrip}
 * (K transposed once, 4 query rows per work-item with contiguous inner loops: the fast one on CPU
 * OpenCL drivers; its scratch shows in {@code device_bytes}); {@code default}
 * = flash. Masks: {@code none}, {@code causal}, {@code padding} (sequence b has
 * {@link #validLength} real keys: 3/4 of seq for even b, 1/2 for odd b).
 *
 * <p>Costs: FLOPs = 4 seq^2 dHead per (batch, head) (QK^T and PV, 2 each; softmax not counted),
 * halved for causal ({@link AttentionLaunch.Shape#flops}); for padding 4 seq validLength[b] dHead
 * per head. Bytes moved (the minimum any variant must move, so GB/s compares variants on the same
 * work): read Q, K, V and write O in float32 = 4 (2 batch heads seq dHead + 2 batch kvHeads seq
 * dHead); the unfused variant's score traffic shows in {@code device_bytes} instead.
 * Accuracy: rows sampled by {@link RowSample} against {@link Attention#reference}.
 */
public final class AttentionWorkload implements Workload {
    public static final String NAME = "attention";
    static final List<String> VARIANTS = List.of("unfused", "flash", "flashTiled", "flashStrip");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "self-attention, variant unfused|flash|flashTiled|flashStrip, mask none|causal|padding, MHA/GQA/MQA, dHead = dModel/heads";
    }

    static String variant(Config c) {
        return c.variant().equals("default") ? "flash" : c.variant();
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, List<String>> choices() {
        return Workload.variants(VARIANTS);
    }

    @Override
    public String unsupported(Config c) {
        String v = variant(c);
        if (!VARIANTS.contains(v)) return NAME + " has variants " + VARIANTS + ", not '" + c.variant() + "'";
        int dHead = c.dModel() / c.heads();
        if (v.equals("flashTiled") && dHead > Attention.MAX_HEAD_DIM) {
            return "flashTiled needs dHead <= " + Attention.MAX_HEAD_DIM + ", got " + dHead;
        }
        long scores = (long) c.batch() * c.heads() * c.seq() * c.seq();
        if (v.equals("unfused") && scores > Integer.MAX_VALUE) return "unfused score matrix of " + scores + " floats exceeds a Java array";
        return JvmLimit.tooBig(c, shape(c).flops());
    }

    /** Real keys of sequence b under the padding mask: 3/4 of seq for even b, 1/2 for odd b (at least 1). */
    static int[] validLength(int batch, int seq) {
        int[] v = new int[batch];
        for (int b = 0; b < batch; b++) v[b] = Math.max(1, b % 2 == 0 ? seq - seq / 4 : seq / 2);
        return v;
    }

    static AttentionLaunch.Shape shape(Config c) {
        AttentionLaunch.Shape s = AttentionLaunch.Shape.of(c.batch(), c.heads(), c.kvHeads(), c.seq(), c.seq(), c.dModel() / c.heads());
        return switch (c.mask()) {
            case "causal" -> s.causal(true);
            case "padding" -> s.validLength(validLength(c.batch(), c.seq()));
            default -> s;
        };
    }

    static double flops(AttentionLaunch.Shape s) {
        if (s.validLength() == null) return s.flops();
        long keys = 0;
        for (int v : s.validLength()) keys += v;
        return 4.0 * s.heads() * s.seqQ() * keys * s.dHead();
    }

    @Override
    public Trial prepare(Config c, Device device) {
        AttentionLaunch.Shape s = shape(c);
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] q = KernelTrial.random(s.qLength(), random), k = KernelTrial.random(s.kvLength(), random), v = KernelTrial.random(s.kvLength(), random);
        float[] out = new float[(int) s.qLength()];
        Launch launch = switch (variant(c)) {
            case "unfused" -> AttentionLaunch.unfused(q, k, v, out, s, SoftmaxLaunch.Variant.ROW_PER_GROUP);
            case "flashTiled" -> AttentionLaunch.flashTiled(q, k, v, out, s);
            case "flashStrip" -> AttentionLaunch.flashStrip(q, k, v, out, s);
            default -> AttentionLaunch.flash(q, k, v, out, s);
        };
        long bytes = 4L * (2 * s.qLength() + 2 * s.kvLength());
        Costs costs = Costs.ofWork((long) flops(s), bytes);
        int[] lengths = s.lengths();
        int seq = s.seqQ(), dHead = s.dHead(), heads = s.heads(), group = heads / s.kvHeads();
        float scale = s.effectiveScale();
        return new KernelTrial(launch, device, costs, () -> RowSample.check(s.batch() * heads * seq, dHead, out, r -> {
            int b = r / (heads * seq), h = r / seq % heads, i = r % seq;
            int kvBase = (b * s.kvHeads() + h / group) * seq * dHead;
            int keys = Attention.visibleKeys(lengths[b], i, seq, seq, s.causal() ? 1 : 0);
            return AttentionReference.row(q, r * dHead, k, v, kvBase, keys, dHead, scale);
        }));
    }
}
