package hetero.model;

import java.util.Locale;

/**
 * Maps every (stack, layer, block kind) position of a model to the {@link BlockKey} of the parameters it uses.
 * Positions mapped to the same key share (alias) the same arrays. Head sharing is orthogonal: it is
 * {@link TransformerConfig#kvHeads()} and combines with every scheme.
 *
 * <p>Layer-pattern schemes (NONE, ALL, SEQUENCE, CYCLE, CYCLE_REV, SANDWICH) apply the same pattern to all block
 * kinds of a layer, separately within each stack (the encoder never shares with the decoder under them).
 * With N layers in a stack and M distinct blocks, layer i (0-based) uses block:
 * <ul>
 *   <li>NONE: i. ALL (ALBERT, Universal Transformer): 0, every block kind including the LayerNorms.</li>
 *   <li>SEQUENCE(M): floor(i * M / N). For N = 6, M = 3: 0,0,1,1,2,2. When M does not divide N the blocks
 *       cover runs whose lengths differ by at most one, the shorter runs last (N = 7, M = 3: 0,0,0,1,1,2,2).
 *       This keeps exactly M blocks; the paper's Algorithm 1 (a new block every floor(N/M) layers) would create
 *       more than M blocks for such N, so we deliberately deviate there.</li>
 *   <li>CYCLE(M): i mod M. N = 6, M = 3: 0,1,2,0,1,2.</li>
 *   <li>CYCLE_REV(M), as in Takase &amp; Kiyono 2021, Algorithm 1: the first M layers in order; then CYCLE up to
 *       layer M * (ceil(N/M) - 1); the remaining layers reversed: block M - 1 - (i mod M).
 *       N = 6, M = 3: 0,1,2,2,1,0. N = 7: 0,1,2,0,1,2,2. N = 5: 0,1,2,2,1. N = M: 0..M-1.</li>
 *   <li>SANDWICH (Subformer): first and last layer unique, all middle layers one shared block: 0,1,1,...,1,2.
 *       With N = 1 or 2 there is no middle and it equals NONE.</li>
 * </ul>
 * Block-kind schemes: ATTENTION_ONLY shares the self-attention across all layers of a stack (and the decoder's
 * cross-attention across decoder layers); FFN and norms stay per layer. FFN_ONLY shares the FFN; attention and
 * norms stay per layer. ENCODER_DECODER: the encoder is unshared; decoder layer i's self-attention and FFN are
 * the encoder's layer-i blocks; decoder cross-attention and norms are the decoder's own (needs
 * decoderLayers &lt;= encoderLayers).
 */
public sealed interface SharingScheme {

    record None() implements SharingScheme { @Override public String toString() { return "none"; } }
    record All() implements SharingScheme { @Override public String toString() { return "all"; } }
    record AttentionOnly() implements SharingScheme { @Override public String toString() { return "attention-only"; } }
    record FfnOnly() implements SharingScheme { @Override public String toString() { return "ffn-only"; } }
    record Sandwich() implements SharingScheme { @Override public String toString() { return "sandwich"; } }
    record EncoderDecoder() implements SharingScheme { @Override public String toString() { return "encoder-decoder"; } }

    record Sequence(int blocks) implements SharingScheme {
        public Sequence { requirePositiveBlocks("sequence", blocks); }
        @Override public String toString() { return "sequence:" + blocks; }
    }

    record Cycle(int blocks) implements SharingScheme {
        public Cycle { requirePositiveBlocks("cycle", blocks); }
        @Override public String toString() { return "cycle:" + blocks; }
    }

    record CycleRev(int blocks) implements SharingScheme {
        public CycleRev { requirePositiveBlocks("cycle-rev", blocks); }
        @Override public String toString() { return "cycle-rev:" + blocks; }
    }

    SharingScheme NONE = new None();
    SharingScheme ALL = new All();
    SharingScheme ATTENTION_ONLY = new AttentionOnly();
    SharingScheme FFN_ONLY = new FfnOnly();
    SharingScheme SANDWICH = new Sandwich();
    SharingScheme ENCODER_DECODER = new EncoderDecoder();

    static SharingScheme sequence(int blocks) { return new Sequence(blocks); }
    static SharingScheme cycle(int blocks) { return new Cycle(blocks); }
    static SharingScheme cycleRev(int blocks) { return new CycleRev(blocks); }

    String VALID_NAMES = "none, all, attention-only, ffn-only, sequence:M, cycle:M, cycle-rev:M, sandwich, "
            + "encoder-decoder";

    /** Parses the CLI form; {@code toString()} gives it back. */
    static SharingScheme parse(String text) {
        if (text == null) throw new IllegalArgumentException("sharing scheme must not be null; valid: " + VALID_NAMES);
        String s = text.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? null : s.substring(colon + 1).trim();
        return switch (name) {
            case "none" -> noArgument(NONE, arg, text);
            case "all" -> noArgument(ALL, arg, text);
            case "attention-only" -> noArgument(ATTENTION_ONLY, arg, text);
            case "ffn-only" -> noArgument(FFN_ONLY, arg, text);
            case "sandwich" -> noArgument(SANDWICH, arg, text);
            case "encoder-decoder" -> noArgument(ENCODER_DECODER, arg, text);
            case "sequence" -> new Sequence(blockCount(name, arg));
            case "cycle" -> new Cycle(blockCount(name, arg));
            case "cycle-rev" -> new CycleRev(blockCount(name, arg));
            default -> throw new IllegalArgumentException(
                    "unknown sharing scheme '" + text + "'; valid: " + VALID_NAMES);
        };
    }

