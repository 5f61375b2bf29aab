package hetero.experiments.results;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Grid;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether merged shards hold exactly a sweep's grid: every configuration once (duplicates are refused earlier,
 * by {@link Merger}), none missing, none foreign. With the shard count known, a gap is blamed on its shard
 * (shards are round-robin over the grid, see {@link Grid.Shard#select}), so the report says which task of a
 * job array to resubmit.
 *
 * @param grid   the whole sweep, in grid order (devices already concrete ids)
 * @param shards the number of shards the sweep was split into, or 0 when unknown
 */
public record Completeness(List<Config> grid, int shards) {

    /** Problems found, one line each; empty when the keys are exactly the grid's. */
    public List<String> problems(Set<String> mergedKeys) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>();
        for (Config c : grid) expected.add(c.key());
        List<String> missing = expected.stream().filter(k -> !mergedKeys.contains(k)).toList();
        List<String> foreign = mergedKeys.stream().filter(k -> !expected.contains(k)).sorted().toList();
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " of " + expected.size() + " configurations missing");
            if (shards > 0) {
                List<String> rerun = new ArrayList<>();
                for (int k = 1; k <= shards; k++) {
                    List<String> ofShard = new Grid.Shard(k, shards).select(grid).stream().map(Config::key).toList();
                    long have = ofShard.stream().filter(mergedKeys::contains).count();
                    if (have == ofShard.size()) continue;
                    rerun.add(Integer.toString(k));
                    problems.add("shard " + k + "/" + shards + (have == 0 ? " is missing: none" : " is short: " + have)
                            + " of its " + ofShard.size() + " configurations present (first missing: "
                            + ofShard.stream().filter(key -> !mergedKeys.contains(key)).findFirst().orElseThrow() + ")");
                }
                // resubmitted, those tasks resume their CSVs (scripts/slurm-sweep.sh submit ... --only LIST)
                problems.add("rerun shards " + String.join(",", rerun) + " (slurm-sweep.sh submit --only " + String.join(",", rerun) + ")");
            } else {
                problems.add("first missing: " + missing.getFirst() + " (give --shards N to know which shard)");
            }
        }
        if (!foreign.isEmpty()) {
            problems.add(foreign.size() + " configurations are not in the expected sweep (another preset or other devices?), first: "
                    + foreign.getFirst());
        }
        return problems;
    }
}
