package hetero.experiments;

import hetero.experiments.results.Environment;
import hetero.experiments.results.Merger;
import hetero.experiments.results.ResultFile;
import hetero.experiments.results.ResultSchema;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Grid;
import hetero.experiments.sweep.Preset;
import hetero.experiments.sweep.Sweep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What a cluster sweep needs from merge: hosts counted, an incomplete job array caught and blamed on its shard. */
class ClusterMergeTest {
    @TempDir
    Path dir;

    private Path preset;
    private final StringWriter err = new StringWriter();

    /** Six configurations, three shards of two. */
    private static final String SIX = """
            workload = vector-add
            seq = 4, 8, 16, 32, 64, 128
            dModel = 16
            heads = 2
            warmups = 0
            iterations = 2
            devices = jvm
            """;

    @BeforeEach
    void presetFile() throws Exception {
        preset = dir.resolve("six.preset");
        Files.writeString(preset, SIX);
    }

    private int lab(String... args) {
        var cl = Lab.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path shard(int k, int n) {
        Path out = dir.resolve("six-" + k + "-of-" + n + ".csv");
        Sweep.plan(Preset.load(preset.toString()), null, new Grid.Shard(k, n)).run(out, true, TestSweeps.SILENT);
        return out;
    }

    @Test
    void aCompleteArrayMergesAndEveryHostAndDeviceIsCounted() throws Exception {
        Path s1 = shard(1, 3), s2 = shard(2, 3), s3 = shard(3, 3);
        // pretend shard 3 ran on another node
        String text = Files.readString(s3);
        String host = ResultTable.read(s1).rows().getFirst().get(ResultSchema.HOST);
        assertFalse(host.isBlank(), "every row records its host");
        Files.writeString(s3, text.replace("," + host + ",", ",node-b,"));

        Path out = dir.resolve("all.csv");
        assertEquals(0, lab("merge", "--expect", preset.toString(), "-o", out.toString(), s1.toString(), s2.toString(), s3.toString()), err.toString());
        Merger.Report r = Merger.merge(List.of(s1, s2, s3), dir.resolve("again.csv"), false, null);
        assertEquals(6, r.rows());
        assertArrayEquals(new int[]{4, 4}, r.perHostDevice().get(host + " jvm"));
        assertArrayEquals(new int[]{2, 2}, r.perHostDevice().get("node-b jvm"));
    }

    @Test
    void aMissingShardIsRefusedWithExit2AndNamed() {
        Path s1 = shard(1, 3), s3 = shard(3, 3);
        Path out = dir.resolve("all.csv");
        assertEquals(2, lab("merge", "--expect", preset.toString(), "-o", out.toString(), s1.toString(), s3.toString()));
        assertTrue(err.toString().contains("2 of 6 configurations missing") && err.toString().contains("shard 2/3 is missing")
                && err.toString().contains("rerun shards 2 (slurm-sweep.sh submit --only 2)"), err.toString());
        assertFalse(Files.exists(out), "nothing written");
        // without --expect the same files merge (a partial look at a running array is allowed)
        assertEquals(0, lab("merge", "-o", out.toString(), s1.toString(), s3.toString()));
    }

    @Test
    void aShortShardIsNamedWithItsFirstMissingConfiguration() throws Exception {
        Path s1 = shard(1, 3), s2 = shard(2, 3), s3 = shard(3, 3);
        String lost = ResultTable.read(s2).rows().getLast().get(ResultSchema.CONFIG_KEY);
        List<String> lines = Files.readAllLines(s2);
        Files.write(s2, lines.subList(0, lines.size() - 1)); // the task died before its last row
        Path out = dir.resolve("all.csv");
        assertEquals(2, lab("merge", "--expect", preset.toString(), "--shards", "3", "-o", out.toString(), s1.toString(), s2.toString(), s3.toString()));
        assertTrue(err.toString().contains("shard 2/3 is short: 1 of its 2 configurations present (first missing: " + lost + ")"), err.toString());
    }

    @Test
    void shardsOfAnotherSweepAreForeign() {
        Path s1 = shard(1, 3), s2 = shard(2, 3), s3 = shard(3, 3);
        assertEquals(2, lab("merge", "--expect", preset.toString(), "--set", "seq=4,8", "-o", dir.resolve("x.csv").toString(),
                s1.toString(), s2.toString(), s3.toString()));
        assertTrue(err.toString().contains("4 configurations are not in the expected sweep"), err.toString());
        assertEquals(2, lab("merge", "--expect", preset.toString(), "--shards", "0", "-o", dir.resolve("x.csv").toString(), s1.toString()));
        assertEquals(2, lab("merge", "--shards", "3", "-o", dir.resolve("x.csv").toString(), s1.toString()), "--shards without --expect");
    }

    @Test
    void aTaskResubmittedOntoAnotherNodeResumesItsShard() throws Exception {
        Path s1 = shard(1, 3);
        Environment here = Environment.capture();
        // the shard was written by array task 4_1 on node-a
        Files.writeString(s1, Files.readString(s1).replace("," + here.host() + ",", ",node-a,").replace(",\n", ",5 array 4_1\n"));
        Environment otherNode = new Environment(here.jdk(), here.os(), here.cpuModel(), here.cores(), here.gitCommit(), here.gitDirty(),
                "node-b", "9 array 8_1");
        try (ResultFile f = ResultFile.openForAppend(s1, otherNode)) {
            assertEquals(2, f.finishedCount(), "the resubmitted task keeps the rows of the first node");
        }
        // outside Slurm, another host's file is still a reference, never resumed
        Environment laptop = new Environment(here.jdk(), here.os(), here.cpuModel(), here.cores(), here.gitCommit(), here.gitDirty(), "node-b", "");
        assertThrows(BadInputException.class, () -> ResultFile.openForAppend(s1, laptop).close());
    }

    @Test
    void shardCountComesFromTheFileNames() {
        assertEquals(8, Merger.shardCountFromNames(List.of(Path.of("r/seq-scaling-1-of-8.csv"), Path.of("seq-scaling-shard-7-of-8.csv"))));
        assertEquals(0, Merger.shardCountFromNames(List.of(Path.of("a-1-of-8.csv"), Path.of("a-2-of-4.csv"))));
        assertEquals(0, Merger.shardCountFromNames(List.of(Path.of("all.csv"))));
    }

    @Test
    void rowsRecordTheSlurmJob() {
        Map<String, String> env = Map.of("SLURM_JOB_ID", "42", "SLURM_ARRAY_JOB_ID", "40", "SLURM_ARRAY_TASK_ID", "2", "SLURMD_NODENAME", "gpu07");
        assertEquals("42 array 40_2", Environment.slurmJob(env));
        assertEquals("gpu07", Environment.hostName(env));
        assertEquals("", Environment.slurmJob(Map.of()));
    }
}
