package hetero.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unique parameter counts: each distinct array is counted once, under the group of its first slot in layout
 * order (so a tied output projection counts as EMBEDDINGS, and under ENCODER_DECODER sharing the decoder's
 * reused self-attention counts where the encoder first uses it).
 *
 * @param uniqueParameters  distinct float parameters actually stored
 * @param nominalParameters parameters the same model would have with no sharing (every slot counted)
 * @param uniqueByGroup     unique parameters per group (every group present, possibly 0)
 */
public record ParameterAccounting(long uniqueParameters, long nominalParameters,
                                  Map<ParameterGroup, Long> uniqueByGroup) {

    public static final int BYTES_PER_PARAMETER = Float.BYTES;

    public ParameterAccounting {
        uniqueByGroup = Collections.unmodifiableMap(new EnumMap<>(uniqueByGroup));
    }

    public long uniqueBytes() { return uniqueParameters * BYTES_PER_PARAMETER; }

    public long unique(ParameterGroup group) { return uniqueByGroup.getOrDefault(group, 0L); }

    /** Counts from the scheme's block map alone, without allocating any weights (usable for huge configs). */
    public static ParameterAccounting of(TransformerConfig config, SharingScheme scheme) {
        List<TensorSlot> slots = WeightLayout.slots(config, scheme);
        Set<String> seen = new HashSet<>();
        Map<ParameterGroup, Long> byGroup = emptyGroups();
        long unique = 0, nominal = 0;
        for (TensorSlot slot : slots) {
            nominal += slot.elements();
            if (seen.add(slot.storageKey())) {
                unique += slot.elements();
                byGroup.merge(slot.group(), slot.elements(), Long::sum);
            }
        }
        return new ParameterAccounting(unique, nominal, byGroup);
    }

    /** Counts the arrays an actual model holds, by object identity. */
    public static ParameterAccounting of(ModelWeights weights) {
        Set<float[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<ParameterGroup, Long> byGroup = emptyGroups();
        long unique = 0, nominal = 0;
        for (TensorSlot slot : weights.layout()) {
            float[] data = weights.tensor(slot.name());
            nominal += data.length;
            if (seen.add(data)) {
                unique += data.length;
                byGroup.merge(slot.group(), (long) data.length, Long::sum);
            }
        }
        return new ParameterAccounting(unique, nominal, byGroup);
    }

    private static Map<ParameterGroup, Long> emptyGroups() {
        Map<ParameterGroup, Long> m = new EnumMap<>(ParameterGroup.class);
        for (ParameterGroup g : ParameterGroup.values()) m.put(g, 0L);
        return m;
    }

    /**
     * Bytes of the decoder self-attention KV cache for autoregressive decoding of {@code batch} sequences of
     * {@code sequence} tokens: batch * 2 (K and V) * decoderLayers * sequence * dKv * 4. It shrinks with kvHeads
     * (dKv = kvHeads * dHead) but NOT with layer sharing: layers that share weights still see different inputs,
     * so each layer caches its own keys and values. For an encoder-only model (no decoder) it is 0.
     */
    public static long kvCacheBytes(TransformerConfig config, int batch, int sequence) {
        return kvCacheBytes(config.decoderLayers(), config.dKv(), batch, sequence);
    }

    /** General form: batch * 2 * layers * sequence * dKv * 4 bytes. */
    public static long kvCacheBytes(int layers, int dKv, int batch, int sequence) {
        if (layers < 0 || dKv <= 0 || batch < 0 || sequence < 0)
            throw new IllegalArgumentException("layers, batch and sequence must be >= 0 and dKv > 0");
        return (long) batch * 2 * layers * sequence * dKv * BYTES_PER_PARAMETER;
    }

    /**
     * Bytes a decoder keeps per generated sequence for its self-attention, by the decoder's {@link AttentionKind}:
     * softmax, the KV cache {@link #kvCacheBytes(TransformerConfig, int, int)} (grows with the sequence); local:W, a
     * ring of the last min(sequence, W) keys and values (batch * 2 * layers * min(sequence, W) * dKv * 4); linear,
     * a constant state of dHead x (dHead + 1) floats per KV head and layer (batch * layers * kvHeads * dHead *
     * (dHead + 1) * 4), whatever the sequence length. 0 without a decoder.
     */
    public static long decodeStateBytes(TransformerConfig config, int batch, int sequence) {
        AttentionKind kind = config.decoderAttention();
        return switch (kind.type()) {
            case SOFTMAX -> kvCacheBytes(config, batch, sequence);
            case LOCAL -> kvCacheBytes(config, batch, Math.min(sequence, kind.window()));
            case LINEAR -> (long) batch * config.decoderLayers() * config.kvHeads() * config.dHead() * (config.dHead() + 1) * BYTES_PER_PARAMETER;
        };
    }

    /**
     * Bytes of the cross-attention K/V computed once from the encoder output (per decoder layer) during decoding:
     * batch * 2 * decoderLayers * sourceLength * dKv * 4; 0 without cross-attention.
     */
    public static long crossAttentionCacheBytes(TransformerConfig config, int batch, int sourceLength) {
        return config.hasCrossAttention()
                ? kvCacheBytes(config.decoderLayers(), config.dKv(), batch, sourceLength) : 0;
    }
}
