package hetero.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * All parameters of a model as float32 arrays (flat, row-major; see {@link WeightLayout} for shapes), grouped per
 * layer. Layers that share a block under the {@link SharingScheme} hold the very same {@code float[]} objects.
 *
 * <p>Device forward pass (to be written with the tornado-kernels library): a {@code DeviceForward} builds one
 * {@code hetero.runtime.api.TaskGraph} per layer (or per model) and passes these arrays directly, e.g.
 * {@code transferToDevice(FIRST_EXECUTION, layer.selfAttention().wq(), ...)}. The runtime keys device buffers by
 * array identity, so an aliased (shared) block is allocated and copied to the device once, which is exactly what
 * the sharing experiments measure. Nothing here needs to change for that; the arrays must simply not be copied.
 */
public final class ModelWeights {

    /** Attention block. Biases are null when {@link TransformerConfig#biases()} is false. */
    public record Attention(float[] wq, float[] wk, float[] wv, float[] wo,
                            float[] bq, float[] bk, float[] bv, float[] bo) { }

    /** Feed-forward block: y = act(x w1 + b1) w2 + b2. Biases are null without biases. */
    public record Ffn(float[] w1, float[] b1, float[] w2, float[] b2) { }

    public record LayerNorm(float[] gamma, float[] beta) { }

    public record EncoderLayer(Attention selfAttention, LayerNorm selfAttentionNorm, Ffn ffn, LayerNorm ffnNorm) { }

    /** Decoder layer; crossAttention and crossAttentionNorm are null in a decoder-only model. */
    public record DecoderLayer(Attention selfAttention, LayerNorm selfAttentionNorm, Attention crossAttention,
                               LayerNorm crossAttentionNorm, Ffn ffn, LayerNorm ffnNorm) { }

    private final TransformerConfig config;
    private final SharingScheme scheme;
    private final List<TensorSlot> layout;
    private final Map<String, float[]> byName;
    private final List<EncoderLayer> encoderLayers = new ArrayList<>();
    private final List<DecoderLayer> decoderLayers = new ArrayList<>();

    private ModelWeights(TransformerConfig config, SharingScheme scheme, List<TensorSlot> layout,
                         Map<String, float[]> byName) {
        this.config = config;
        this.scheme = scheme;
        this.layout = layout;
        this.byName = Collections.unmodifiableMap(byName);
        for (int i = 0; i < config.encoderLayers(); i++) {
            String p = WeightLayout.layerPrefix(Stack.ENCODER, i);
            encoderLayers.add(new EncoderLayer(attention(p + "self_attn."), norm(p + "self_attn_norm."),
                    ffn(p + "ffn."), norm(p + "ffn_norm.")));
        }
        for (int i = 0; i < config.decoderLayers(); i++) {
            String p = WeightLayout.layerPrefix(Stack.DECODER, i);
            boolean cross = config.hasCrossAttention();
            decoderLayers.add(new DecoderLayer(attention(p + "self_attn."), norm(p + "self_attn_norm."),
                    cross ? attention(p + "cross_attn.") : null, cross ? norm(p + "cross_attn_norm.") : null,
                    ffn(p + "ffn."), norm(p + "ffn_norm.")));
        }
    }

    /** Fresh weights, deterministic in (config.seed(), tensor storage key): the same config gives the same bits. */
    public static ModelWeights initialize(TransformerConfig config, SharingScheme scheme) {
        List<TensorSlot> layout = WeightLayout.slots(config, scheme);
        Map<String, float[]> byStorage = new HashMap<>();
        Map<String, float[]> byName = new LinkedHashMap<>();
        for (TensorSlot slot : layout) {
            float[] data = byStorage.computeIfAbsent(slot.storageKey(), key -> create(slot, config.seed(), key));
            byName.put(slot.name(), data);
        }
        return new ModelWeights(config, scheme, layout, byName);
    }

