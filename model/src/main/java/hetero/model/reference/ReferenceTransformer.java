package hetero.model.reference;

import static hetero.model.reference.ReferenceMath.add;
import static hetero.model.reference.ReferenceMath.layerNorm;
import static hetero.model.reference.ReferenceMath.linear;

import hetero.model.Activation;
import hetero.model.AttentionKind;
import hetero.model.ModelWeights;
import hetero.model.NormPlacement;
import hetero.model.Stack;
import hetero.model.TransformerConfig;

/**
 * Float64 plain-Java forward pass of the Transformer in {@link ModelWeights}: the ground truth for the device
 * forward pass. No dropout (inference).
 *
 * <p>Inputs are token ids, flat [batch x seqLen] row-major, each sequence right-padded to seqLen; validLengths
 * (null = all valid) gives each sequence's real length. Input embedding = E[token] * sqrt(d) + PE(position)
 * (Vaswani et al.), with one embedding table for source and target. {@link #encodeActivations} accepts already
 * embedded activations instead.
 *
 * <p>Layers: post-norm x = LN(x + f(x)); pre-norm x = x + f(LN(x)) and a final LayerNorm per stack.
 * Encoder layer: self-attention (padding mask), FFN. Decoder layer: causal self-attention, cross-attention over
 * the encoder output (padding mask of the source; absent in decoder-only models), FFN.
 * Logits = h E_out^T with E_out the [vocab x d] output projection (the embedding table when tied).
 * Padding semantics are those of {@link ReferenceAttention}: keys past a valid length are invisible, a query row
 * with no visible key yields a zero attention output, and outputs at padded positions carry no meaning.
 * Target sequences need no padding mask: causality already keeps valid positions from seeing later padding.
 */
public final class ReferenceTransformer {

    /** Computes one attention sub-layer's output (after wo) for n query rows h. */
    @FunctionalInterface
    interface AttentionStep { double[] apply(double[] h, int n); }

    private final ModelWeights weights;
    private final TransformerConfig c;

    public ReferenceTransformer(ModelWeights weights) {
        this.weights = weights;
        this.c = weights.config();
        if (c.encoderAttention() != AttentionKind.SOFTMAX || c.decoderAttention() != AttentionKind.SOFTMAX || !c.embeddings().isStandard()) {
            throw new IllegalArgumentException("the float64 reference model runs softmax attention and the standard embedding only; got attention "
                    + c.encoderAttention() + "/" + c.decoderAttention() + ", " + c.embeddings() + " (the kernels' own float64 references cover linear and local attention)");
        }
    }

    public ModelWeights weights() { return weights; }

    /** Embedding rows for tokens[offset .. offset+len) at positions startPosition.. : [len x d]. */
    public double[] embed(int[] tokens, int offset, int len, int startPosition) {
        int d = c.dModel();
        if (startPosition + len > c.maxSequence()) throw new IllegalArgumentException(
                "sequence of " + (startPosition + len) + " exceeds maxSequence " + c.maxSequence());
        float[] e = weights.embeddings();
        double scale = Math.sqrt(d);
        double[] x = new double[len * d];
        for (int i = 0; i < len; i++) {
            int t = tokens[offset + i];
            if (t < 0 || t >= c.vocabulary())
                throw new IllegalArgumentException("token id " + t + " outside vocabulary of " + c.vocabulary());
            for (int j = 0; j < d; j++)
                x[i * d + j] = e[t * d + j] * scale + ReferenceMath.position(startPosition + i, j, d);
        }
        return x;
    }

    /** Encoder output [batch x seqLen x d] for token ids [batch x seqLen]. */
    public double[] encode(int[] tokens, int batch, int seqLen, int[] validLengths) {
        checkTokens(tokens, batch, seqLen);
        double[] x = new double[batch * seqLen * c.dModel()];
        for (int b = 0; b < batch; b++)
            System.arraycopy(embed(tokens, b * seqLen, seqLen, 0), 0, x, b * seqLen * c.dModel(), seqLen * c.dModel());
        return encodeActivations(x, batch, seqLen, validLengths);
    }

