package hetero.model;

/**
 * How tokens become dModel-wide vectors. The standard Transformer ({@link #STANDARD}): a [vocab x dModel] table,
 * scaled by sqrt(dModel), plus computed sinusoidal positions. ALBERT's factorized embedding (Lan et al. 2019) and
 * BERT's extras are described by the other fields:
 *
 * @param size             embedding width E; 0 means dModel. With E != dModel the table is [vocab x E] and an
 *                         E x dModel projection (plus a bias when the model has biases) maps it to dModel
 * @param learnedPositions a learned [maxSequence x E] position table instead of sinusoidal positions
 * @param tokenTypes       rows of a learned token-type (segment) table [tokenTypes x E]; 0 for none
 * @param norm             a LayerNorm over the E-wide sum of the embeddings (BERT, ALBERT), before the projection
 * @param pooler           a dModel x dModel dense layer (with bias) on the first token's output (BERT, ALBERT)
 */
public record EmbeddingConfig(int size, boolean learnedPositions, int tokenTypes, boolean norm, boolean pooler) {
    public static final EmbeddingConfig STANDARD = new EmbeddingConfig(0, false, 0, false, false);

    public EmbeddingConfig {
        if (size < 0) throw new IllegalArgumentException("embedding size must be >= 0 (0 = dModel), got " + size);
        if (tokenTypes < 0) throw new IllegalArgumentException("tokenTypes must be >= 0, got " + tokenTypes);
    }

    /** BERT/ALBERT style: width E (0 = dModel), learned positions, 2 token types, an embedding LayerNorm and a pooler. */
    public static EmbeddingConfig bertStyle(int size) {
        return new EmbeddingConfig(size, true, 2, true, true);
    }

    public EmbeddingConfig withPooler(boolean p) {
        return new EmbeddingConfig(size, learnedPositions, tokenTypes, norm, p);
    }

    /** E for a model of width dModel. */
    public int width(int dModel) {
        return size == 0 ? dModel : size;
    }

    /** Whether an E x dModel projection exists (E differs from dModel). */
    public boolean factorized(int dModel) {
        return width(dModel) != dModel;
    }

    public boolean isStandard() {
        return equals(STANDARD);
    }
}
