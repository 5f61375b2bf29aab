package hetero.experiments;

import hetero.experiments.results.Comparison;
import hetero.experiments.results.Environment;
import hetero.experiments.results.ResultFile;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.ConfigRunner;
import hetero.experiments.sweep.Param;
import hetero.experiments.sweep.Preset;
import hetero.experiments.sweep.Sweep;
import hetero.experiments.workload.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The harness defects found by trying it as a new user: timeouts, retries, locking, foreign files, validation, comparison. */
class SweepHarnessTest {
    @TempDir
    Path dir;

    private static int lab(String... args) {
        var cl = Lab.commandLine();
        cl.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        cl.setOut(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        return cl.execute(args);
    }

    private String small() {
        Path p = dir.resolve("small.preset");
        try {
            Files.writeString(p, TestSweeps.SMALL);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.toString();
    }

    @Test
    void aTimeoutKillsItsWorkAndTheNextConfigurationRunsHealthy() throws Exception {
        Path beat = dir.resolve("heartbeat"), log = dir.resolve("worker.log");
        System.setProperty("hetero.test.heartbeat", beat.toString());
        System.setProperty("hetero.lab.workloads", HangingWorkload.class.getName());
        try (ConfigRunner runner = ConfigRunner.inChildJvm(log)) {
            Config spin = Config.of(Map.of(Param.WORKLOAD, "test-spin", Param.SEQ, 4, Param.D_MODEL, 8, Param.HEADS, 2, Param.TIMEOUT, 3));
            Outcome o = runner.run(spin);
            assertTrue(o.status().startsWith("error: timed out after 3 s"), o.status());
            long size = Files.size(beat);
            Thread.sleep(1500);
            assertEquals(size, Files.size(beat), "the timed-out work stopped (its JVM was killed), it does not keep a core busy");
            Outcome next = runner.run(Config.of(Map.of(Param.WORKLOAD, "vector-add", Param.SEQ, 4, Param.D_MODEL, 8, Param.HEADS, 2,
                    Param.WARMUPS, 0, Param.TIMEOUT, 60)));
            assertEquals("ok", next.status());
        } finally {
            System.clearProperty("hetero.lab.workloads");
            System.clearProperty("hetero.test.heartbeat");
        }
        String text = Files.readString(log);
        assertTrue(text.contains("1 warning generated. (noise from test-spin)") && text.contains("=== workload=test-spin"),
                "the worker's console output goes to the log, under the row's header: " + text);
    }

    @Test
    void errorRowsAreRetriedOnResume() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        List<String> lines = Files.readAllLines(csv);
        lines.set(2, TamperedRows.set(lines.get(2), "status", "error: timed out after 1 s"));
        Files.write(csv, lines);
        Sweep.Summary s = TestSweeps.plan(TestSweeps.SMALL).run(csv, true, TestSweeps.SILENT);
        assertEquals(1, s.retried());
        assertEquals(3, s.resumed());
        assertEquals(1, s.ok());
        ResultTable t = ResultTable.read(csv);
        assertEquals(4, t.rows().size(), "the error row was replaced, not duplicated");
        assertTrue(t.rows().stream().allMatch(r -> r.get("status").equals("ok")));
        assertEquals(lines.get(1), Files.readAllLines(csv).get(1), "finished rows kept byte for byte");
    }

    @Test
    void aSecondWriterIsRefused() {
        Path csv = dir.resolve("r.csv");
        try (ResultFile first = ResultFile.openForAppend(csv)) {
            var e = assertThrows(BadInputException.class, () -> ResultFile.openForAppend(csv));
            assertTrue(e.getMessage().contains("being written by another sweep"), e.getMessage());
            assertEquals(2, lab("sweep", "-q", "--no-plots", "--no-compare", "-p", small(), "-o", csv.toString()), "the CLI refuses with exit code 2");
        }
        try (ResultFile again = ResultFile.openForAppend(csv)) {
            assertEquals(0, again.finishedCount(), "free again once the first writer closed it");
        }
    }

    @Test
    void aFileThatIsNotAResultCsvIsNeverTouched() throws Exception {
        for (String content : List.of("my notes, one line, no newline", "a,b\n1,2\n", "\n")) {
            Path notes = dir.resolve("notes.csv");
            Files.writeString(notes, content);
            var e = assertThrows(BadInputException.class, () -> ResultFile.openForAppend(notes).close());
            assertTrue(e.getMessage().contains("not a result CSV"), e.getMessage());
            assertEquals(content, Files.readString(notes), "untouched");
            assertEquals(2, lab("sweep", "-q", "--no-plots", "--no-compare", "-p", small(), "-o", notes.toString()));
            assertEquals(content, Files.readString(notes), "untouched by the CLI");
        }
    }

    @Test
    void aCsvFromAnotherCommitIsAReferenceNotProgress() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        List<String> lines = Files.readAllLines(csv);
        lines.set(1, TamperedRows.set(lines.get(1), "git_commit", "0123456789abcdef0123456789abcdef01234567"));
        Files.write(csv, lines);
        byte[] before = Files.readAllBytes(csv);
        var e = assertThrows(BadInputException.class, () -> ResultFile.openForAppend(csv, Environment.capture()));
        assertTrue(e.getMessage().contains("never resumed"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(csv));
    }

    @Test
    void everyNameIsValidatedForEveryWorkloadBeforeAnythingRuns() {
        String base = "workload = attention\nseq = 16\ndModel = 16\nheads = 2\ndevices = jvm\n";
        for (String bad : List.of("scheme = bogus", "scheme = cycle:0", "scheme = sequence:-2", "variant = bogus", "mask = sideways")) {
            assertThrows(BadInputException.class, () -> Sweep.plan(Preset.parse("t", base + bad + "\n"), null, hetero.experiments.sweep.Grid.Shard.ALL), bad);
        }
        var e = assertThrows(BadInputException.class, () -> Sweep.plan(Preset.parse("t", base + "variant = flahs\n"), null, hetero.experiments.sweep.Grid.Shard.ALL));
        assertTrue(e.getMessage().contains("variant 'flahs'") && e.getMessage().contains("flashStrip"), e.getMessage());
        // a variant that one workload of the sweep accepts is fine: the others' rows are skipped
        assertDoesNotThrow(() -> Sweep.plan(Preset.parse("t", "workload = attention, gemm\nvariant = flash, strip\nseq = 16\ndModel = 16\nheads = 2\ndevices = jvm\n"),
                null, hetero.experiments.sweep.Grid.Shard.ALL));
        Path csv = dir.resolve("never.csv");
        assertEquals(2, lab("sweep", "-q", "-p", "quick", "--set", "workload=attention", "--set", "scheme=bogus", "--devices", "jvm", "-o", csv.toString()));
        assertFalse(Files.exists(csv), "nothing was written");
        for (String name : Preset.BUILT_IN) {
            assertDoesNotThrow(() -> Sweep.rejectUnknownNames(hetero.experiments.sweep.Grid.expand(Preset.load(name).withDevices(List.of("jvm")))), name);
        }
    }

    @Test
    void aMissingReferenceIsRefusedBeforeTheSweepRuns() {
        Path csv = dir.resolve("run.csv");
        assertEquals(2, lab("sweep", "-q", "--no-plots", "-p", small(), "--devices", "jvm", "--reference", dir.resolve("nope.csv").toString(),
                "-o", csv.toString()));
        assertFalse(Files.exists(csv), "nothing ran: the bad option was caught first");
    }

    @Test
    void comparisonWithTheReferenceSaysWhatAgreesAndWhatStandsOut() throws Exception {
        Path ref = dir.resolve("ref.csv"), run = dir.resolve("run.csv");
        TestSweeps.run(TestSweeps.SMALL, ref);
        List<String> lines = Files.readAllLines(ref);
        lines.set(3, TamperedRows.scaleTime(lines.get(3), 50));
        lines.set(4, TamperedRows.set(lines.get(4), "status", "error: boom"));
        Files.write(run, lines);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Comparison.Summary s = Comparison.compare(ResultTable.read(run), ResultTable.read(ref), new PrintStream(text, true, StandardCharsets.UTF_8));
        assertEquals(4, s.common());
        assertEquals(3, s.agreeing());
        assertEquals(1.0, s.medianRatio(), 1e-3);
        String out = text.toString(StandardCharsets.UTF_8);
        assertEquals(2, s.standOut().size(), out);
        assertTrue(out.contains("x50.00 the reference") && out.contains("status was 'ok', this run gives 'error: boom'"), out);
    }

    @Test
    void eachDeviceIsComparedWithItsOwnMachineFactor() throws Exception {
        Path ref = dir.resolve("ref.csv"), run = dir.resolve("run.csv");
        TestSweeps.run(TestSweeps.SMALL, ref);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(ref));
        List<String> runLines = new java.util.ArrayList<>(lines);
        // A second device whose reference was measured on different hardware: every row of it 20x slower here.
        for (String row : List.copyOf(lines.subList(1, lines.size()))) {
            String other = row.replace("jvm", "gpu:0:0");
            lines.add(other);
            runLines.add(TamperedRows.scaleTime(other, 20));
        }
        Files.write(ref, lines);
        Files.write(run, runLines);
        Comparison.Summary s = Comparison.compare(ResultTable.read(run), ResultTable.read(ref), TestSweeps.SILENT);
        assertEquals(8, s.common());
        assertEquals(List.of(), s.standOut(), "one factor per device: no row stands out");
    }

    @Test
    void theProgressBarNamesTheConfiguration() {
        Config c = Config.of(Map.of(Param.WORKLOAD, "attention", Param.VARIANT, "flashStrip", Param.SEQ, 1024, Param.KV_HEADS, 2, Param.DEVICE, "opencl:0:0"));
        assertEquals("attention variant=flashStrip kvHeads=2 seq=1024 on opencl:0:0", Sweep.describe(c));
    }
}