    /** Encoder output for already embedded input activations x [batch x seqLen x d] (positions included). */
    public double[] encodeActivations(double[] x, int batch, int seqLen, int[] validLengths) {
        if (c.encoderLayers() == 0) throw new IllegalStateException("this model has no encoder");
        int d = c.dModel();
        if (x.length != batch * seqLen * d) throw new IllegalArgumentException("x must be [batch x seqLen x d]");
        checkValid(validLengths, batch, seqLen);
        double[] out = new double[x.length];
        for (int b = 0; b < batch; b++) {
            double[] h = java.util.Arrays.copyOfRange(x, b * seqLen * d, (b + 1) * seqLen * d);
            int valid = validLengths == null ? seqLen : validLengths[b];
            for (ModelWeights.EncoderLayer layer : weights.encoderLayers()) {
                AttentionStep self = (hIn, n) -> attention(layer.selfAttention(), hIn, n, hIn, n, valid, false, 0);
                h = sublayer(h, seqLen, layer.selfAttentionNorm(), self);
                h = sublayer(h, seqLen, layer.ffnNorm(), (hIn, n) -> ffn(layer.ffn(), hIn, n));
            }
            h = finalNorm(h, seqLen, Stack.ENCODER);
            System.arraycopy(h, 0, out, b * seqLen * d, seqLen * d);
        }
        return out;
    }

    /**
     * Decoder logits [batch x tgtLen x vocab] for target ids [batch x tgtLen], recomputed over the whole prefix
     * (teacher forcing). memory is the encoder output [batch x srcLen x d] with srcValid lengths (null = all valid);
     * pass memory = null for a decoder-only model.
     */
    public double[] decode(int[] tokens, int batch, int tgtLen, double[] memory, int srcLen, int[] srcValid) {
        if (c.decoderLayers() == 0) throw new IllegalStateException("this model has no decoder");
        checkTokens(tokens, batch, tgtLen);
        checkMemory(memory, batch, srcLen, srcValid);
        int d = c.dModel(), v = c.vocabulary();
        double[] logits = new double[batch * tgtLen * v];
        for (int b = 0; b < batch; b++) {
            double[] mem = memory == null ? null
                    : java.util.Arrays.copyOfRange(memory, b * srcLen * d, (b + 1) * srcLen * d);
            int valid = srcValid == null ? srcLen : srcValid[b];
            double[] h = embed(tokens, b * tgtLen, tgtLen, 0);
            for (ModelWeights.DecoderLayer layer : weights.decoderLayers()) {
                AttentionStep self = (hIn, n) -> attention(layer.selfAttention(), hIn, n, hIn, n, n, true, 0);
                AttentionStep cross = mem == null ? null
                        : (hIn, n) -> attention(layer.crossAttention(), hIn, n, mem, srcLen, valid, false, 0);
                h = decoderLayer(layer, h, tgtLen, self, cross);
            }
            System.arraycopy(logits(h, tgtLen), 0, logits, b * tgtLen * v, tgtLen * v);
        }
        return logits;
    }

    /** Starts autoregressive decoding of one sequence; memory is its encoder output [srcLen x d] or null. */
    public IncrementalDecoder incrementalDecoder(double[] memory, int srcLen, int srcValid) {
        checkMemory(memory, 1, srcLen, memory == null ? null : new int[] {srcValid});
        return new IncrementalDecoder(this, memory, srcLen, srcValid);
    }

    // ---- building blocks shared by the full and the incremental path ----

    double[] decoderLayer(ModelWeights.DecoderLayer layer, double[] h, int n, AttentionStep self, AttentionStep cross) {
        h = sublayer(h, n, layer.selfAttentionNorm(), self);
        if (cross != null) h = sublayer(h, n, layer.crossAttentionNorm(), cross);
        return sublayer(h, n, layer.ffnNorm(), (hIn, rows) -> ffn(layer.ffn(), hIn, rows));
    }

