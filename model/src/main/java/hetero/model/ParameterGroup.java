package hetero.model;

/**
 * Accounting groups: the four {@link BlockKind}s plus the parameters outside the layers (EMBEDDINGS holds the token
 * table and, when configured, the E x dModel projection, learned positions, token types and the embedding norm).
 */
public enum ParameterGroup { EMBEDDINGS, OUTPUT_PROJECTION, ATTENTION, CROSS_ATTENTION, FFN, NORMS, FINAL_NORMS, POOLER;

    static ParameterGroup of(BlockKind kind) {
        return switch (kind) {
            case ATTENTION -> ATTENTION;
            case CROSS_ATTENTION -> CROSS_ATTENTION;
            case FFN -> FFN;
            case NORMS -> NORMS;
        };
    }
}
