package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Param;
import hetero.kernels.AttentionLaunch;
import hetero.kernels.VariantNames;
import hetero.kernels.EfficientAttentionLaunch;
import hetero.kernels.Launch;
import hetero.kernels.LinearAttention;
import hetero.model.AttentionKind;
import hetero.runtime.backend.Device;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One decode step of attention: one new query per (batch, head) over a KV cache of {@code seq}
 * past tokens, [batch, kvHeads, seq, dHead] for K and for V. This is where GQA/MQA pay off: the
 * step reads the whole cache once, and the cache shrinks by heads / kvHeads.
 *
 * <p>Variants: {@code group} (a work-group per (batch, head) splits the keys; the default) and
 * {@code loop} (one work-item per (batch, head)). Masks: {@code none}, {@code padding}
 * (validLength as in {@link AttentionWorkload#validLength}); causal does not apply to a decode step.
 *
 * <p>Costs: FLOPs = 4 batch heads seq dHead; KV-cache bytes = 2 batch kvHeads seq dHead * 4;
 * bytes moved = KV-cache bytes + q and out (2 batch heads dHead * 4), the floor for a step that
 * must read the whole cache. Accuracy: every (batch, head) row against the float64 reference
 * (sampled above {@link RowSample#MAX_ROWS} rows).
 *
 * <p>{@code attention}: {@code softmax} (the above), {@code local:W} (the step attends to the last
 * W tokens, so the cache is a ring of min(seq, W) rows, attended by the same group/loop kernels:
 * softmax over keys does not depend on their order; kv_cache_bytes = 2 batch kvHeads min(seq, W) dHead * 4, FLOPs 4 batch heads min(seq, W)
 * dHead) or {@code linear} (no cache: a state of dHead x (dHead + 1) floats per KV head that the step
 * updates with the new token's phi(k) [v, 1] and reads with phi(q); kv_cache_bytes reports that
 * state, batch kvHeads dHead (dHead + 1) * 4, whatever seq is; FLOPs 2 dHead (dHead + 1)
 * (batch kvHeads + batch heads)). For linear the state of the seq - 1 earlier tokens is built on the
 * host; the step reads it and writes a second array, so every iteration does the same work.
 */
public final class DecodeAttentionWorkload implements Workload {
    public static final String NAME = "decode-attention";
    static final List<String> VARIANTS = VariantNames.all(AttentionLaunch.DecodeVariant.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one decode step over a KV cache of seq tokens, variant " + String.join("|", VARIANTS) + "|auto, mask none|padding, MHA/GQA/MQA";
    }

    @Override
    public Set<Param> attentionAxes() {
        return Set.of(Param.ATTENTION);
    }

    /** Cached rows the step reads: seq, or the window for local attention. */
    static int cached(Config c) {
        AttentionKind kind = AttentionKind.parse(c.attention());
        return kind.type() == AttentionKind.Type.LOCAL ? Math.min(c.seq(), kind.window()) : c.seq();
    }

    /** default = group, auto = the device's tuning; null for an unknown name or an auto whose device is not here. */
    static AttentionLaunch.DecodeVariant variant(Config c, boolean log) {
        if (c.variant().equals("default")) return AttentionLaunch.DecodeVariant.GROUP;
        if (AutoVariant.is(c)) {
            AttentionLaunch.Shape s = AttentionLaunch.Shape.of(c.batch(), c.heads(), c.kvHeads(), 1, cached(c), c.dHead());
            return AutoVariant.pick(c, t -> t.decode(s, cached(c)), log ? "decode L=" + cached(c) : null);
        }
        return VariantNames.find(AttentionLaunch.DecodeVariant.class, c.variant());
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, List<String>> choices() {
        return Workload.variants(AutoVariant.with(VARIANTS));
    }

    @Override
    public String unsupported(Config c) {
        AttentionKind kind = AttentionKind.parse(c.attention());
        if (kind.type() == AttentionKind.Type.LINEAR && !c.variant().equals("default"))
            return "linear decode has one kernel pair (variant default), not '" + c.variant() + "'";
        if (kind.type() == AttentionKind.Type.LINEAR && c.mask().equals("padding")) return "a linear decode state has no padding mask (it holds only real tokens)";
        if (!AutoVariant.is(c) && variant(c, false) == null) return NAME + " has variants " + VARIANTS + ", not '" + c.variant() + "'";
        if (c.mask().equals("causal")) return "a decode step has no causal mask: the new token sees the whole cache";
        long cache = (long) c.batch() * c.kvHeads() * c.seq() * c.dHead();
        if (cache > Integer.MAX_VALUE) return "KV cache of " + cache + " floats exceeds a Java array";
        return JvmLimit.tooManyFlops(c, flops(c));   // linear in seq: only the GFLOP cap applies
    }

    static double flops(Config c) {
        int d = c.dHead();
        if (AttentionKind.parse(c.attention()).type() == AttentionKind.Type.LINEAR) {
            return 2.0 * d * (d + 1) * ((double) c.batch() * c.kvHeads() + (double) c.batch() * c.heads());
        }
        return 4.0 * c.batch() * c.heads() * cached(c) * d;
    }

    @Override
    public Trial prepare(Config c, Device device) {
        if (AttentionKind.parse(c.attention()).type() == AttentionKind.Type.LINEAR) return prepareLinear(c, device);
        int batch = c.batch(), heads = c.heads(), kvHeads = c.kvHeads(), seq = cached(c), dHead = c.dHead();
        AttentionLaunch.Shape s = AttentionLaunch.Shape.of(batch, heads, kvHeads, 1, seq, dHead);
        if (c.mask().equals("padding")) s = s.validLength(AttentionWorkload.validLength(batch, seq));
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] q = KernelTrial.random(s.qLength(), random), k = KernelTrial.random(s.kvLength(), random), v = KernelTrial.random(s.kvLength(), random);
        float[] out = new float[(int) s.qLength()];
        AttentionLaunch.DecodeVariant dv = variant(c, true);
        var launch = AttentionLaunch.decode(dv, q, k, v, out, s, seq);
        long kvBytes = 4L * 2 * s.kvLength();
        Costs costs = new Costs((long) flops(c), kvBytes + 4L * 2 * s.qLength(), Costs.NOT_APPLICABLE, Costs.NOT_APPLICABLE, kvBytes);
        int[] lengths = s.lengths();
        int group = heads / kvHeads;
        float scale = s.effectiveScale();
        return new KernelTrial(launch, device, costs, () -> RowSample.check(batch * heads, dHead, out, r -> {
            int b = r / heads, h = r % heads;
            int kvBase = (b * kvHeads + h / group) * seq * dHead;
            return AttentionReference.row(q, r * dHead, k, v, kvBase, Math.min(lengths[b], seq), dHead, scale);
        }));
    }

    /** Linear attention: the state of seq - 1 earlier tokens (built here in double), one new token, one step. */
    private Trial prepareLinear(Config c, Device device) {
        int batch = c.batch(), heads = c.heads(), kvHeads = c.kvHeads(), seq = c.seq(), dHead = c.dHead();
        AttentionLaunch.Shape one = AttentionLaunch.Shape.of(batch, heads, kvHeads, 1, 1, dHead);
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] q = KernelTrial.random(one.qLength(), random);
        float[] k = KernelTrial.random((long) batch * kvHeads * seq * dHead, random), v = KernelTrial.random(k.length, random);
        int width = dHead + 1;
        float[] stateIn = new float[batch * kvHeads * LinearAttention.stateSize(dHead)], stateOut = new float[stateIn.length];
        float[] kNew = new float[batch * kvHeads * dHead], vNew = new float[kNew.length];
        for (int bkv = 0; bkv < batch * kvHeads; bkv++) {
            int base = bkv * seq * dHead;
            double[] acc = new double[dHead * width];
            for (int j = 0; j < seq - 1; j++) {
                for (int e = 0; e < dHead; e++) {
                    double p = LinearAttention.phi(k[base + j * dHead + e]);
                    for (int f = 0; f < dHead; f++) acc[e * width + f] += p * v[base + j * dHead + f];
                    acc[e * width + dHead] += p;
                }
            }
            for (int i = 0; i < acc.length; i++) stateIn[bkv * dHead * width + i] = (float) acc[i];
            System.arraycopy(k, base + (seq - 1) * dHead, kNew, bkv * dHead, dHead);
            System.arraycopy(v, base + (seq - 1) * dHead, vNew, bkv * dHead, dHead);
        }
        float[] out = new float[(int) one.qLength()];
        Launch launch = EfficientAttentionLaunch.linearDecode(q, kNew, vNew, stateIn, stateOut, out, one, seq == 1);
        long stateBytes = EfficientAttentionLaunch.linearStateBytes(batch, kvHeads, dHead);
        Costs costs = new Costs((long) flops(c), 2 * stateBytes + 4L * (2 * one.qLength() + 2 * one.kvLength()), Costs.NOT_APPLICABLE,
                Costs.NOT_APPLICABLE, stateBytes);
        int group = heads / kvHeads;
        float scale = one.effectiveScale();
        return new KernelTrial(launch, device, costs, () -> RowSample.checkAgainstSoftmax(batch * heads, dHead, out, r -> {
            int kvBase = ((r / heads) * kvHeads + r % heads / group) * seq * dHead;
            return AttentionReference.linearRow(q, r * dHead, k, v, kvBase, seq, dHead);
        }, r -> AttentionReference.row(q, r * dHead, k, v, ((r / heads) * kvHeads + r % heads / group) * seq * dHead, seq, dHead, scale)));
    }
}
