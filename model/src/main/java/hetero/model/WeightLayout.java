package hetero.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The list of tensor slots of a (config, scheme) pair, in a fixed order. It is the single source of truth for
 * names, shapes and aliasing: {@link ModelWeights} allocates from it, {@link ParameterAccounting} counts it
 * without allocating, and the safetensors files name tensors after it.
 *
 * <p>Layout: linear weights are [in x out], row-major, used as y = x W + b. Attention: wq [d x d],
 * wk [d x dKv], wv [d x dKv], wo [d x d], biases bq [d], bk [dKv], bv [dKv], bo [d]. FFN: w1 [d x f], b1 [f],
 * w2 [f x d], b2 [d]. LayerNorms: gamma [d], beta [d]. Embeddings [vocab x d], one table for source and target;
 * the output projection is also [vocab x d] (logits = h E^T), so tying it is pure aliasing.
 * Sinusoidal positions are computed, not stored.
 *
 * <p>{@link EmbeddingConfig} adds, all in the EMBEDDINGS group: with E != dModel the table is [vocab x E] and
 * {@code embedding_projection} [E x dModel] (+ {@code embedding_projection_bias} [dModel] with biases) maps it to
 * dModel; {@code position_embeddings} [maxSequence x E]; {@code token_type_embeddings} [tokenTypes x E];
 * {@code embedding_norm} gamma/beta [E]. The pooler ({@code pooler.w} [dModel x dModel], {@code pooler.b} [dModel],
 * group POOLER) follows the last stack. A tied output projection is the [vocab x E] table itself (with E != dModel
 * the logits are then (h P^T) E^T through the same projection P); an untied one is [vocab x dModel].
 */
public final class WeightLayout {
    private WeightLayout() { }

    public static final String EMBEDDINGS = "embeddings";
    public static final String OUTPUT_PROJECTION = "output_projection";

    public static List<TensorSlot> slots(TransformerConfig c, SharingScheme scheme) {
        TransformerConfig.validate(c, scheme);
        int d = c.dModel(), v = c.vocabulary(), e = c.embeddingSize();
        EmbeddingConfig emb = c.embeddings();
        List<TensorSlot> slots = new ArrayList<>();
        Init embeddingInit = new Init.Normal(1.0 / Math.sqrt(d));
        ParameterGroup eg = ParameterGroup.EMBEDDINGS;
        slots.add(new TensorSlot(EMBEDDINGS, new int[] {v, e}, EMBEDDINGS, eg, embeddingInit));
        slots.add(new TensorSlot(OUTPUT_PROJECTION, new int[] {v, c.tiedEmbeddings() ? e : d},
                c.tiedEmbeddings() ? EMBEDDINGS : OUTPUT_PROJECTION, ParameterGroup.OUTPUT_PROJECTION, embeddingInit));
        if (emb.learnedPositions()) slots.add(new TensorSlot("position_embeddings", new int[] {c.maxSequence(), e}, "position_embeddings", eg, embeddingInit));
        if (emb.tokenTypes() > 0) slots.add(new TensorSlot("token_type_embeddings", new int[] {emb.tokenTypes(), e}, "token_type_embeddings", eg, embeddingInit));
        if (emb.norm()) layerNorm(slots, e, "embedding_norm.", "embedding_norm.", eg);
        if (emb.factorized(d)) {
            slots.add(new TensorSlot("embedding_projection", new int[] {e, d}, "embedding_projection", eg, new Init.XavierUniform(e, d)));
            if (c.biases()) slots.add(new TensorSlot("embedding_projection_bias", new int[] {d}, "embedding_projection_bias", eg, new Init.BiasUniform(e)));
        }
        for (Stack stack : Stack.values()) {
            for (int layer = 0; layer < c.layers(stack); layer++) {
                String prefix = layerPrefix(stack, layer);
                attention(slots, c, scheme, stack, layer, BlockKind.ATTENTION, prefix + "self_attn.");
                if (stack == Stack.DECODER && c.hasCrossAttention())
                    attention(slots, c, scheme, stack, layer, BlockKind.CROSS_ATTENTION, prefix + "cross_attn.");
                ffn(slots, c, scheme, stack, layer, prefix + "ffn.");
                BlockKey norms = scheme.blockFor(c, stack, layer, BlockKind.NORMS);
                for (String norm : normNames(c, stack))
                    layerNorm(slots, d, prefix + norm + ".", norms + "." + norm + ".", ParameterGroup.NORMS);
            }
            if (c.normPlacement() == NormPlacement.PRE_NORM && c.layers(stack) > 0) {
                String prefix = stackName(stack) + ".final_norm.";
                layerNorm(slots, d, prefix, prefix, ParameterGroup.FINAL_NORMS);
            }
        }
        if (emb.pooler()) {
            slots.add(new TensorSlot("pooler.w", new int[] {d, d}, "pooler.w", ParameterGroup.POOLER, new Init.XavierUniform(d, d)));
            slots.add(new TensorSlot("pooler.b", new int[] {d}, "pooler.b", ParameterGroup.POOLER, new Init.BiasUniform(d)));
        }
        return List.copyOf(slots);
    }

