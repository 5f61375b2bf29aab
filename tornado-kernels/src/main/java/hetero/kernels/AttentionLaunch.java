package hetero.kernels;

import hetero.runtime.api.KernelContext;
import hetero.runtime.kernel.WorkerGrid;

import java.util.Arrays;

/**
 * Shape-checked attention launches. Every method validates the shape and array lengths (see
 * {@link Attention} for the layout and mask conventions) before it builds anything.
 */
public final class AttentionLaunch {
    public enum Scoring { DOT, COSINE, ADDITIVE }

    /**
     * The problem: batch, heads, kvHeads, seqQ, seqK, dHead, the masks and the scoring.
     * validLength null means every key is real. scale NaN means 1/sqrt(dHead).
     */
    public record Shape(int batch, int heads, int kvHeads, int seqQ, int seqK, int dHead, boolean causal, int[] validLength,
                        Scoring scoring, float scale) {
        public static Shape of(int batch, int heads, int kvHeads, int seqQ, int seqK, int dHead) {
            return new Shape(batch, heads, kvHeads, seqQ, seqK, dHead, false, null, Scoring.DOT, Float.NaN);
        }

        public Shape causal(boolean c) { return new Shape(batch, heads, kvHeads, seqQ, seqK, dHead, c, validLength, scoring, scale); }

        public Shape validLength(int[] v) { return new Shape(batch, heads, kvHeads, seqQ, seqK, dHead, causal, v, scoring, scale); }

        public Shape scoring(Scoring s) { return new Shape(batch, heads, kvHeads, seqQ, seqK, dHead, causal, validLength, s, scale); }

        public Shape scale(float s) { return new Shape(batch, heads, kvHeads, seqQ, seqK, dHead, causal, validLength, scoring, s); }

        public float effectiveScale() {
            return Float.isNaN(scale) ? (float) (1.0 / Math.sqrt(dHead)) : scale;
        }

        /** validLength, or seqK for every sequence. */
        public int[] lengths() {
            if (validLength != null) return validLength;
            int[] all = new int[batch];
            Arrays.fill(all, seqK);
            return all;
        }

        int causalFlag() { return causal ? 1 : 0; }

        int scoreMode() {
            return switch (scoring) {
                case DOT -> Attention.DOT;
                case COSINE -> Attention.COSINE;
                case ADDITIVE -> throw new IllegalArgumentException("additive scoring needs W, U and vAtt: use AttentionLaunch.unfusedAdditive");
            };
        }

        public long qLength() { return (long) batch * heads * seqQ * dHead; }

        public long kvLength() { return (long) batch * kvHeads * seqK * dHead; }

        /** Forward FLOPs, DOT scoring: 4 seqQ seqK dHead per head (QK^T and PV, 2 each), about halved by the causal mask. */
        public double flops() {
            double full = 4.0 * batch * heads * seqQ * seqK * dHead;
            return causal ? full / 2 : full;
        }

        @Override
        public String toString() {
            return "batch=" + batch + " heads=" + heads + " kvHeads=" + kvHeads + " seqQ=" + seqQ + " seqK=" + seqK + " dHead=" + dHead
                    + (causal ? " causal" : "") + (validLength != null ? " padded" : "") + " " + scoring.name().toLowerCase();
        }
    }

    /**
     * The full-sequence (softmax) attention kernels, one constant per launcher below; {@link #of} dispatches on it, so
     * the model, the sweep and {@code lab tune} reach a new variant once it is listed here and in {@link #of}.
     */
    public enum Variant {
        /** Scores, row-per-group softmax, P V: O(seqQ seqK) scratch. */
        UNFUSED,
        /** Fused, one work-item per query row. */
        FLASH,
        /** Fused, K/V tiles in local memory (GPUs); dHead at most {@link Attention#MAX_HEAD_DIM}. */
        FLASH_TILED,
        /** Fused, K transposed, 4 query rows per work-item (CPU OpenCL drivers); DOT scoring only. */
        FLASH_STRIP,
        /** flashTiled's schedule with each work-item's query row and output accumulator in private arrays (GPUs). */
        FLASH_PRIVATE
    }

    private AttentionLaunch() {
    }

