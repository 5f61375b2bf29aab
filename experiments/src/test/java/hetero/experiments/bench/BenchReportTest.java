package hetero.experiments.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BenchReport's ratios to ONNX Runtime: taken inside each run, then the median over the runs. */
class BenchReportTest {
    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
            + "\"Param: causal\",\"Param: device\",\"Param: dHead\",\"Param: heads\",\"Param: impl\",\"Param: ortThreads\",\"Param: seq\",\"Param: size\"\n";

    @TempDir
    Path dir;

    private Path run(String name, double stripMs, double tiledMs, double ortMs, double attnMs, double attnOrtMs) throws IOException {
        String gemm = "\"hetero.experiments.bench.GemmBench.gemm\",\"avgt\",1,3,%s,0.1,\"ms/op\",,opencl:0:0,,,%s,0,,1024\n";
        String attn = "\"hetero.experiments.bench.AttentionBench.attention\",\"avgt\",1,3,%s,0.1,\"ms/op\",true,opencl:0:0,64,8,%s,0,1024,\n";
        Path f = dir.resolve(name);
        Files.writeString(f, HEADER + gemm.formatted(stripMs, "strip") + gemm.formatted(tiledMs, "tiled") + gemm.formatted(ortMs, "ort")
                + gemm.formatted(1.0, "clblast") + attn.formatted(attnMs, "flashStrip") + attn.formatted(attnOrtMs, "ort"));
        return f;
    }

    @Test
    void ortTableTakesRatiosWithinEachRunAndTheMedianOverRuns() throws IOException {
        // Run 2 is under load for both sides: its ratio (0.5) matches run 1's; run 3 is the outlier.
        List<List<BenchReport.Row>> runs = new ArrayList<>();
        runs.add(BenchReport.read(run("r1.csv", 10, 100, 5, 20, 10)));
        runs.add(BenchReport.read(run("r2.csv", 20, 200, 10, 40, 20)));
        runs.add(BenchReport.read(run("r3.csv", 10, 100, 9, 20, 2)));
        String table = BenchReport.ortTable(runs);
        String[] lines = table.split("\n");
        assertEquals(4, lines.length, table);   // header, rule, GEMM, attention
        // GEMM 1024: 2 * 1024^3 flops; strip median 10 ms -> 214.7 GFLOP/s; ORT median 9 ms -> 238.6; ratios 0.5, 0.5, 0.9.
        assertTrue(lines[2].startsWith("| SGEMM 1024^3 | 238.6 | strip 214.7 | 0.50x (0.50-0.90, 3 runs) | strip 214.7, tiled 21.5 |"), lines[2]);
        assertFalse(lines[2].contains("clblast"), "the other peers are not ours: " + lines[2]);
        // attention causal: 4 * 8 * 1024^2 * 64 / 2 flops; ratios 0.5, 0.5, 0.1.
        assertTrue(lines[3].startsWith("| attention B=1 H=8 D=64 S=1024 causal | "), lines[3]);
        assertTrue(lines[3].contains("| flashStrip 53.7 | 0.50x (0.10-0.50, 3 runs) |"), lines[3]);
    }

    @Test
    void ortTableListsGemmBeforeAttentionAndSizesNumerically() throws IOException {
        String gemm = "\"hetero.experiments.bench.GemmBench.gemm\",\"avgt\",1,3,%s,0.1,\"ms/op\",,opencl:0:0,,,%s,0,,%s\n";
        String attn = "\"hetero.experiments.bench.AttentionBench.attention\",\"avgt\",1,3,2,0.1,\"ms/op\",%s,opencl:0:0,64,8,%s,0,1024,\n";
        Path f = dir.resolve("mixed.csv");
        Files.writeString(f, HEADER + attn.formatted(true, "flashStrip") + attn.formatted(true, "ort") + attn.formatted(false, "flashStrip")
                + attn.formatted(false, "ort") + gemm.formatted(2, "strip", 1024) + gemm.formatted(1, "ort", 1024)
                + gemm.formatted(2, "strip", 512) + gemm.formatted(1, "ort", 512));
        List<String> workloads = BenchReport.ortTable(List.of(BenchReport.read(f))).lines().skip(2).map(l -> l.split(" \\| ")[0]).toList();
        assertEquals(List.of("| SGEMM 512^3", "| SGEMM 1024^3", "| attention B=1 H=8 D=64 S=1024 no mask", "| attention B=1 H=8 D=64 S=1024 causal"),
                workloads);
    }

    @Test
    void theFullTableShowsOursOverOrtBesideTheBenchPeer() throws IOException {
        String table = BenchReport.table(List.of(BenchReport.read(run("r1.csv", 10, 100, 5, 20, 10))));
        String strip = table.lines().filter(l -> l.contains("| strip |")).findFirst().orElseThrow();
        assertTrue(strip.endsWith("| 0.10x vs clblast | 0.50x |"), strip);
    }
}