    private static SharingScheme noArgument(SharingScheme scheme, String arg, String text) {
        if (arg != null) throw new IllegalArgumentException(
                "sharing scheme '" + scheme + "' takes no argument, got '" + text + "'; valid: " + VALID_NAMES);
        return scheme;
    }

    private static int blockCount(String name, String arg) {
        if (arg == null || arg.isEmpty()) throw new IllegalArgumentException(
                "sharing scheme '" + name + "' needs a block count M, e.g. '" + name + ":3'");
        try {
            return Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "sharing scheme '" + name + "': block count M must be an integer, got '" + arg + "'");
        }
    }

    private static void requirePositiveBlocks(String name, int blocks) {
        if (blocks < 1) throw new IllegalArgumentException(
                "sharing scheme '" + name + "': block count M must be >= 1, got " + blocks);
    }

    /**
     * The block used by layer {@code layer} of {@code stack} for {@code kind}.
     * Throws if the position does not exist in the config or the scheme does not fit it.
     */
    default BlockKey blockFor(TransformerConfig config, Stack stack, int layer, BlockKind kind) {
        int n = config.layers(stack);
        if (layer < 0 || layer >= n) throw new IllegalArgumentException(
                "layer " + layer + " out of range for " + stack + " with " + n + " layers");
        if (kind == BlockKind.CROSS_ATTENTION && (stack == Stack.ENCODER || !config.hasCrossAttention()))
            throw new IllegalArgumentException("no cross-attention in " + stack + " of this config");
        checkFits(config);
        return switch (this) {
            case AttentionOnly a -> new BlockKey(stack, kind,
                    kind == BlockKind.ATTENTION || kind == BlockKind.CROSS_ATTENTION ? 0 : layer);
            case FfnOnly f -> new BlockKey(stack, kind, kind == BlockKind.FFN ? 0 : layer);
            case EncoderDecoder e -> stack == Stack.DECODER && (kind == BlockKind.ATTENTION || kind == BlockKind.FFN)
                    ? new BlockKey(Stack.ENCODER, kind, layer)
                    : new BlockKey(stack, kind, layer);
            default -> new BlockKey(stack, kind, layerPattern(layer, n));
        };
    }

    /** For layer-pattern schemes: the block index of layer {@code layer} in a stack of {@code n} layers. */
    default int layerPattern(int layer, int n) {
        return switch (this) {
            case None x -> layer;
            case All x -> 0;
            case Sequence(int m) -> (int) ((long) layer * m / n);
            case Cycle(int m) -> layer % m;
            case CycleRev(int m) -> {
                int cycledUpTo = m * (ceilDiv(n, m) - 1);
                yield layer < m || layer < cycledUpTo ? layer % m : m - 1 - layer % m;
            }
            case Sandwich x -> layer == 0 ? 0 : layer < n - 1 ? 1 : Math.min(2, layer);
            case AttentionOnly x -> throw notLayerPattern();
            case FfnOnly x -> throw notLayerPattern();
            case EncoderDecoder x -> throw notLayerPattern();
        };
    }

    private UnsupportedOperationException notLayerPattern() {
        return new UnsupportedOperationException(this + " is not a layer-pattern scheme; use blockFor");
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    /** Refuses configs this scheme cannot be applied to; messages name the layer-count field. */
    default void checkFits(TransformerConfig config) {
        switch (this) {
            case Sequence(int m) -> fitsBlocks(config, m);
            case Cycle(int m) -> fitsBlocks(config, m);
            case CycleRev(int m) -> fitsBlocks(config, m);
            case EncoderDecoder e -> {
                if (config.encoderLayers() == 0 || config.decoderLayers() == 0)
                    throw new IllegalArgumentException("sharing scheme 'encoder-decoder' needs both stacks, but "
                            + "encoderLayers = " + config.encoderLayers() + " and decoderLayers = "
                            + config.decoderLayers());
                if (config.decoderLayers() > config.encoderLayers())
                    throw new IllegalArgumentException("sharing scheme 'encoder-decoder' needs decoderLayers ("
                            + config.decoderLayers() + ") <= encoderLayers (" + config.encoderLayers() + ")");
            }
            default -> { }
        }
    }

    private void fitsBlocks(TransformerConfig config, int m) {
        for (Stack stack : Stack.values()) {
            int n = config.layers(stack);
            if (n > 0 && m > n) throw new IllegalArgumentException("sharing scheme '" + this + "' needs at most "
                    + "as many blocks as layers, but " + (stack == Stack.ENCODER ? "encoderLayers" : "decoderLayers")
                    + " = " + n + " < M = " + m);
        }
    }
}
