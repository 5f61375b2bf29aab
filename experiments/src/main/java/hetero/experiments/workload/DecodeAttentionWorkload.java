package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.kernels.AttentionLaunch;
import hetero.runtime.backend.Device;

import java.util.List;
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
 */
public final class DecodeAttentionWorkload implements Workload {
    public static final String NAME = "decode-attention";
    static final List<String> VARIANTS = List.of("group", "loop");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one decode step over a KV cache of seq tokens, variant group|loop, mask none|padding, MHA/GQA/MQA";
    }

    static String variant(Config c) {
        return c.variant().equals("default") ? "group" : c.variant();
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, List<String>> choices() {
        return Workload.variants(VARIANTS);
    }

    @Override
    public String unsupported(Config c) {
        if (!VARIANTS.contains(variant(c))) return NAME + " has variants " + VARIANTS + ", not '" + c.variant() + "'";
        if (c.mask().equals("causal")) return "a decode step has no causal mask: the new token sees the whole cache";
        long cache = (long) c.batch() * c.kvHeads() * c.seq() * (c.dModel() / c.heads());
        if (cache > Integer.MAX_VALUE) return "KV cache of " + cache + " floats exceeds a Java array";
        return JvmLimit.tooManyFlops(c, flops(c));   // linear in seq: only the GFLOP cap applies
    }

    static double flops(Config c) {
        return 4.0 * c.batch() * c.heads() * c.seq() * (c.dModel() / c.heads());
    }

    @Override
    public Trial prepare(Config c, Device device) {
        int batch = c.batch(), heads = c.heads(), kvHeads = c.kvHeads(), seq = c.seq(), dHead = c.dModel() / heads;
        AttentionLaunch.Shape s = AttentionLaunch.Shape.of(batch, heads, kvHeads, 1, seq, dHead);
        if (c.mask().equals("padding")) s = s.validLength(AttentionWorkload.validLength(batch, seq));
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] q = KernelTrial.random(s.qLength(), random), k = KernelTrial.random(s.kvLength(), random), v = KernelTrial.random(s.kvLength(), random);
        float[] out = new float[(int) s.qLength()];
        AttentionLaunch.DecodeVariant dv = variant(c).equals("loop") ? AttentionLaunch.DecodeVariant.LOOP : AttentionLaunch.DecodeVariant.GROUP;
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
}
