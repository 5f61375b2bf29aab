package hetero.model;

/**
 * Identity of one parameter block. Two (stack, layer, kind) positions that a {@link SharingScheme} maps to the
 * same key use the very same arrays. {@code owner} is the stack that owns the block: under ENCODER_DECODER
 * sharing a decoder layer's self-attention maps to a key owned by the ENCODER.
 */
public record BlockKey(Stack owner, BlockKind kind, int index) {
    public BlockKey {
        if (owner == null || kind == null) throw new IllegalArgumentException("owner and kind must not be null");
        if (index < 0) throw new IllegalArgumentException("index must be >= 0, got " + index);
    }

    @Override
    public String toString() {
        return owner.name().toLowerCase() + "/" + kind.name().toLowerCase() + "/" + index;
    }
}