    /** The launch of {@code variant} (unfused with the row-per-group softmax). */
    public static Launch of(Variant variant, float[] q, float[] k, float[] v, float[] out, Shape s) {
        return switch (variant) {
            case UNFUSED -> unfused(q, k, v, out, s, SoftmaxLaunch.Variant.ROW_PER_GROUP);
            case FLASH -> flash(q, k, v, out, s);
            case FLASH_TILED -> flashTiled(q, k, v, out, s);
            case FLASH_STRIP -> flashStrip(q, k, v, out, s);
            case FLASH_PRIVATE -> flashPrivate(q, k, v, out, s);
        };
    }

    /**
     * Why {@code variant} cannot run a problem of this shape (scoring it lacks, a head width above its tile), or null
     * when it can; array lengths are not checked here. Callers that pick a variant automatically skip refused ones.
     */
    public static String unsupported(Variant variant, Shape s) {
        if (s.scoring == Scoring.ADDITIVE) return "additive scoring runs with unfusedAdditive only";
        return switch (variant) {
            case FLASH_TILED, FLASH_PRIVATE -> s.dHead > Attention.MAX_HEAD_DIM
                    ? (variant == Variant.FLASH_TILED ? "flashTiled" : "flashPrivate") + " needs dHead <= " + Attention.MAX_HEAD_DIM + ", got " + s.dHead : null;
            case FLASH_STRIP -> s.scoring != Scoring.DOT ? "flashStrip supports dot scoring only" : null;
            case UNFUSED, FLASH -> null;
        };
    }

    public static void check(float[] q, float[] k, float[] v, float[] out, Shape s) {
        Shapes.positive("batch", s.batch);
        Shapes.kvHeadsDivideHeads(s.heads, s.kvHeads);
        Shapes.positive("seqQ", s.seqQ);
        Shapes.positive("seqK", s.seqK);
        Shapes.positive("dHead", s.dHead);
        if (s.scoring == null) throw new IllegalArgumentException("scoring must not be null");
        String qf = "batch*heads*seqQ*dHead = " + s.batch + "*" + s.heads + "*" + s.seqQ + "*" + s.dHead;
        String kvf = "batch*kvHeads*seqK*dHead = " + s.batch + "*" + s.kvHeads + "*" + s.seqK + "*" + s.dHead;
        Shapes.length("Q", q, s.qLength(), qf);
        Shapes.length("K", k, s.kvLength(), kvf);
        Shapes.length("V", v, s.kvLength(), kvf);
        Shapes.length("out", out, s.qLength(), qf);
        checkLengths(s.validLength, s.batch, s.seqK, "seqK");
        Shapes.noAlias("Q", q, "out", out);
    }

    private static void checkLengths(int[] validLength, int batch, int limit, String limitName) {
        if (validLength == null) return;
        Shapes.length("validLength", validLength, batch, "batch");
        for (int b = 0; b < batch; b++) {
            if (validLength[b] < 0 || validLength[b] > limit) {
                throw new IllegalArgumentException("validLength[" + b + "] = " + validLength[b] + " is outside 0.." + limitName + " (" + limit + ")");
            }
        }
    }

    /** Scores into a [batch*heads, seqQ, seqK] buffer, a softmax, then P V. DOT or COSINE. */
    public static Launch unfused(float[] q, float[] k, float[] v, float[] out, Shape s, SoftmaxLaunch.Variant softmax) {
        check(q, k, v, out, s);
        int mode = s.scoreMode();
        int[] lengths = s.lengths();
        float scale = s.effectiveScale();
        int batch = s.batch, heads = s.heads, kvHeads = s.kvHeads, seqQ = s.seqQ, seqK = s.seqK, dHead = s.dHead, causal = s.causalFlag();
        int rows = batch * heads * seqQ;
        float[] scores = new float[Math.toIntExact((long) rows * seqK)];
        float[] probs = new float[scores.length];
        Launch l = new Launch("attention unfused " + s).inputs(q, k, v, lengths).outputs(out).scratch(scores, probs);
        l.step("scores", (g, id) -> g.task(id, Attention::scores, q, k, lengths, scores, batch, heads, kvHeads, seqQ, seqK, dHead, scale, causal, mode),
                WorkerGrid.of3D(seqK, seqQ, (long) batch * heads), "heads", "kvHeads", "dHead", "causal", "scoreMode");
        return addSoftmaxAndValues(l, softmax, scores, probs, v, out, s, lengths);
    }

