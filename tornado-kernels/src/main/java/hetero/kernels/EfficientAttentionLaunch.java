package hetero.kernels;

import hetero.kernels.AttentionLaunch.Scoring;
import hetero.kernels.AttentionLaunch.Shape;
import hetero.runtime.kernel.WorkerGrid;

/**
 * Shape-checked launches of the sub-quadratic attention kernels: {@link LinearAttention} and
 * {@link LocalAttention}. Shapes, masks and layouts are {@link AttentionLaunch.Shape}'s; every
 * method validates before it builds anything.
 */
public final class EfficientAttentionLaunch {
    private EfficientAttentionLaunch() {
    }

    private static void requireDot(Shape s, String what) {
        if (s.scoring() != Scoring.DOT) {
            throw new IllegalArgumentException(what + " has no scoring choice (the feature map phi replaces the dot product and the scale), got "
                    + s.scoring().name().toLowerCase());
        }
    }

    /**
     * Linear attention. phi(Q) and phi(K) first (scratch of their size). Non-causal: the state S|z per
     * KV head, then every query reads it (scratch batch*kvHeads*dHead*(dHead+1)). Causal: prefix states
     * every CHUNK keys, then each query adds the keys after its chunk boundary (scratch (chunks + 1)
     * times the state).
     */
    public static Launch linear(float[] q, float[] k, float[] v, float[] out, Shape s) {
        AttentionLaunch.check(q, k, v, out, s);
        requireDot(s, "linear attention");
        int[] lengths = s.lengths();
        int batch = s.batch(), heads = s.heads(), kvHeads = s.kvHeads(), seqQ = s.seqQ(), seqK = s.seqK(), dHead = s.dHead();
        int batchHeads = batch * heads, batchKv = batch * kvHeads;
        WorkerGrid rowsOfState = WorkerGrid.of2D(dHead, batchKv);
        WorkerGrid rowGrid = WorkerGrid.of2D(seqQ, batchHeads);
        float[] phiQ = new float[q.length], phiK = new float[k.length];
        Launch l = new Launch("linear attention " + s).inputs(q, k, v, lengths).outputs(out).scratch(phiQ, phiK)
                .step("phiQ", (g, id) -> g.task(id, LinearAttention::featureMap, q, phiQ, q.length), WorkerGrid.of1D(q.length))
                .step("phiK", (g, id) -> g.task(id, LinearAttention::featureMap, k, phiK, k.length), WorkerGrid.of1D(k.length));
        if (!s.causal()) {
            float[] state = new float[Math.toIntExact((long) batchKv * LinearAttention.stateSize(dHead))];
            return l.scratch(state)
                    .step("state", (g, id) -> g.task(id, LinearAttention::state, phiK, v, lengths, state, batchKv, kvHeads, seqK, dHead),
                            rowsOfState, "kvHeads", "dHead")
                    .step("apply", (g, id) -> g.task(id, LinearAttention::apply, phiQ, state, out, batchHeads, heads, kvHeads, seqQ, dHead),
                            rowGrid, "heads", "kvHeads", "dHead");
        }
        float[] prefix = new float[Math.toIntExact((long) batchKv * (LinearAttention.chunks(seqK) + 1) * LinearAttention.stateSize(dHead))];
        return l.scratch(prefix)
                .step("prefix", (g, id) -> g.task(id, LinearAttention::prefixStates, phiK, v, prefix, batchKv, seqK, dHead), rowsOfState, "dHead")
                .step("apply", (g, id) -> g.task(id, LinearAttention::applyCausal, phiQ, phiK, v, prefix, lengths, out, batchHeads, heads, kvHeads,
                        seqQ, seqK, dHead), rowGrid, "heads", "kvHeads", "dHead");
    }

    /** Bytes of the linear-attention state a decoder keeps per layer: batch * kvHeads * dHead * (dHead + 1) * 4, whatever the length. */
    public static long linearStateBytes(int batch, int kvHeads, int dHead) {
        return (long) batch * kvHeads * LinearAttention.stateSize(dHead) * Float.BYTES;
    }

