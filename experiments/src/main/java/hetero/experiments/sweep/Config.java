package hetero.experiments.sweep;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One point of a sweep: a typed value for every {@link Param}, device included. Immutable.
 * {@link #key()} is the stable identity written to the CSV's {@code config_key} column; resume,
 * merge and reproduce match rows by it.
 */
public final class Config {
    private final Map<Param, Object> values;

    private Config(Map<Param, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Fills defaults for missing parameters; kvHeads defaults to heads; dHead defaults to dModel / heads, and a
     * dHead given without dModel sets dModel = heads * dHead.
     */
    public static Config of(Map<Param, Object> given) {
        Map<Param, Object> v = new EnumMap<>(Param.class);
        for (Param p : Param.values()) {
            if (given.containsKey(p)) v.put(p, given.get(p));
            else if (p.defaultValue != null) v.put(p, p.parse(p.defaultValue));
        }
        v.putIfAbsent(Param.KV_HEADS, v.get(Param.HEADS));
        int heads = (Integer) v.get(Param.HEADS);
        if (given.containsKey(Param.D_HEAD) && !given.containsKey(Param.D_MODEL)) v.put(Param.D_MODEL, heads * (Integer) given.get(Param.D_HEAD));
        v.putIfAbsent(Param.D_HEAD, Math.max(1, (Integer) v.get(Param.D_MODEL) / heads));
        return new Config(v);
    }

    /** Parses string values (from a preset, the command line or a CSV row). */
    public static Config parse(Map<Param, String> raw) {
        Map<Param, Object> v = new EnumMap<>(Param.class);
        raw.forEach((p, s) -> v.put(p, p.parse(s)));
        return of(v);
    }

    public Object get(Param p) {
        return values.get(p);
    }

    public int integer(Param p) {
        return ((Number) values.get(p)).intValue();
    }

    public String string(Param p) {
        return String.valueOf(values.get(p));
    }

    public String workload() { return string(Param.WORKLOAD); }
    public String device() { return string(Param.DEVICE); }
    public int seq() { return integer(Param.SEQ); }
    public int batch() { return integer(Param.BATCH); }
    public int heads() { return integer(Param.HEADS); }
    public int kvHeads() { return integer(Param.KV_HEADS); }
    public int dModel() { return integer(Param.D_MODEL); }
    public int dFF() { return integer(Param.D_FF); }
    public int dHead() { return integer(Param.D_HEAD); }
    public String attention() { return string(Param.ATTENTION); }
    public String scoring() { return string(Param.SCORING); }
    public int layers() { return integer(Param.LAYERS); }
    public String scheme() { return string(Param.SCHEME); }
    public String variant() { return string(Param.VARIANT); }
    public String mask() { return string(Param.MASK); }
    public int warmups() { return integer(Param.WARMUPS); }
    public int iterations() { return integer(Param.ITERATIONS); }
    public long seed() { return ((Number) values.get(Param.SEED)).longValue(); }
    public int timeoutSeconds() { return integer(Param.TIMEOUT); }

    public Config with(Param p, Object value) {
        Map<Param, Object> v = new EnumMap<>(values);
        v.put(p, value);
        return new Config(v);
    }

    /**
     * Why this combination cannot be run by any workload (heads not divisible, ...), or null.
     * Such configurations become {@code skipped:} rows instead of stopping the sweep.
     */
    public String invalidReason() {
        if (heads() % kvHeads() != 0) return "kvHeads " + kvHeads() + " does not divide heads " + heads();
        if (dModel() % heads() != 0) return "heads " + heads() + " does not divide dModel " + dModel();
        if (dHead() * heads() != dModel()) return "dHead " + dHead() + " * heads " + heads() + " != dModel " + dModel();
        return null;
    }

    /** {@code workload=vector-add;scheme=none;...;device=jvm}: every parameter in the key, in enum order. */
    public String key() {
        StringJoiner j = new StringJoiner(";");
        for (Param p : Param.values()) if (p.inKey) j.add(p.key + "=" + values.get(p));
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return key();
    }
}