    /**
     * Additive attention: wq = Q W^T and uk = K U^T by GEMM, scores = vAtt . tanh(wq + uk),
     * softmax, P V. W and U are [dAtt x dHead], vAtt [dAtt], shared by all heads.
     */
    public static Launch unfusedAdditive(float[] q, float[] k, float[] v, float[] w, float[] u, float[] vAtt, float[] out, Shape s, int dAtt) {
        check(q, k, v, out, s);
        Shapes.positive("dAtt", dAtt);
        Shapes.length("W", w, (long) dAtt * s.dHead, "dAtt*dHead");
        Shapes.length("U", u, (long) dAtt * s.dHead, "dAtt*dHead");
        Shapes.length("vAtt", vAtt, dAtt, "dAtt");
        int[] lengths = s.lengths();
        int batch = s.batch, heads = s.heads, kvHeads = s.kvHeads, seqQ = s.seqQ, seqK = s.seqK, causal = s.causalFlag();
        int qRows = batch * heads * seqQ, kRows = batch * kvHeads * seqK;
        float[] wq = new float[qRows * dAtt], uk = new float[kRows * dAtt];
        float[] scores = new float[Math.toIntExact((long) qRows * seqK)];
        float[] probs = new float[scores.length];
        Launch l = GemmLaunch.of(GemmLaunch.Variant.TILED, q, w, null, wq, qRows, dAtt, s.dHead, true, Activation.NONE)
                .then(GemmLaunch.of(GemmLaunch.Variant.TILED, k, u, null, uk, kRows, dAtt, s.dHead, true, Activation.NONE));
        Launch scoring = new Launch("attention additive " + s).inputs(vAtt, lengths, v).outputs(out).scratch(scores, probs)
                .step("scores", (g, id) -> g.task(id, Attention::additiveScores, wq, uk, vAtt, lengths, scores, batch, heads, kvHeads, seqQ, seqK, dAtt, causal),
                        WorkerGrid.of3D(seqK, seqQ, (long) batch * heads));
        // GemmLaunch names its single step "gemm": rename by wrapping in distinct launches.
        return renameGemms(l).then(addSoftmaxAndValues(scoring, SoftmaxLaunch.Variant.ROW_PER_GROUP, scores, probs, v, out, s, lengths));
    }

    private static Launch renameGemms(Launch twoGemms) {
        return twoGemms.renamed("gemm", "projectQ", "projectK");
    }

    private static Launch addSoftmaxAndValues(Launch l, SoftmaxLaunch.Variant softmax, float[] scores, float[] probs, float[] v, float[] out, Shape s,
                                              int[] lengths) {
        int rows = s.batch * s.heads * s.seqQ;
        Launch sm = SoftmaxLaunch.of(softmax, scores, probs, rows, s.seqK);
        l.appendSteps(sm);
        int batch = s.batch, heads = s.heads, kvHeads = s.kvHeads, seqQ = s.seqQ, seqK = s.seqK, dHead = s.dHead, causal = s.causalFlag();
        return l.step("values", (g, id) -> g.task(id, Attention::weightedValues, probs, v, lengths, out, batch, heads, kvHeads, seqQ, seqK, dHead, causal),
                WorkerGrid.of3D(dHead, seqQ, (long) batch * heads));
    }

    /** Fused, one work-item per query row. DOT or COSINE. */
    public static Launch flash(float[] q, float[] k, float[] v, float[] out, Shape s) {
        check(q, k, v, out, s);
        int mode = s.scoreMode();
        int[] lengths = s.lengths();
        float scale = s.effectiveScale();
        int batch = s.batch, heads = s.heads, kvHeads = s.kvHeads, seqQ = s.seqQ, seqK = s.seqK, dHead = s.dHead, causal = s.causalFlag();
        return new Launch("attention flash " + s).inputs(q, k, v, lengths).outputs(out)
                .step("flash", (g, id) -> g.task(id, Attention::flash, q, k, v, lengths, out, batch, heads, kvHeads, seqQ, seqK, dHead, scale, causal, mode),
                        WorkerGrid.of2D(seqQ, (long) batch * heads), "heads", "kvHeads", "dHead", "causal", "scoreMode");
    }