    public static String stackName(Stack stack) { return stack == Stack.ENCODER ? "encoder" : "decoder"; }

    public static String layerPrefix(Stack stack, int layer) { return stackName(stack) + ".layers." + layer + "."; }

    /** LayerNorm names of a layer, in the order of the sub-layers they belong to. */
    public static List<String> normNames(TransformerConfig c, Stack stack) {
        return c.normsPerLayer(stack) == 3
                ? List.of("self_attn_norm", "cross_attn_norm", "ffn_norm")
                : List.of("self_attn_norm", "ffn_norm");
    }

    private static void attention(List<TensorSlot> slots, TransformerConfig c, SharingScheme scheme, Stack stack,
                                  int layer, BlockKind kind, String prefix) {
        String key = scheme.blockFor(c, stack, layer, kind) + ".";
        ParameterGroup group = ParameterGroup.of(kind);
        int d = c.dModel(), kv = c.dKv();
        slots.add(new TensorSlot(prefix + "wq", new int[] {d, d}, key + "wq", group, new Init.XavierUniform(d, d)));
        slots.add(new TensorSlot(prefix + "wk", new int[] {d, kv}, key + "wk", group, new Init.XavierUniform(d, kv)));
        slots.add(new TensorSlot(prefix + "wv", new int[] {d, kv}, key + "wv", group, new Init.XavierUniform(d, kv)));
        slots.add(new TensorSlot(prefix + "wo", new int[] {d, d}, key + "wo", group, new Init.XavierUniform(d, d)));
        if (c.biases()) {
            Init bias = new Init.BiasUniform(d);
            slots.add(new TensorSlot(prefix + "bq", new int[] {d}, key + "bq", group, bias));
            slots.add(new TensorSlot(prefix + "bk", new int[] {kv}, key + "bk", group, bias));
            slots.add(new TensorSlot(prefix + "bv", new int[] {kv}, key + "bv", group, bias));
            slots.add(new TensorSlot(prefix + "bo", new int[] {d}, key + "bo", group, bias));
        }
    }

    private static void ffn(List<TensorSlot> slots, TransformerConfig c, SharingScheme scheme, Stack stack,
                            int layer, String prefix) {
        String key = scheme.blockFor(c, stack, layer, BlockKind.FFN) + ".";
        int d = c.dModel(), f = c.dFF();
        ParameterGroup g = ParameterGroup.FFN;
        slots.add(new TensorSlot(prefix + "w1", new int[] {d, f}, key + "w1", g, new Init.XavierUniform(d, f)));
        if (c.biases()) slots.add(new TensorSlot(prefix + "b1", new int[] {f}, key + "b1", g, new Init.BiasUniform(d)));
        slots.add(new TensorSlot(prefix + "w2", new int[] {f, d}, key + "w2", g, new Init.XavierUniform(f, d)));
        if (c.biases()) slots.add(new TensorSlot(prefix + "b2", new int[] {d}, key + "b2", g, new Init.BiasUniform(f)));
    }

    private static void layerNorm(List<TensorSlot> slots, int d, String prefix, String key, ParameterGroup group) {
        slots.add(new TensorSlot(prefix + "gamma", new int[] {d}, key + "gamma", group, new Init.Constant(1f)));
        slots.add(new TensorSlot(prefix + "beta", new int[] {d}, key + "beta", group, new Init.Constant(0f)));
    }
}
