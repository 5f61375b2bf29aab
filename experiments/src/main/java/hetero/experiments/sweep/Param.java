package hetero.experiments.sweep;

import hetero.experiments.BadInputException;
import hetero.model.AttentionKind;
import hetero.model.SharingScheme;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every parameter a sweep can vary, with its type, default and CSV column. The enum order is the
 * grid's expansion order (first = outermost loop), so sweeps are deterministic whatever order a
 * preset lists its keys in. Parameters with {@code inKey == false} are run settings: recorded in
 * the CSV but not part of a configuration's identity (re-running with more iterations resumes the
 * same rows instead of adding new ones).
 *
 * <p>Validation happens in two places, both before anything runs: {@link #parse} checks a value on
 * its own (numbers in range, masks, sharing schemes, whatever the workload); a workload's
 * {@link hetero.experiments.workload.Workload#choices()} lists the names it accepts for the
 * parameters it reads (variants, ...), and {@code Sweep.plan} rejects a name no workload of the
 * sweep accepts. A new parameter plugs in at one of the two.
 */
public enum Param {
    WORKLOAD("workload", "workload", Kind.NAME, "vector-add", true),
    SCHEME("scheme", "scheme", Kind.NAME, "none", true),
    VARIANT("variant", "variant", Kind.NAME, "default", true),
    MASK("mask", "mask", Kind.NAME, "none", true),
    /** softmax, linear or local:W ({@link AttentionKind}). */
    ATTENTION("attention", "attention", Kind.NAME, "softmax", true),
    /** dot, cosine or additive: how softmax attention scores a query against a key. */
    SCORING("scoring", "scoring", Kind.NAME, "dot", true),
    LAYERS("layers", "layers", Kind.INT, "1", true),
    D_MODEL("dModel", "d_model", Kind.INT, "512", true),
    D_FF("dFF", "d_ff", Kind.INT, "2048", true),
    HEADS("heads", "heads", Kind.INT, "8", true),
    /** Defaults to {@link #HEADS} (plain multi-head attention) when not given. */
    KV_HEADS("kvHeads", "kv_heads", Kind.INT, null, true),
    /**
     * Head width. Defaults to dModel / heads; given without dModel, dModel becomes heads * dHead
     * (so {@code --set dHead=32,64,128} sweeps head width at fixed heads).
     */
    D_HEAD("dHead", "d_head", Kind.INT, null, true),
    BATCH("batch", "batch", Kind.INT, "1", true),
    SEQ("seq", "seq", Kind.INT, "128", true),
    /** Innermost, so one configuration runs on every device back to back. */
    DEVICE("device", "device_id", Kind.NAME, "jvm", true),
    WARMUPS("warmups", "warmups", Kind.COUNT, "2", false),
    ITERATIONS("iterations", "iterations", Kind.INT, "5", false),
    SEED("seed", "seed", Kind.LONG, "42", false),
    /** Per-configuration wall-clock limit in seconds (the whole prepare + warmups + iterations). */
    TIMEOUT("timeout", "timeout_s", Kind.INT, "300", false);

    /** INT: a positive int; COUNT: a non-negative int; LONG: any long; NAME: a word. */
    public enum Kind { INT, COUNT, LONG, NAME }

    public static final List<String> MASKS = List.of("none", "causal", "padding");
    public static final List<String> SCORINGS = List.of("dot", "cosine", "additive");

    public final String key;
    public final String column;
    public final Kind kind;
    public final String defaultValue;
    public final boolean inKey;

    Param(String key, String column, Kind kind, String defaultValue, boolean inKey) {
        this.key = key;
        this.column = column;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.inKey = inKey;
    }

    /** Accepts the preset key ({@code kvHeads}), the CSV column ({@code kv_heads}) or {@code devices}. */
    public static Param byKey(String key) {
        String k = key.trim();
        if (k.equals("devices")) return DEVICE;
        for (Param p : values()) if (p.key.equalsIgnoreCase(k) || p.column.equalsIgnoreCase(k)) return p;
        throw new BadInputException("unknown parameter '" + key + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(p -> p.key).toList()));
    }

    /** Parses one value of this parameter, failing with a message that names the parameter. */
    public Object parse(String raw) {
        String v = raw.trim();
        try {
            return switch (kind) {
                case INT -> {
                    int i = Integer.parseInt(v);
                    if (i <= 0) throw new BadInputException(key + " must be positive, got " + v);
                    yield i;
                }
                case COUNT -> {
                    int i = Integer.parseInt(v);
                    if (i < 0) throw new BadInputException(key + " must not be negative, got " + v);
                    yield i;
                }
                case LONG -> Long.parseLong(v);
                case NAME -> {
                    if (!v.matches("[A-Za-z0-9_.:+-]+")) throw new BadInputException(key + " must be a word (letters, digits, _.:+-), got '" + v + "'");
                    if (this == MASK && !MASKS.contains(v.toLowerCase(Locale.ROOT))) {
                        throw new BadInputException("mask must be one of " + MASKS + ", got '" + v + "'");
                    }
                    if (this == SCORING && !SCORINGS.contains(v.toLowerCase(Locale.ROOT))) {
                        throw new BadInputException("scoring must be one of " + SCORINGS + ", got '" + v + "'");
                    }
                    if (this == SCHEME) {
                        try {
                            SharingScheme.parse(v);   // every workload: a scheme it ignores must still be a real one
                        } catch (IllegalArgumentException e) {
                            throw new BadInputException("scheme: " + e.getMessage());
                        }
                    }
                    if (this == ATTENTION) yield attention(v);
                    yield this == MASK || this == SCORING ? v.toLowerCase(Locale.ROOT) : v;
                }
            };
        } catch (NumberFormatException e) {
            throw new BadInputException(key + " must be " + (kind == Kind.LONG ? "an integer" : "a whole number") + ", got '" + v + "'");
        }
    }

    /** The canonical text of an attention kind (softmax, linear, local:W), or a BadInputException saying what is wrong. */
    private static String attention(String v) {
        try {
            return AttentionKind.parse(v).toString();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("attention: " + e.getMessage());
        }
    }
}