    /** One residual sub-layer with the configured norm placement. */
    double[] sublayer(double[] x, int n, ModelWeights.LayerNorm norm, AttentionStep f) {
        int d = c.dModel();
        if (c.normPlacement() == NormPlacement.POST_NORM)
            return layerNorm(add(x, f.apply(x, n)), n, d, norm.gamma(), norm.beta());
        return add(x, f.apply(layerNorm(x, n, d, norm.gamma(), norm.beta()), n));
    }

    double[] finalNorm(double[] h, int n, Stack stack) {
        ModelWeights.LayerNorm norm = weights.finalNorm(stack);
        return norm == null ? h : layerNorm(h, n, c.dModel(), norm.gamma(), norm.beta());
    }

    double[] logits(double[] hidden, int n) {
        double[] h = finalNorm(hidden, n, Stack.DECODER);
        int d = c.dModel(), v = c.vocabulary();
        float[] out = weights.outputProjection();
        double[] logits = new double[n * v];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < v; t++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += h[i * d + j] * out[t * d + j];
                logits[i * v + t] = s;
            }
        return logits;
    }

    /** Full attention sub-layer: projections, attention, output projection. */
    double[] attention(ModelWeights.Attention a, double[] xq, int nq, double[] xkv, int nkv, int validKeys,
                       boolean causal, int queryOffset) {
        int d = c.dModel(), dKv = c.dKv();
        double[] k = linear(xkv, nkv, d, a.wk(), a.bk(), dKv);
        double[] v = linear(xkv, nkv, d, a.wv(), a.bv(), dKv);
        return attendProjected(a, xq, nq, k, v, nkv, validKeys, causal, queryOffset);
    }

    /** Attention with keys and values already projected (the KV-cache path). */
    double[] attendProjected(ModelWeights.Attention a, double[] xq, int nq, double[] k, double[] v, int nk,
                             int validKeys, boolean causal, int queryOffset) {
        int d = c.dModel();
        double[] q = linear(xq, nq, d, a.wq(), a.bq(), d);
        double[] o = ReferenceAttention.attend(q, nq, k, v, nk, c.heads(), c.kvHeads(), c.dHead(), validKeys, causal,
                queryOffset, null);
        return linear(o, nq, d, a.wo(), a.bo(), d);
    }

    double[] ffn(ModelWeights.Ffn f, double[] x, int n) {
        double[] hidden = linear(x, n, c.dModel(), f.w1(), f.b1(), c.dFF());
        for (int i = 0; i < hidden.length; i++)
            hidden[i] = c.activation() == Activation.GELU ? ReferenceMath.gelu(hidden[i]) : ReferenceMath.relu(hidden[i]);
        return linear(hidden, n, c.dFF(), f.w2(), f.b2(), c.dModel());
    }

    TransformerConfig config() { return c; }

    private void checkTokens(int[] tokens, int batch, int seqLen) {
        if (batch < 1 || seqLen < 1 || tokens.length != batch * seqLen)
            throw new IllegalArgumentException("tokens must be [batch x seqLen] = " + batch + " x " + seqLen
                    + ", got " + tokens.length + " ids");
    }

    private static void checkValid(int[] valid, int batch, int seqLen) {
        if (valid == null) return;
        if (valid.length != batch) throw new IllegalArgumentException("validLengths must have one entry per sequence");
        for (int v : valid)
            if (v < 0 || v > seqLen) throw new IllegalArgumentException("valid length " + v + " outside 0.." + seqLen);
    }

    private void checkMemory(double[] memory, int batch, int srcLen, int[] srcValid) {
        if (c.hasCrossAttention() != (memory != null)) throw new IllegalArgumentException(c.hasCrossAttention()
                ? "this model has cross-attention: pass the encoder output" : "decoder-only model: memory must be null");
        if (memory == null) return;
        if (memory.length != batch * srcLen * c.dModel())
            throw new IllegalArgumentException("memory must be [batch x srcLen x d]");
        checkValid(srcValid, batch, srcLen);
    }
}
