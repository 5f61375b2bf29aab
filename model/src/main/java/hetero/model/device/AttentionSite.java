package hetero.model.device;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.EfficientAttentionLaunch;
import hetero.kernels.HeadLayoutLaunch;
import hetero.kernels.Launch;
import hetero.model.AttentionKind;
import hetero.model.ModelWeights;
import hetero.model.TransformerConfig;

/**
 * One kind of full-sequence attention sub-layer (encoder self-attention, decoder causal self-attention, decoder
 * cross-attention) with its workspace. Every layer of a stack runs its own weights through the same workspace
 * arrays, so the layout and attention launches (and the unfused variant's seq x seq scratch) are built once and
 * added once per layer; activation memory does not grow with depth.
 *
 * <p>The attention is the stack's {@link AttentionKind}: softmax (the variant of {@link ForwardOptions#attention()}),
 * linear or local:W (their single fused kernels).
 *
 * <p>Per layer: q = xq Wq + bq, k = xkv Wk + bk, v = xkv Wv + bv (token-major, [batch, n, heads*dHead]); split to
 * head-major [batch, heads, n, dHead]; attention; merge back; proj = o Wo + bo.
 */
final class AttentionSite {
    private final Blocks blocks;
    private final int rowsQ, rowsKv;
    private final float[] q, k, v, o;
    private final Launch splitQ, splitK, splitV, attend, merge;

    AttentionSite(Blocks blocks, int batch, int nq, int nkv, boolean causal, int[] validLength, AttentionKind kind) {
        this.blocks = blocks;
        TransformerConfig c = blocks.config;
        int d = c.dModel(), dKv = c.dKv(), heads = c.heads(), kvHeads = c.kvHeads(), dHead = c.dHead();
        rowsQ = batch * nq;
        rowsKv = batch * nkv;
        q = new float[rowsQ * d];
        k = new float[rowsKv * dKv];
        v = new float[rowsKv * dKv];
        o = new float[rowsQ * d];
        float[] qh = new float[q.length], kh = new float[k.length], vh = new float[v.length], oh = new float[o.length];
        splitQ = HeadLayoutLaunch.split(q, qh, batch, nq, heads, dHead, nq, 0);
        splitK = HeadLayoutLaunch.split(k, kh, batch, nkv, kvHeads, dHead, nkv, 0);
        splitV = HeadLayoutLaunch.split(v, vh, batch, nkv, kvHeads, dHead, nkv, 0);
        AttentionLaunch.Shape shape = AttentionLaunch.Shape.of(batch, heads, kvHeads, nq, nkv, dHead).causal(causal).validLength(validLength);
        attend = switch (kind.type()) {
            case LINEAR -> EfficientAttentionLaunch.linear(qh, kh, vh, oh, shape);
            case LOCAL -> EfficientAttentionLaunch.local(qh, kh, vh, oh, shape, kind.window());
            case SOFTMAX -> AttentionLaunch.of(blocks.options.attention(), qh, kh, vh, oh, shape);
        };
        merge = HeadLayoutLaunch.merge(oh, o, batch, nq, heads, dHead);
    }

    /** Adds one layer's attention sub-layer: queries from xq, keys and values from xkv, result (after Wo) in proj. */
    void add(GraphBuilder g, String prefix, ModelWeights.Attention a, float[] xq, float[] xkv, float[] proj) {
        TransformerConfig c = blocks.config;
        int d = c.dModel(), dKv = c.dKv(), none = hetero.kernels.Activation.NONE;
        blocks.linear(g, prefix + "_q", xq, rowsQ, d, a.wq(), a.bq(), q, d, none);
        blocks.linear(g, prefix + "_k", xkv, rowsKv, d, a.wk(), a.bk(), k, dKv, none);
        blocks.linear(g, prefix + "_v", xkv, rowsKv, d, a.wv(), a.bv(), v, dKv, none);
        g.add(prefix + "_q", splitQ);
        g.add(prefix + "_k", splitK);
        g.add(prefix + "_v", splitV);
        g.add(prefix, attend);
        g.add(prefix, merge);
        blocks.linear(g, prefix + "_o", o, rowsQ, d, a.wo(), a.bo(), proj, d, none);
    }
}
