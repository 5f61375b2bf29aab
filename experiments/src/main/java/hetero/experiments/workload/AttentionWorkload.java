package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Param;
import hetero.kernels.Attention;
import hetero.kernels.AttentionLaunch;
import hetero.kernels.AttentionLaunch.Scoring;
import hetero.kernels.EfficientAttentionLaunch;
import hetero.kernels.Launch;
import hetero.kernels.LinearAttention;
import hetero.kernels.VariantNames;
import hetero.model.AttentionKind;
import hetero.runtime.backend.Device;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Self-attention of one layer, Q/K/V given (no projections): batch, heads, kvHeads (MHA/GQA/MQA),
 * seqQ = seqK = seq, dHead ({@link Config#dHead()}).
 *
 * <p>Axes. {@code attention}: {@code softmax} (exact), {@code linear} (phi = elu + 1, O(seq)) or
 * {@code local:W} (softmax over a sliding window of W keys; causal: the W keys up to the query,
 * bidirectional: W - 1 on each side). {@code scoring} (softmax and local): {@code dot}
 * (scale 1/sqrt(dHead)), {@code cosine} (scale 1/sqrt(dHead) as inverse temperature) or
 * {@code additive} (vAtt . tanh(W q + U k), dAtt = dHead, softmax/unfused only); linear attention
 * has no scoring (dot only). Softmax variants: {@code unfused} (scores into a [batch*heads, seq, seq]
 * buffer, row-per-group softmax, P V: O(seq^2) device memory), {@code flash} (one work-item per
 * query row, online softmax), {@code flashTiled} (K/V tiles in local memory; dHead <= 128),
 * {@code flashStrip} (K transposed, 4 query rows per work-item: the fast one on CPU OpenCL; dot
 * only), and any other {@link AttentionLaunch.Variant} by its {@link VariantNames} name; {@code default} = flash,
 * {@code auto} = the device's tuning ({@link AutoVariant}) among the variants that can run the shape. Linear and local have one kernel each (variant {@code default}).
 * Masks: {@code none}, {@code causal}, {@code padding} (sequence b has {@link #validLength} real
 * keys: 3/4 of seq for even b, 1/2 for odd b).
 *
 * <p>Costs (FLOPs, an FMA = 2; exp, tanh and divisions not counted), per (batch, head) with n_i the
 * keys query i sees: softmax 4 seq^2 dHead (QK^T and PV), halved for causal, 4 seq validLength[b]
 * dHead for padding; local 4 dHead sum_i n_i over the window's keys; linear 2 dHead (dHead + 1) (valid keys, per
 * KV head: the state) + 2 dHead (dHead + 1) seq (every query reads it) + causal 4 dHead
 * sum_i (n_i mod 64) (keys after the chunk boundary). Bytes moved: read Q, K, V and write O in
 * float32 = 4 (2 batch heads seq dHead + 2 batch kvHeads seq dHead); scratch (scores, states) shows
 * in {@code device_bytes}. Accuracy: rows sampled by {@link RowSample} against the float64
 * reference of the same method; for linear and local, {@code diff_vs_softmax} is the distance of
 * those rows from exact softmax attention (dot scoring for linear, the same scoring for local) on
 * the same inputs and mask.
 *
 * <p>jvm: softmax follows the seq and GFLOP caps of {@link JvmLimit}; linear and local (work
 * linear in seq) only the GFLOP cap.
 */
public final class AttentionWorkload implements Workload {
    public static final String NAME = "attention";
    static final List<String> VARIANTS = VariantNames.all(AttentionLaunch.Variant.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "self-attention, attention softmax|linear|local:W, variant " + String.join("|", VARIANTS) + "|auto, scoring dot|cosine|additive, "
                + "mask none|causal|padding, MHA/GQA/MQA";
    }

    @Override
    public Set<Param> attentionAxes() {
        return Set.of(Param.ATTENTION, Param.SCORING);
    }

    /** default = flash, auto = the device's tuning; null for an unknown name or an auto whose device is not here. */
    static AttentionLaunch.Variant variant(Config c, boolean log) {
        if (c.variant().equals("default")) return AttentionLaunch.Variant.FLASH;
        if (AutoVariant.is(c)) return AutoVariant.pick(c, t -> t.attention(shape(c)), log ? "attention " + shape(c) : null);
        return VariantNames.find(AttentionLaunch.Variant.class, c.variant());
    }

    static AttentionKind kind(Config c) {
        return AttentionKind.parse(c.attention());
    }

    static Scoring scoring(Config c) {
        return Scoring.valueOf(c.scoring().toUpperCase(Locale.ROOT));
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, List<String>> choices() {
        return Workload.variants(AutoVariant.with(VARIANTS));
    }

    @Override
    public String unsupported(Config c) {
        AttentionKind kind = kind(c);
        Scoring scoring = scoring(c);
        if (kind.type() != AttentionKind.Type.SOFTMAX) {
            if (!c.variant().equals("default")) return kind + " attention has one kernel (variant default), not '" + c.variant() + "'";
            if (kind.type() == AttentionKind.Type.LINEAR && scoring != Scoring.DOT) return "linear attention has no scoring choice (the feature map replaces it)";
            if (scoring == Scoring.ADDITIVE) return "additive scoring exists for softmax attention (variant unfused) only";
            return JvmLimit.tooManyFlops(c, flops(c, shape(c)));
        }
        boolean auto = AutoVariant.is(c);
        AttentionLaunch.Variant v = auto ? null : variant(c, false);
        if (!auto && v == null) return NAME + " has variants " + VARIANTS + ", not '" + c.variant() + "'";
        if (scoring == Scoring.ADDITIVE) {
            if (v != AttentionLaunch.Variant.UNFUSED) return "additive scoring runs with variant unfused only";
        } else if (v != null && AttentionLaunch.unsupported(v, shape(c)) != null) {
            return AttentionLaunch.unsupported(v, shape(c));
        }
        long scores = (long) c.batch() * c.heads() * c.seq() * c.seq();
        if ((auto || v == AttentionLaunch.Variant.UNFUSED) && scores > Integer.MAX_VALUE) return "unfused score matrix of " + scores + " floats exceeds a Java array";
        return JvmLimit.tooBig(c, flops(c, shape(c)));
    }

    /** Real keys of sequence b under the padding mask: 3/4 of seq for even b, 1/2 for odd b (at least 1). */
    static int[] validLength(int batch, int seq) {
        int[] v = new int[batch];
        for (int b = 0; b < batch; b++) v[b] = Math.max(1, b % 2 == 0 ? seq - seq / 4 : seq / 2);
        return v;
    }

    static AttentionLaunch.Shape shape(Config c) {
        AttentionLaunch.Shape s = AttentionLaunch.Shape.of(c.batch(), c.heads(), c.kvHeads(), c.seq(), c.seq(), c.dHead()).scoring(scoring(c));
        return switch (c.mask()) {
            case "causal" -> s.causal(true);
            case "padding" -> s.validLength(validLength(c.batch(), c.seq()));
            default -> s;
        };
    }

    /** The keys query row i of sequence b sees: {lo, hi}. */
    static int[] keyRange(AttentionKind kind, AttentionLaunch.Shape s, int[] lengths, int b, int i) {
        if (kind.type() == AttentionKind.Type.LOCAL) return AttentionReference.window(lengths[b], i, s.seqQ(), s.seqK(), kind.window(), s.causal());
        return new int[] {0, Attention.visibleKeys(lengths[b], i, s.seqQ(), s.seqK(), s.causal() ? 1 : 0)};
    }

    /** Softmax attention: 4 seq keys dHead per head, halved for causal (as {@link AttentionLaunch.Shape#flops}), or the padded keys. */
    static double flops(AttentionLaunch.Shape s) {
        if (s.validLength() == null) return s.flops();
        long keys = 0;
        for (int v : s.validLength()) keys += v;
        return 4.0 * s.heads() * s.seqQ() * keys * s.dHead();
    }

    static double flops(Config c, AttentionLaunch.Shape s) {
        AttentionKind kind = kind(c);
        if (kind.type() == AttentionKind.Type.SOFTMAX) return flops(s);
        int[] lengths = s.lengths();
        int d = s.dHead();
        double perHead = 0;
        for (int b = 0; b < s.batch(); b++) {
            for (int i = 0; i < s.seqQ(); i++) {
                int[] r = keyRange(kind, s, lengths, b, i);
                int keys = Math.max(0, r[1] - r[0]);
                perHead += kind.type() == AttentionKind.Type.LINEAR
                        ? 2.0 * d * (d + 1) + (s.causal() ? 4.0 * d * (keys % LinearAttention.CHUNK) : 0)
                        : 4.0 * d * keys;
            }
        }
        double total = perHead * s.heads();
        if (kind.type() == AttentionKind.Type.LINEAR) {
            for (int b = 0; b < s.batch(); b++) total += 2.0 * d * (d + 1) * Math.min(lengths[b], s.seqK()) * s.kvHeads();
        }
        return total;
    }

    @Override
    public Trial prepare(Config c, Device device) {
        AttentionLaunch.Shape s = shape(c);
        AttentionKind kind = kind(c);
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] q = KernelTrial.random(s.qLength(), random), k = KernelTrial.random(s.kvLength(), random), v = KernelTrial.random(s.kvLength(), random);
        float[] out = new float[(int) s.qLength()];
        int dHead = s.dHead();
        float[] w = null, u = null, vAtt = null;
        Launch launch;
        if (kind.type() == AttentionKind.Type.LINEAR) {
            launch = EfficientAttentionLaunch.linear(q, k, v, out, s);
        } else if (kind.type() == AttentionKind.Type.LOCAL) {
            launch = EfficientAttentionLaunch.local(q, k, v, out, s, kind.window());
        } else if (s.scoring() == Scoring.ADDITIVE) {
            w = KernelTrial.random((long) dHead * dHead, random);
            u = KernelTrial.random((long) dHead * dHead, random);
            vAtt = KernelTrial.random(dHead, random);
            launch = AttentionLaunch.unfusedAdditive(q, k, v, w, u, vAtt, out, s, dHead);
        } else {
            launch = AttentionLaunch.of(variant(c, true), q, k, v, out, s);
        }
        long bytes = 4L * (2 * s.qLength() + 2 * s.kvLength());
        Costs costs = Costs.ofWork((long) flops(c, s), bytes);
        int[] lengths = s.lengths();
        int seq = s.seqQ(), heads = s.heads(), group = heads / s.kvHeads();
        float scale = s.effectiveScale();
        int mode = s.scoring() == Scoring.COSINE ? Attention.COSINE : Attention.DOT;
        float[] fw = w, fu = u, fvAtt = vAtt;
        // Row r = (b * heads + h) * seq + i; its KV block and key range.
        IntFunction<int[]> where = r -> {
            int b = r / (heads * seq), h = r / seq % heads, i = r % seq;
            int[] range = keyRange(kind, s, lengths, b, i);
            int visible = Attention.visibleKeys(lengths[b], i, seq, seq, s.causal() ? 1 : 0);
            return new int[] {(b * s.kvHeads() + h / group) * seq * dHead, range[0], range[1], visible};
        };
        IntFunction<float[]> exact = r -> {
            int[] x = where.apply(r);
            return fw != null ? AttentionReference.additiveRow(q, r * dHead, k, v, x[0], x[3], dHead, fw, fu, fvAtt)
                    : AttentionReference.softmaxRow(q, r * dHead, k, v, x[0], 0, x[3], dHead, scale, mode);
        };
        IntFunction<float[]> reference = switch (kind.type()) {
            case SOFTMAX -> exact;
            case LINEAR -> r -> {
                int[] x = where.apply(r);
                return AttentionReference.linearRow(q, r * dHead, k, v, x[0], x[3], dHead);
            };
            case LOCAL -> r -> {
                int[] x = where.apply(r);
                return AttentionReference.softmaxRow(q, r * dHead, k, v, x[0], x[1], x[2], dHead, scale, mode);
            };
        };
        int rows = s.batch() * heads * seq;
        return new KernelTrial(launch, device, costs, () -> kind.type() == AttentionKind.Type.SOFTMAX
                ? RowSample.check(rows, dHead, out, reference)
                : RowSample.checkAgainstSoftmax(rows, dHead, out, reference, exact));
    }
}