    /** Fused with K/V tiles in local memory (the fast one). dHead <= Attention.MAX_HEAD_DIM. */
    public static Launch flashTiled(float[] q, float[] k, float[] v, float[] out, Shape s) {
        return tiled(false, q, k, v, out, s);
    }

    /**
     * flashTiled's schedule with each work-item's query row, output accumulator and weights in
     * private arrays (registers on GPUs); local memory holds only the K/V tiles. dHead <= Attention.MAX_HEAD_DIM.
     */
    public static Launch flashPrivate(float[] q, float[] k, float[] v, float[] out, Shape s) {
        return tiled(true, q, k, v, out, s);
    }

    private static Launch tiled(boolean privateState, float[] q, float[] k, float[] v, float[] out, Shape s) {
        String name = privateState ? "flashPrivate" : "flashTiled";
        check(q, k, v, out, s);
        Shapes.atMost("dHead", s.dHead, Attention.MAX_HEAD_DIM, name + " keeps K/V tiles of MAX_HEAD_DIM columns in local memory");
        int mode = s.scoreMode();
        int[] lengths = s.lengths();
        float scale = s.effectiveScale();
        int batch = s.batch, heads = s.heads, kvHeads = s.kvHeads, seqQ = s.seqQ, seqK = s.seqK, dHead = s.dHead, causal = s.causalFlag();
        long gx = (long) GemmLaunch.ceilDiv(seqQ, Attention.BLOCK_Q) * Attention.BLOCK_Q;
        return new Launch("attention " + (privateState ? "flash-private " : "flash-tiled ") + s).inputs(q, k, v, lengths).outputs(out)
                .step("flash", (g, id) -> {
                            if (privateState) g.task(id, Attention::flashPrivate, new KernelContext(), q, k, v, lengths, out, batch, heads, kvHeads,
                                    seqQ, seqK, dHead, scale, causal, mode);
                            else g.task(id, Attention::flashTiled, new KernelContext(), q, k, v, lengths, out, batch, heads, kvHeads,
                                    seqQ, seqK, dHead, scale, causal, mode);
                        },
                        WorkerGrid.of2D(gx, (long) batch * heads).local(Attention.BLOCK_Q, 1), "heads", "kvHeads", "dHead", "causal", "scoreMode");
    }

    /**
     * Fused, shaped for CPU OpenCL drivers: K transposed once into scratch, then one work-item per
     * 4 query rows with contiguous inner loops (see Attention.flashStrip). DOT scoring only.
     * Scratch: kT (the size of K) and O(seqQ * (64 + dHead)) per (batch, head), never seq x seq.
     */
    public static Launch flashStrip(float[] q, float[] k, float[] v, float[] out, Shape s) {
        check(q, k, v, out, s);
        if (s.scoring != Scoring.DOT) throw new IllegalArgumentException("flashStrip supports DOT scoring only, got " + s.scoring);
        int[] lengths = s.lengths();
        float scale = s.effectiveScale();
        int batch = s.batch, heads = s.heads, kvHeads = s.kvHeads, seqQ = s.seqQ, seqK = s.seqK, dHead = s.dHead, causal = s.causalFlag();
        int qBlocks = GemmLaunch.ceilDiv(seqQ, Attention.STRIP_Q);
        long items = (long) qBlocks * batch * heads;
        float[] kT = new float[k.length];
        float[] work = new float[Math.toIntExact(items * Attention.stripScratch(dHead))];
        int batchKv = batch * kvHeads;
        long gx = (long) GemmLaunch.ceilDiv(qBlocks, STRIP_LOCAL) * STRIP_LOCAL;
        return new Launch("attention flash-strip " + s).inputs(q, k, v, lengths).outputs(out).scratch(kT, work)
                .step("transposeK", (g, id) -> g.task(id, Attention::transposeK, k, kT, batchKv, seqK, dHead),
                        WorkerGrid.of3D(seqK, dHead, batchKv), "dHead")
                .step("flash", (g, id) -> g.task(id, Attention::flashStrip, new KernelContext(), q, kT, v, lengths, out, work,
                                heads, kvHeads, seqQ, seqK, dHead, scale, causal),
                        WorkerGrid.of2D(gx, (long) batch * heads).local(STRIP_LOCAL, 1), "heads", "kvHeads", "dHead", "causal");
    }

    /** 4 work-items per group: measured on PoCL, same as 1 and fewer launches of tiny groups. */
    static final int STRIP_LOCAL = 4;

