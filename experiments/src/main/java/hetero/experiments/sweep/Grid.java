package hetero.experiments.sweep;

import hetero.experiments.BadInputException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Expands a preset into configurations (a cartesian product) and splits it into shards. */
public final class Grid {
    private Grid() {
    }

    /**
     * Every combination of the preset's values, in a deterministic order: block by block; within
     * a block parameters nest in {@link Param} order (workload outermost, device innermost),
     * values in the order given. A configuration two blocks share appears once (its first place).
     * The device axis must already hold concrete device ids (see {@code Devices}).
     */
    public static List<Config> expand(Preset preset) {
        Param[] params = Param.values();
        List<Config> out = new ArrayList<>();
        for (Map<Param, List<String>> axes : preset.blocks()) expand(axes, params, 0, new EnumMap<>(Param.class), out);
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private static void expand(Map<Param, List<String>> axes, Param[] params, int i, Map<Param, String> chosen, List<Config> out) {
        if (i == params.length) {
            out.add(Config.parse(chosen));
            return;
        }
        List<String> values = axes.get(params[i]);
        if (values == null) {
            expand(axes, params, i + 1, chosen, out);
            return;
        }
        for (String v : values) {
            chosen.put(params[i], v);
            expand(axes, params, i + 1, chosen, out);
        }
        chosen.remove(params[i]);
    }

    /** A shard {@code k/n}: 1 <= k <= n. */
    public record Shard(int k, int n) {
        public static final Shard ALL = new Shard(1, 1);

        public Shard {
            if (n < 1 || k < 1 || k > n) throw new BadInputException("--shard must be k/n with 1 <= k <= n, got " + k + "/" + n);
        }

        public static Shard parse(String s) {
            String[] parts = s.trim().split("/");
            try {
                if (parts.length == 2) return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new BadInputException("--shard must be k/n (e.g. 2/8), got '" + s + "'");
        }

        /**
         * Round-robin: configuration i goes to shard (i mod n) + 1. Interleaving, not blocks, so a
         * sequence-length sweep spreads its slow large configurations over all shards.
         */
        public <T> List<T> select(List<T> all) {
            List<T> out = new ArrayList<>();
            for (int i = k - 1; i < all.size(); i += n) out.add(all.get(i));
            return out;
        }

        @Override
        public String toString() {
            return k + "/" + n;
        }
    }
}
