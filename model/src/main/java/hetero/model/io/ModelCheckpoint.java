package hetero.model.io;

import hetero.model.Activation;
import hetero.model.AttentionKind;
import hetero.model.EmbeddingConfig;
import hetero.model.ModelWeights;
import hetero.model.NormPlacement;
import hetero.model.SharingScheme;
import hetero.model.TensorSlot;
import hetero.model.TransformerConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and loads {@link ModelWeights} as safetensors. Tensor names are the {@link TensorSlot} names; each shared
 * array is stored once and its other names are aliases (see {@link SafeTensors}), so loading restores aliasing.
 * The config and scheme travel in {@code __metadata__} ("config.&lt;field&gt;", "scheme", "format").
 */
public final class ModelCheckpoint {
    private ModelCheckpoint() { }

    public static final String FORMAT = "hetero.model/1";

    public static void save(ModelWeights weights, Path file) throws IOException {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (TensorSlot slot : weights.layout())
            tensors.put(slot.name(), new SafeTensors.Tensor(slot.shape(), weights.tensor(slot.name())));
        SafeTensors.write(file, tensors, metadata(weights.config(), weights.scheme()));
    }

    public static ModelWeights load(Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> meta = contents.metadata();
        if (!FORMAT.equals(meta.get("format"))) throw new IllegalArgumentException(
                file + ": not a " + FORMAT + " checkpoint (metadata format = " + meta.get("format") + ")");
        TransformerConfig config = config(meta);
        SharingScheme scheme = SharingScheme.parse(required(meta, "scheme"));
        Map<String, float[]> arrays = new HashMap<>();
        for (var e : contents.tensors().entrySet()) arrays.put(e.getKey(), e.getValue().data());
        ModelWeights weights = ModelWeights.fromTensors(config, scheme, arrays);
        for (TensorSlot slot : weights.layout()) {
            int[] stored = contents.tensors().get(slot.name()).shape();
            if (!Arrays.equals(stored, slot.shape())) throw new IllegalArgumentException(file + ": tensor '"
                    + slot.name() + "' has shape " + Arrays.toString(stored) + ", expected "
                    + Arrays.toString(slot.shape()));
        }
        return weights;
    }

    static Map<String, String> metadata(TransformerConfig c, SharingScheme scheme) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("scheme", scheme.toString());
        m.put("config.dModel", Integer.toString(c.dModel()));
        m.put("config.heads", Integer.toString(c.heads()));
        m.put("config.kvHeads", Integer.toString(c.kvHeads()));
        m.put("config.dFF", Integer.toString(c.dFF()));
        m.put("config.encoderLayers", Integer.toString(c.encoderLayers()));
        m.put("config.decoderLayers", Integer.toString(c.decoderLayers()));
        m.put("config.activation", c.activation().name());
        m.put("config.normPlacement", c.normPlacement().name());
        m.put("config.vocabulary", Integer.toString(c.vocabulary()));
        m.put("config.maxSequence", Integer.toString(c.maxSequence()));
        m.put("config.seed", Long.toString(c.seed()));
        m.put("config.biases", Boolean.toString(c.biases()));
        m.put("config.tiedEmbeddings", Boolean.toString(c.tiedEmbeddings()));
        m.put("config.encoderAttention", c.encoderAttention().toString());
        m.put("config.decoderAttention", c.decoderAttention().toString());
        EmbeddingConfig e = c.embeddings();
        m.put("config.embeddings", e.size() + "," + e.learnedPositions() + "," + e.tokenTypes() + "," + e.norm() + "," + e.pooler());
        return m;
    }

    static TransformerConfig config(Map<String, String> m) {
        try {
            return TransformerConfig.builder()
                    .dModel(Integer.parseInt(required(m, "config.dModel")))
                    .heads(Integer.parseInt(required(m, "config.heads")))
                    .kvHeads(Integer.parseInt(required(m, "config.kvHeads")))
                    .dFF(Integer.parseInt(required(m, "config.dFF")))
                    .encoderLayers(Integer.parseInt(required(m, "config.encoderLayers")))
                    .decoderLayers(Integer.parseInt(required(m, "config.decoderLayers")))
                    .activation(Activation.valueOf(required(m, "config.activation")))
                    .normPlacement(NormPlacement.valueOf(required(m, "config.normPlacement")))
                    .vocabulary(Integer.parseInt(required(m, "config.vocabulary")))
                    .maxSequence(Integer.parseInt(required(m, "config.maxSequence")))
                    .seed(Long.parseLong(required(m, "config.seed")))
                    .biases(Boolean.parseBoolean(required(m, "config.biases")))
                    .tiedEmbeddings(Boolean.parseBoolean(required(m, "config.tiedEmbeddings")))
                    // Checkpoints written before these fields existed are softmax models with the standard embedding.
                    .encoderAttention(AttentionKind.parse(m.getOrDefault("config.encoderAttention", "softmax")))
                    .decoderAttention(AttentionKind.parse(m.getOrDefault("config.decoderAttention", "softmax")))
                    .embeddings(embeddings(m.get("config.embeddings")))
                    .build();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad config value in checkpoint metadata: " + e.getMessage(), e);
        }
    }

    /** "size,learnedPositions,tokenTypes,norm,pooler", or the standard embedding when absent. */
    private static EmbeddingConfig embeddings(String text) {
        if (text == null) return EmbeddingConfig.STANDARD;
        String[] f = text.split(",");
        if (f.length != 5) throw new IllegalArgumentException("config.embeddings must be size,learnedPositions,tokenTypes,norm,pooler; got '" + text + "'");
        return new EmbeddingConfig(Integer.parseInt(f[0].trim()), Boolean.parseBoolean(f[1].trim()), Integer.parseInt(f[2].trim()),
                Boolean.parseBoolean(f[3].trim()), Boolean.parseBoolean(f[4].trim()));
    }

    private static String required(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) throw new IllegalArgumentException("checkpoint metadata lacks '" + key + "'");
        return v;
    }
}
