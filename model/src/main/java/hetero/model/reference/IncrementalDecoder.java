package hetero.model.reference;

import static hetero.model.reference.ReferenceMath.linear;

import hetero.model.ModelWeights;
import hetero.model.TransformerConfig;
import java.util.List;

/**
 * Autoregressive decoding of one sequence with a KV cache, in float64. Each {@link #step} embeds one token at
 * the next position, runs it through every decoder layer (self-attention reads the cached keys/values of all
 * earlier positions plus its own, which it appends), and returns that position's logits. Cross-attention keys
 * and values are projected from the encoder output once, at construction.
 *
 * <p>Cache size per layer is [maxSequence x dKv] for K and for V, i.e. 2 * layers * seq * dKv floats in total,
 * matching {@code ParameterAccounting.kvCacheBytes}. Layers that share weights still get separate caches.
 */
public final class IncrementalDecoder {
    private final ReferenceTransformer model;
    private final TransformerConfig c;
    private final double[] memory;
    private final int srcLen, srcValid;
    private final double[][] cacheK, cacheV, crossK, crossV;
    private int length;

    IncrementalDecoder(ReferenceTransformer model, double[] memory, int srcLen, int srcValid) {
        this.model = model;
        this.c = model.config();
        this.memory = memory;
        this.srcLen = srcLen;
        this.srcValid = srcValid;
        int layers = c.decoderLayers(), cap = c.maxSequence() * c.dKv();
        cacheK = new double[layers][cap];
        cacheV = new double[layers][cap];
        crossK = new double[layers][];
        crossV = new double[layers][];
        List<ModelWeights.DecoderLayer> decoder = model.weights().decoderLayers();
        for (int l = 0; l < layers && memory != null; l++) {
            ModelWeights.Attention a = decoder.get(l).crossAttention();
            crossK[l] = linear(memory, srcLen, c.dModel(), a.wk(), a.bk(), c.dKv());
            crossV[l] = linear(memory, srcLen, c.dModel(), a.wv(), a.bv(), c.dKv());
        }
    }

    /** Tokens decoded so far (= the cache length). */
    public int length() { return length; }

    /** Feeds the next token; returns the logits [vocab] at its position. */
    public double[] step(int token) {
        if (length >= c.maxSequence()) throw new IllegalStateException("KV cache full: maxSequence " + c.maxSequence());
        int pos = length, d = c.dModel(), dKv = c.dKv();
        double[] h = model.embed(new int[] {token}, 0, 1, pos);
        List<ModelWeights.DecoderLayer> decoder = model.weights().decoderLayers();
        for (int l = 0; l < decoder.size(); l++) {
            ModelWeights.DecoderLayer layer = decoder.get(l);
            int li = l;
            ReferenceTransformer.AttentionStep self = (hIn, n) -> {
                ModelWeights.Attention a = layer.selfAttention();
                System.arraycopy(linear(hIn, 1, d, a.wk(), a.bk(), dKv), 0, cacheK[li], pos * dKv, dKv);
                System.arraycopy(linear(hIn, 1, d, a.wv(), a.bv(), dKv), 0, cacheV[li], pos * dKv, dKv);
                // causal with queryOffset = pos: the single query sees cache rows 0..pos
                return model.attendProjected(a, hIn, 1, cacheK[li], cacheV[li], pos + 1, pos + 1, true, pos);
            };
            ReferenceTransformer.AttentionStep cross = memory == null ? null
                    : (hIn, n) -> model.attendProjected(layer.crossAttention(), hIn, 1, crossK[li], crossV[li],
                            srcLen, srcValid, false, 0);
            h = model.decoderLayer(layer, h, 1, self, cross);
        }
        length++;
        return model.logits(h, 1);
    }
}
