package hetero.model;

/**
 * Shape and initialization settings of an encoder-decoder Transformer.
 *
 * <p>Either stack may be empty: {@code decoderLayers = 0} is an encoder-only model (BERT-like), and
 * {@code encoderLayers = 0} a decoder-only model whose decoder layers have no cross-attention (GPT-like).
 * The constructor validates, so an invalid config cannot exist; each error message names the offending field.
 * Use {@link #builder()} or {@link #toBuilder()} to create and modify configs.
 *
 * @param dModel         model width d
 * @param heads          query heads; must divide dModel
 * @param kvHeads        key/value heads (MHA: = heads, GQA: a divisor, MQA: 1); must divide heads
 * @param dFF            feed-forward inner width f
 * @param encoderLayers  number of encoder layers (>= 0)
 * @param decoderLayers  number of decoder layers (>= 0); at least one stack must be non-empty
 * @param activation     feed-forward activation
 * @param normPlacement  post-norm (original Transformer) or pre-norm
 * @param vocabulary     vocabulary size, shared by source and target (one embedding table)
 * @param maxSequence    longest sequence the model accepts
 * @param seed           seed of the deterministic weight initialization
 * @param biases         whether linear layers carry biases
 * @param tiedEmbeddings whether the output projection is the embedding table itself (aliased)
 * @param encoderAttention self-attention of the encoder layers: softmax, linear or local:W ({@link AttentionKind})
 * @param decoderAttention self-attention of the decoder layers (causal); cross-attention is always softmax
 * @param embeddings     embedding width E, learned positions, token types, embedding norm, pooler
 *                       ({@link EmbeddingConfig#STANDARD}: E = dModel, sinusoidal positions, none of the rest)
 */