    /**
     * Assembles weights from named arrays (e.g. read from a safetensors file). Every slot must be present with the
     * right element count, and slots the scheme shares must be the identical array object; otherwise the
     * arrays would silently disagree with the scheme's accounting.
     */
    public static ModelWeights fromTensors(TransformerConfig config, SharingScheme scheme,
                                           Map<String, float[]> tensors) {
        List<TensorSlot> layout = WeightLayout.slots(config, scheme);
        Map<String, float[]> byStorage = new HashMap<>();
        Map<String, String> firstNameOfStorage = new HashMap<>();
        Map<String, float[]> byName = new LinkedHashMap<>();
        for (TensorSlot slot : layout) {
            float[] data = tensors.get(slot.name());
            if (data == null) throw new IllegalArgumentException("missing tensor '" + slot.name() + "'");
            if (data.length != slot.elements()) throw new IllegalArgumentException("tensor '" + slot.name()
                    + "' has " + data.length + " elements, expected " + slot.elements());
            float[] shared = byStorage.putIfAbsent(slot.storageKey(), data);
            firstNameOfStorage.putIfAbsent(slot.storageKey(), slot.name());
            if (shared != null && shared != data) throw new IllegalArgumentException("tensor '" + slot.name()
                    + "' must be the same array as '" + firstNameOfStorage.get(slot.storageKey())
                    + "' under sharing scheme " + scheme + ", but is a distinct array");
            byName.put(slot.name(), data);
        }
        for (String name : tensors.keySet())
            if (!byName.containsKey(name)) throw new IllegalArgumentException("unexpected tensor '" + name
                    + "' for this config and scheme " + scheme);
        return new ModelWeights(config, scheme, layout, byName);
    }

    private static float[] create(TensorSlot slot, long seed, String storageKey) {
        float[] data = new float[Math.toIntExact(slot.elements())];
        // Seeding per storage key (not one stream for the whole model) makes a block's values independent of
        // creation order and of which other blocks exist.
        SplittableRandom rnd = new SplittableRandom(mix(seed, storageKey.hashCode()));
        switch (slot.init()) {
            case Init.XavierUniform(int fanIn, int fanOut) -> uniform(data, rnd, Math.sqrt(6.0 / (fanIn + fanOut)));
            case Init.BiasUniform(int fanIn) -> uniform(data, rnd, 1.0 / Math.sqrt(fanIn));
            case Init.Normal(double std) -> {
                for (int i = 0; i < data.length; i++) data[i] = (float) (rnd.nextGaussian() * std);
            }
            case Init.Constant(float value) -> java.util.Arrays.fill(data, value);
        }
        return data;
    }

    private static void uniform(float[] data, SplittableRandom rnd, double bound) {
        for (int i = 0; i < data.length; i++) data[i] = (float) rnd.nextDouble(-bound, bound);
    }

    /** SplitMix64 finalizer over seed and key hash, so nearby seeds and keys give unrelated streams. */
    private static long mix(long seed, int keyHash) {
        long z = seed * 0x9E3779B97F4A7C15L + keyHash;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private Attention attention(String p) {
        return new Attention(byName.get(p + "wq"), byName.get(p + "wk"), byName.get(p + "wv"), byName.get(p + "wo"),
                byName.get(p + "bq"), byName.get(p + "bk"), byName.get(p + "bv"), byName.get(p + "bo"));
    }

    private Ffn ffn(String p) {
        return new Ffn(byName.get(p + "w1"), byName.get(p + "b1"), byName.get(p + "w2"), byName.get(p + "b2"));
    }

    private LayerNorm norm(String p) {
        return new LayerNorm(byName.get(p + "gamma"), byName.get(p + "beta"));
    }

    public TransformerConfig config() { return config; }
    public SharingScheme scheme() { return scheme; }
    public List<EncoderLayer> encoderLayers() { return Collections.unmodifiableList(encoderLayers); }
    public List<DecoderLayer> decoderLayers() { return Collections.unmodifiableList(decoderLayers); }
    public float[] embeddings() { return byName.get(WeightLayout.EMBEDDINGS); }
    /** [vocab x d]; the same object as {@link #embeddings()} when embeddings are tied. */
    public float[] outputProjection() { return byName.get(WeightLayout.OUTPUT_PROJECTION); }

    /** Final LayerNorm of a stack (pre-norm models only), else null. */
    public LayerNorm finalNorm(Stack stack) {
        String p = WeightLayout.stackName(stack) + ".final_norm.";
        return byName.containsKey(p + "gamma") ? norm(p) : null;
    }

    /** Slots in layout order; aliases appear once per position. */
    public List<TensorSlot> layout() { return layout; }

    /** Every slot name to its array, in layout order; shared slots map to the same array. */
    public Map<String, float[]> tensors() { return byName; }

    public float[] tensor(String name) {
        float[] t = byName.get(name);
        if (t == null) throw new IllegalArgumentException("no tensor named '" + name + "'");
        return t;
    }
}
