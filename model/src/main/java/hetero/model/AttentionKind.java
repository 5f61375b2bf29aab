package hetero.model;

import java.util.Locale;

/**
 * Which attention a stack uses: {@code softmax} (exact, O(seq^2) work; the KV-cache decoder keeps every past key
 * and value), {@code linear} (Katharopoulos et al. 2020, phi(x) = elu(x) + 1: O(seq) work, and a decoder keeps a
 * constant state of dHead x (dHead + 1) floats per KV head instead of a cache) or {@code local:W} (softmax over a
 * sliding window of W keys: O(seq W) work). The text form is what configs, sweeps and CSVs use.
 *
 * @param type   the family
 * @param window keys per window for LOCAL (>= 1); 0 otherwise
 */
public record AttentionKind(Type type, int window) {
    public enum Type { SOFTMAX, LINEAR, LOCAL }

    public static final AttentionKind SOFTMAX = new AttentionKind(Type.SOFTMAX, 0);
    public static final AttentionKind LINEAR = new AttentionKind(Type.LINEAR, 0);

    public AttentionKind {
        if (type == null) throw new IllegalArgumentException("attention type must not be null");
        if (type == Type.LOCAL && window < 1) throw new IllegalArgumentException("local attention needs a window >= 1, got " + window);
        if (type != Type.LOCAL && window != 0) throw new IllegalArgumentException(type.name().toLowerCase(Locale.ROOT) + " attention has no window");
    }

    public static AttentionKind local(int window) {
        return new AttentionKind(Type.LOCAL, window);
    }

    /** Parses {@code softmax}, {@code linear} or {@code local:W} (W a positive integer), any case. */
    public static AttentionKind parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("softmax")) return SOFTMAX;
        if (t.equals("linear")) return LINEAR;
        if (t.startsWith("local:")) {
            String w = t.substring("local:".length());
            try {
                int window = Integer.parseInt(w);
                if (window >= 1) return local(window);
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("local attention needs a positive whole window, as in local:256; got '" + text + "'");
        }
        throw new IllegalArgumentException("unknown attention '" + text + "'; known: softmax, linear, local:W (W a positive window)");
    }

    @Override
    public String toString() {
        return type == Type.LOCAL ? "local:" + window : type.name().toLowerCase(Locale.ROOT);
    }
}