public record TransformerConfig(int dModel, int heads, int kvHeads, int dFF, int encoderLayers, int decoderLayers,
                                Activation activation, NormPlacement normPlacement, int vocabulary, int maxSequence,
                                long seed, boolean biases, boolean tiedEmbeddings, AttentionKind encoderAttention,
                                AttentionKind decoderAttention, EmbeddingConfig embeddings) {

    public TransformerConfig {
        positive("dModel", dModel);
        positive("heads", heads);
        positive("kvHeads", kvHeads);
        positive("dFF", dFF);
        nonNegative("encoderLayers", encoderLayers);
        nonNegative("decoderLayers", decoderLayers);
        positive("vocabulary", vocabulary);
        positive("maxSequence", maxSequence);
        if (encoderLayers + decoderLayers == 0)
            throw new IllegalArgumentException("encoderLayers + decoderLayers must be >= 1, both are 0");
        if (dModel % heads != 0)
            throw new IllegalArgumentException("heads (" + heads + ") must divide dModel (" + dModel + ")");
        if (heads % kvHeads != 0)
            throw new IllegalArgumentException("kvHeads (" + kvHeads + ") must divide heads (" + heads + ")");
        if (activation == null) throw new IllegalArgumentException("activation must not be null");
        if (normPlacement == null) throw new IllegalArgumentException("normPlacement must not be null");
        if (encoderAttention == null) throw new IllegalArgumentException("encoderAttention must not be null");
        if (decoderAttention == null) throw new IllegalArgumentException("decoderAttention must not be null");
        if (embeddings == null) throw new IllegalArgumentException("embeddings must not be null");
    }

    /** The self-attention kind of a stack. */
    public AttentionKind attention(Stack stack) { return stack == Stack.ENCODER ? encoderAttention : decoderAttention; }

    /** Embedding width E (dModel unless factorized). */
    public int embeddingSize() { return embeddings.width(dModel); }

    private static void positive(String field, int value) {
        if (value <= 0) throw new IllegalArgumentException(field + " must be > 0, got " + value);
    }

    private static void nonNegative(String field, int value) {
        if (value < 0) throw new IllegalArgumentException(field + " must be >= 0, got " + value);
    }

    /** Width of one head. */
    public int dHead() { return dModel / heads; }

    /** Width of the key (and value) projection: kvHeads * dHead. Equals dModel for plain multi-head attention. */
    public int dKv() { return kvHeads * dHead(); }

    /** Query heads that read the same KV head. */
    public int queriesPerKvHead() { return heads / kvHeads; }

    /** Decoder layers have cross-attention only when there is an encoder to attend to. */
    public boolean hasCrossAttention() { return encoderLayers > 0 && decoderLayers > 0; }

    /** LayerNorms per layer of the given stack. */
    public int normsPerLayer(Stack stack) {
        return stack == Stack.DECODER && hasCrossAttention() ? 3 : 2;
    }

    public int layers(Stack stack) { return stack == Stack.ENCODER ? encoderLayers : decoderLayers; }

    /**
     * Refuses a sharing scheme that does not fit this config's layer counts, e.g. cycle:4 over a 3-layer stack or
     * encoder-decoder sharing with more decoder than encoder layers. The message names the field.
     */
    public static void validate(TransformerConfig config, SharingScheme scheme) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        if (scheme == null) throw new IllegalArgumentException("scheme must not be null");
        scheme.checkFits(config);
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        return new Builder().dModel(dModel).heads(heads).kvHeads(kvHeads).dFF(dFF).encoderLayers(encoderLayers)
                .decoderLayers(decoderLayers).activation(activation).normPlacement(normPlacement)
                .vocabulary(vocabulary).maxSequence(maxSequence).seed(seed).biases(biases)
                .tiedEmbeddings(tiedEmbeddings).encoderAttention(encoderAttention).decoderAttention(decoderAttention)
                .embeddings(embeddings);
    }

    /** Builder with Transformer-base defaults (d=512, 8 heads, f=2048, 6+6 layers, post-norm, ReLU). */
    public static final class Builder {
        private int dModel = 512, heads = 8, kvHeads = 8, dFF = 2048, encoderLayers = 6, decoderLayers = 6;
        private Activation activation = Activation.RELU;
        private NormPlacement normPlacement = NormPlacement.POST_NORM;
        private int vocabulary = 32000, maxSequence = 1024;
        private long seed = 42;
        private boolean biases = true, tiedEmbeddings = false;
        private AttentionKind encoderAttention = AttentionKind.SOFTMAX, decoderAttention = AttentionKind.SOFTMAX;
        private EmbeddingConfig embeddings = EmbeddingConfig.STANDARD;

        public Builder dModel(int v) { dModel = v; return this; }
        public Builder heads(int v) { heads = v; return this; }
        public Builder kvHeads(int v) { kvHeads = v; return this; }
        public Builder dFF(int v) { dFF = v; return this; }
        public Builder encoderLayers(int v) { encoderLayers = v; return this; }
        public Builder decoderLayers(int v) { decoderLayers = v; return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        public Builder normPlacement(NormPlacement v) { normPlacement = v; return this; }
        public Builder vocabulary(int v) { vocabulary = v; return this; }
        public Builder maxSequence(int v) { maxSequence = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder biases(boolean v) { biases = v; return this; }
        public Builder tiedEmbeddings(boolean v) { tiedEmbeddings = v; return this; }
        public Builder encoderAttention(AttentionKind v) { encoderAttention = v; return this; }
        public Builder decoderAttention(AttentionKind v) { decoderAttention = v; return this; }
        /** The same attention kind in both stacks. */
        public Builder attention(AttentionKind v) { encoderAttention = v; decoderAttention = v; return this; }
        public Builder embeddings(EmbeddingConfig v) { embeddings = v; return this; }

        public TransformerConfig build() {
            return new TransformerConfig(dModel, heads, kvHeads, dFF, encoderLayers, decoderLayers, activation,
                    normPlacement, vocabulary, maxSequence, seed, biases, tiedEmbeddings, encoderAttention, decoderAttention, embeddings);
        }
    }
}