    /**
     * One linear-attention decode step: stateOut = stateIn + the new token's kNew, vNew
     * ([batch, kvHeads, dHead]); then out = phi(q) S / phi(q) z for q [batch, heads, dHead], read from
     * stateOut. States are [batch*kvHeads, dHead, dHead+1]; pass the same array twice to update in
     * place (a decoder keeps it on the device between steps). {@code reset} starts from an empty
     * state (a sequence's first token); the update task's {@value #RESET_PARAMETER} argument can be
     * moved between executions by name. Shape.seqQ and seqK must be 1.
     */
    public static Launch linearDecode(float[] q, float[] kNew, float[] vNew, float[] stateIn, float[] stateOut, float[] out, Shape s, boolean reset) {
        if (s.seqQ() != 1 || s.seqK() != 1) throw new IllegalArgumentException("a linear decode step takes one token: seqQ and seqK must be 1, got " + s.seqQ() + " and " + s.seqK());
        AttentionLaunch.check(q, kNew, vNew, out, s);
        requireDot(s, "linear attention");
        int batchKv = s.batch() * s.kvHeads(), batchHeads = s.batch() * s.heads(), heads = s.heads(), kvHeads = s.kvHeads(), dHead = s.dHead();
        Shapes.length("stateIn", stateIn, (long) batchKv * LinearAttention.stateSize(dHead), "batch*kvHeads*dHead*(dHead+1)");
        Shapes.length("stateOut", stateOut, (long) batchKv * LinearAttention.stateSize(dHead), "batch*kvHeads*dHead*(dHead+1)");
        int r = reset ? 1 : 0;
        float[] phiQ = new float[q.length];
        return new Launch("linear attention decode " + s).inputs(q, kNew, vNew, stateIn).outputs(out, stateOut).scratch(phiQ)
                .step("phiQ", (g, id) -> g.task(id, LinearAttention::featureMap, q, phiQ, q.length), WorkerGrid.of1D(q.length))
                .step("update", (g, id) -> g.task(id, LinearAttention::decodeUpdate, kNew, vNew, stateIn, stateOut, batchKv, dHead, r),
                        WorkerGrid.of3D(dHead + 1, dHead, batchKv), "dHead")
                .step("apply", (g, id) -> g.task(id, LinearAttention::apply, phiQ, stateOut, out, batchHeads, heads, kvHeads, 1, dHead),
                        WorkerGrid.of2D(1, batchHeads), "heads", "kvHeads", "dHead");
    }

    /** The decode update kernel's restart flag, moved between steps by name. */
    public static final String RESET_PARAMETER = "reset";

    /** Fused sliding-window attention (see {@link LocalAttention} for the window). DOT or COSINE. */
    public static Launch local(float[] q, float[] k, float[] v, float[] out, Shape s, int window) {
        AttentionLaunch.check(q, k, v, out, s);
        Shapes.positive("window", window);
        int mode = s.scoreMode();
        int[] lengths = s.lengths();
        float scale = s.effectiveScale();
        int batch = s.batch(), heads = s.heads(), kvHeads = s.kvHeads(), seqQ = s.seqQ(), seqK = s.seqK(), dHead = s.dHead(), causal = s.causalFlag();
        return new Launch("local attention W=" + window + " " + s).inputs(q, k, v, lengths).outputs(out)
                .step("local", (g, id) -> g.task(id, LocalAttention::flash, q, k, v, lengths, out, batch, heads, kvHeads, seqQ, seqK, dHead, scale,
                        window, causal, mode), WorkerGrid.of2D(seqQ, (long) batch * heads), "heads", "kvHeads", "dHead", "causal", "scoreMode");
    }

    /**
     * One sliding-window decode step over a KV cache (as {@link AttentionLaunch#decode}: Shape.seqQ = 1,
     * Shape.seqK = capacity, first {@code length} rows filled): the new token sees the last W keys.
     */
    public static Launch localDecode(float[] q, float[] kCache, float[] vCache, float[] out, Shape s, int length, int window) {
        if (s.seqQ() != 1) throw new IllegalArgumentException("a decode step has one query per head: seqQ must be 1, got " + s.seqQ());
        AttentionLaunch.check(q, kCache, vCache, out, s);
        Shapes.positive("window", window);
        if (length < 0 || length > s.seqK()) throw new IllegalArgumentException("length " + length + " is outside 0..capacity (" + s.seqK() + ")");
        int mode = s.scoreMode();
        int[] lengths = s.lengths();
        float scale = s.effectiveScale();
        int batch = s.batch(), heads = s.heads(), kvHeads = s.kvHeads(), capacity = s.seqK(), dHead = s.dHead();
        return new Launch("local attention decode W=" + window + " L=" + length + " " + s).inputs(q, kCache, vCache, lengths).outputs(out)
                .step("decode", (g, id) -> g.task(id, LocalAttention::decode, q, kCache, vCache, lengths, out, batch, heads, kvHeads, length, capacity,
                        dHead, scale, window, mode), WorkerGrid.of1D((long) batch * heads), "heads", "kvHeads", "dHead", "scoreMode");
    }
}