    /**
     * LOOP: one work-item per (batch, head). GROUP: one work-group per (batch, head) over the whole
     * cache. SPLIT: flash-decoding, one work-group per (batch, head, chunk of Attention.DECODE_CHUNK
     * keys) and a combine kernel (log-sum-exp rescale); for long caches on GPUs. SPLIT_STRIP: the same
     * split with one work-item per chunk, four keys at a time (the CPU OpenCL shape).
     */
    public enum DecodeVariant { LOOP, GROUP, SPLIT, SPLIT_STRIP }

    /**
     * One decode step: q and out [batch, heads, dHead], caches [batch, kvHeads, capacity, dHead] with
     * the first {@code length} positions filled; validLength (may be null) limits each sequence further.
     * Shape.seqQ must be 1 and Shape.seqK is the cache capacity. Not causal (the new token sees the cache).
     */
    public static Launch decode(DecodeVariant variant, float[] q, float[] kCache, float[] vCache, float[] out, Shape s, int length) {
        if (s.seqQ != 1) throw new IllegalArgumentException("a decode step has one query per head: seqQ must be 1, got " + s.seqQ);
        if (s.causal) throw new IllegalArgumentException("a decode step is not causal-masked: the new token sees the whole cache");
        check(q, kCache, vCache, out, s);
        if (length < 0 || length > s.seqK) throw new IllegalArgumentException("length " + length + " is outside 0..capacity (" + s.seqK + ")");
        int mode = s.scoreMode();
        int[] lengths = s.lengths();
        float scale = s.effectiveScale();
        int batch = s.batch, heads = s.heads, kvHeads = s.kvHeads, capacity = s.seqK, dHead = s.dHead;
        Launch l = new Launch("attention decode " + variant.name().toLowerCase() + " L=" + length + " " + s).inputs(q, kCache, vCache, lengths).outputs(out);
        if (variant == DecodeVariant.LOOP) {
            return l.step("decode", (g, id) -> g.task(id, Attention::decodeLoop, q, kCache, vCache, lengths, out, batch, heads, kvHeads, length, capacity,
                    dHead, scale, mode), WorkerGrid.of1D((long) batch * heads));
        }
        if (variant == DecodeVariant.SPLIT || variant == DecodeVariant.SPLIT_STRIP) {
            // Chunks cover the filled part of the cache; validLength only shortens it (later chunks then load nothing).
            int chunk = Attention.DECODE_CHUNK;
            int chunks = Math.max(1, GemmLaunch.ceilDiv(length, chunk));
            int bhs = batch * heads;
            float[] partials = new float[Math.toIntExact((long) bhs * chunks * Attention.decodePartialSize(dHead))];
            l.scratch(partials);
            if (variant == DecodeVariant.SPLIT) {
                l.step("split", (g, id) -> g.task(id, Attention::decodeSplit, new KernelContext(), q, kCache, vCache, lengths, partials,
                                batch, heads, kvHeads, length, capacity, dHead, scale, mode, chunks),
                        WorkerGrid.of2D((long) chunks * Attention.DECODE_GROUP, bhs).local(Attention.DECODE_GROUP, 1),
                        "heads", "kvHeads", "dHead", "scoreMode");
            } else {
                l.step("split", (g, id) -> g.task(id, Attention::decodeSplitStrip, q, kCache, vCache, lengths, partials,
                                batch, heads, kvHeads, length, capacity, dHead, scale, mode, chunk, chunks),
                        WorkerGrid.of2D(chunks, bhs).local(1, 1), "heads", "kvHeads", "dHead", "scoreMode", "chunk");
            }
            return l.step("combine", (g, id) -> g.task(id, Attention::decodeCombine, partials, out, bhs, chunks, dHead),
                            WorkerGrid.of2D(dHead, bhs), "dHead");
        }
        float[] scores = new float[Math.toIntExact((long) batch * heads * capacity)];
        return l.scratch(scores).step("decode", (g, id) -> g.task(id, Attention::decode, new KernelContext(), q, kCache, vCache, lengths, scores, out,
                batch, heads, kvHeads, length, capacity, dHead, scale, mode), WorkerGrid.of1D((long) batch * heads * Attention.DECODE_GROUP).local(Attention.DECODE_GROUP));
    }
}
