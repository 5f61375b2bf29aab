package hetero.experiments;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Grid;
import hetero.experiments.sweep.Preset;
import hetero.experiments.sweep.Sweep;
import hetero.experiments.workload.Outcome;
import hetero.experiments.sweep.ConfigRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class GridTest {
    private static final String HEADS = """
            workload = vector-add
            heads = 4, 8
            kvHeads = 1, 3, 4
            seq = 16, 32
            dModel = 24
            devices = jvm
            """;

    @Test
    void gridIsTheCartesianProductInAFixedOrder() {
        List<Config> grid = Grid.expand(Preset.parse("t", HEADS).withDevices(List.of("jvm")));
        assertEquals(2 * 3 * 2, grid.size());
        // seq nests inside kvHeads inside heads, whatever the line order of the preset
        assertEquals(List.of(4, 4, 4, 4, 4, 4, 8, 8, 8, 8, 8, 8), grid.stream().map(Config::heads).toList());
        assertEquals(List.of(16, 32, 16, 32), grid.subList(0, 4).stream().map(Config::seq).toList());
        String reordered = "seq = 16, 32\nkvHeads = 1, 3, 4\nheads = 4, 8\ndModel = 24\n";
        assertEquals(grid, Grid.expand(Preset.parse("t", reordered).withDevices(List.of("jvm"))));
    }

    @Test
    void shardsPartitionTheGridExactlyOnce() {
        List<Config> grid = Grid.expand(Preset.parse("t", HEADS).withDevices(List.of("jvm")));
        for (int n : new int[]{1, 2, 5, 12, 13}) {
            Map<String, Integer> count = new HashMap<>();
            List<Config> union = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                List<Config> shard = new Grid.Shard(k, n).select(grid);
                assertEquals(shard, new Grid.Shard(k, n).select(grid), "deterministic");
                union.addAll(shard);
                for (Config c : shard) count.merge(c.key(), 1, Integer::sum);
            }
            assertEquals(grid.size(), union.size(), "n=" + n);
            assertEquals(grid.size(), count.size(), "n=" + n);
            assertTrue(count.values().stream().allMatch(v -> v == 1), "n=" + n);
        }
        assertThrows(BadInputException.class, () -> Grid.Shard.parse("0/4"));
        assertThrows(BadInputException.class, () -> Grid.Shard.parse("5/4"));
        assertThrows(BadInputException.class, () -> Grid.Shard.parse("two/4"));
    }

    @Test
    void kvHeadsThatDoNotDivideHeadsBecomeSkippedRowsWithTheReason() {
        Sweep sweep = TestSweeps.plan(HEADS);
        try (ConfigRunner runner = new ConfigRunner()) {
            Config bad = sweep.grid().stream().filter(c -> c.kvHeads() == 3).findFirst().orElseThrow();
            Outcome o = runner.run(bad.with(hetero.experiments.sweep.Param.WARMUPS, 0));
            assertEquals("skipped: kvHeads 3 does not divide heads " + bad.heads(), o.status());
        }
    }

    @Test
    void presetErrorsNameTheProblem() {
        var e = assertThrows(BadInputException.class, () -> Preset.parse("p", "seq = 1\nsqe = 2\n"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("sqe"), e.getMessage());
        assertThrows(BadInputException.class, () -> Preset.parse("p", "seq = 0\n"));
        assertThrows(BadInputException.class, () -> Preset.parse("p", "seq = 1\nseq = 2\n"));
        assertThrows(BadInputException.class, () -> Preset.parse("p", "iterations = 1, 2\n"));
        assertThrows(BadInputException.class, () -> Preset.parse("p", "mask = diagonal\n"));
        assertThrows(BadInputException.class, () -> Preset.parse("p", "").withOverrides(List.of("seq")));
    }

    @Test
    void overridesReplaceAWholeAxis() {
        Preset p = Preset.parse("p", "seq = 1, 2, 3  # comment\n# only a comment\n").withOverrides(List.of("seq=128,256", "kv_heads=2"));
        assertEquals(List.of("128", "256"), p.axes().get(hetero.experiments.sweep.Param.SEQ));
        assertEquals(List.of("2"), p.axes().get(hetero.experiments.sweep.Param.KV_HEADS));
    }

    @Test
    void everyBuiltInPresetParsesAndExpands() {
        for (String name : Preset.BUILT_IN) {
            Preset p = Preset.load(name);
            assertFalse(Grid.expand(p.withDevices(List.of("jvm"))).isEmpty(), name);
        }
        // quick: fused attention 3 variants x 2 masks x 5 seqs + flashStrip x 2 masks at 2048 + unfused 2 masks x 5 seqs + 3 variants x padding
        // x 2 seqs + 4 kvHeads x 2 seqs, softmax 3 x 3, gemm 3 x 3, decode-attention 2 variants x 3 kvHeads x 3
        // seqs, encoder-decoder x 4 schemes, one linear and one local attention; the kvHeads = heads = 8 rows of the
        // MHA/GQA/MQA block repeat two rows of the first block and run once.
        int perDevice = 30 + 2 + 10 + 6 + (8 - 2) + 9 + 9 + 18 + 4 + 2;
        assertEquals(perDevice, Grid.expand(Preset.load("quick").withDevices(List.of("jvm"))).size());
        List<Config> two = Grid.expand(Preset.load("quick").withDevices(List.of("jvm", "opencl:0:0")));
        assertEquals(2 * perDevice, two.size());
        assertEquals(Set.of("attention", "softmax", "gemm", "decode-attention", "encoder-decoder"), two.stream().map(Config::workload).collect(Collectors.toSet()));
    }

    @Test
    void blocksShareCommonLinesAndTheirUnionIsTheGrid() {
        Preset p = Preset.parse("b", """
                seq = 4, 8
                iterations = 3
                ---
                workload = softmax
                variant = online, row-per-item
                ---
                workload = gemm
                seq = 16      # replaces the common seq line in this block only
                ---
                """);
        assertEquals(2, p.blocks().size());
        List<Config> grid = Grid.expand(p.withDevices(List.of("jvm")));
        assertEquals(List.of("softmax", "softmax", "softmax", "softmax", "gemm"), grid.stream().map(Config::workload).toList());
        assertEquals(List.of(4, 8, 4, 8, 16), grid.stream().map(Config::seq).toList());
        assertTrue(grid.stream().allMatch(c -> c.iterations() == 3), "common run settings reach every block");
        List<Config> overridden = Grid.expand(p.withOverrides(List.of("seq=32")).withDevices(List.of("jvm")));
        assertEquals(3, overridden.size(), "--set replaces the line in every block");
        assertTrue(overridden.stream().allMatch(c -> c.seq() == 32));
    }

    @Test
    void aConfigurationTwoBlocksShareRunsOnce() {
        Preset p = Preset.parse("d", "seq = 4\n---\nheads = 2, 4\n---\nheads = 4, 8\n");
        assertEquals(List.of(2, 4, 8), Grid.expand(p.withDevices(List.of("jvm"))).stream().map(Config::heads).toList());
    }
}
