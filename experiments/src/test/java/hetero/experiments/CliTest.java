package hetero.experiments;

import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.ConfigRunner;
import hetero.experiments.sweep.Param;
import hetero.experiments.sweep.Preset;
import hetero.experiments.workload.Outcome;
import hetero.experiments.workload.Trial;
import hetero.experiments.workload.Workload;
import hetero.experiments.workload.Workloads;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CliTest {
    @TempDir
    Path dir;

    private static int lab(String... args) {
        var cl = Lab.commandLine();
        cl.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        return cl.execute(args);
    }

    @Test
    void kernelsDumpPrintsEitherIndexingVariantAndRefusesAnUnknownOne() {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream exact = new java.io.ByteArrayOutputStream(), wide = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(exact, true));
            assertEquals(0, lab("kernels", "--dump", "Gemm::naive"));
            System.setOut(new java.io.PrintStream(wide, true));
            assertEquals(0, lab("kernels", "--dump", "Gemm::naive", "--indexing", "overflow-free"));
        } finally {
            System.setOut(saved);
        }
        assertTrue(exact.toString().contains("a[(int)((uint)i * (uint)k + (uint)p)]"), exact.toString());
        assertTrue(wide.toString().contains("a[(long)i * (long)k + (long)p]"), wide.toString());
        assertEquals(2, lab("kernels", "--dump", "Gemm::naive", "--indexing", "fast"), "unknown variant");
    }

    /** Runs lab with its error stream captured into err. */
    private static int lab(StringBuilder err, String... args) {
        var cl = Lab.commandLine();
        java.io.StringWriter w = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(w, true));
        java.io.PrintStream saved = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            return cl.execute(args);
        } finally {
            System.setOut(saved);
            err.append(w);
        }
    }

    @Test
    void kernelsSetWithAMalformedValueExitsWith2NamingTheValueAndTheExpectedForm() {
        // Attention::flash's dHead is an int parameter; Gemm::naive's a is an array
        String[][] cases = {
                {"dHead=64,seq=128", "whole number"}, {"dHead=x", "'x'"}, {"dHead=1.5", "'1.5'"}, {"dHead=", "''"},
                {"dHead=2147483648", "'2147483648'"}, {"dHead", "PARAM=VALUE"}, {"=64", "PARAM=VALUE"},
                {"nosuch=3", "no parameter 'nosuch'"}};
        for (String[] c : cases) {
            StringBuilder err = new StringBuilder();
            assertEquals(2, lab(err, "kernels", "--dump", "Attention::flash", "--set", c[0]), c[0] + ": " + err);
            String e = err.toString();
            assertTrue(e.contains("--set") && e.contains("'" + c[0] + "'"), c[0] + ": the message names the bad value: " + e);
            assertTrue(e.contains(c[0].startsWith("dHead=") ? "whole number" : c[1]), c[0] + ": says what was expected: " + e);
            assertFalse(e.contains("Exception") || e.contains("\tat "), c[0] + ": no stack trace: " + e);
        }
        StringBuilder err = new StringBuilder();
        assertEquals(2, lab(err, "kernels", "--dump", "Gemm::naive", "--set", "a=1,b=2"));
        assertTrue(err.toString().contains("only scalar parameters"), err.toString());
        assertEquals(0, lab(new StringBuilder(), "kernels", "--dump", "Attention::flash", "--set", "dHead=64"), "a well-formed value still works");
    }

    @Test
    void benchRefusesNegativeCountsWithExitCode2() {
        StringBuilder err = new StringBuilder();
        assertEquals(2, lab(err, "bench", "--forks", "-1", "--list"));
        assertTrue(err.toString().contains("--forks >= 0"), err.toString());
    }

    @Test
    void badInputExitsWith2AndLeavesExistingResultsAlone() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        byte[] before = Files.readAllBytes(csv);
        String out = csv.toString();
        Path preset = dir.resolve("small.preset");
        Files.writeString(preset, TestSweeps.SMALL);

        assertEquals(2, lab("sweep", "-q", "-p", preset.toString(), "--set", "sqe=1", "-o", out), "unknown preset key");
        assertEquals(2, lab("sweep", "-q", "-p", "no-such-preset", "-o", out), "unknown preset");
        assertEquals(2, lab("sweep", "-q", "-p", preset.toString(), "--set", "heads=8", "--set", "kvHeads=3", "-o", out), "impossible config");
        assertEquals(2, lab("sweep", "-q", "-p", preset.toString(), "--set", "seq=-4", "-o", out), "negative seq");
        assertEquals(2, lab("sweep", "-q", "-p", preset.toString(), "--devices", "opencl:9:9", "-o", out), "unknown device");
        assertEquals(2, lab("sweep", "-q", "-p", preset.toString(), "--set", "workload=no-such-workload", "-o", out), "unknown workload");
        assertEquals(2, lab("sweep", "-q", "-p", preset.toString(), "--shard", "3/2", "-o", out), "bad shard");
        assertEquals(2, lab("sweep", "--no-such-option"), "picocli usage error");
        assertArrayEquals(before, Files.readAllBytes(csv), "results untouched");

        Path garbage = dir.resolve("garbage.csv");
        Files.writeString(garbage, "a,b\n1,2,3\n\"unterminated\n");
        assertEquals(2, lab("reproduce", garbage.toString()), "unreadable CSV");
        assertEquals(2, lab("reproduce", dir.resolve("missing.csv").toString()), "missing CSV");
        assertEquals(2, lab("plot", dir.resolve("missing.csv").toString()));
        assertEquals(2, lab("sweep", "-q", "-p", preset.toString(), "-o", garbage.toString()), "resume into a foreign CSV");
        assertEquals("a,b\n1,2,3\n\"unterminated\n", Files.readString(garbage), "foreign CSV untouched");
    }

    @Test
    void sweepCommandWritesAndResumes() {
        Path csv = dir.resolve("r.csv");
        Path preset = dir.resolve("small.preset");
        assertDoesNotThrow(() -> Files.writeString(preset, TestSweeps.SMALL));
        String[] args = {"sweep", "-q", "-p", preset.toString(), "--set", "seq=4,8", "--set", "dModel=8", "--set", "warmups=0", "--devices", "jvm", "-o", csv.toString()};
        assertEquals(0, lab(args));
        assertEquals(2, ResultTable.read(csv).rows().size());
        assertEquals(0, lab(args));
        assertEquals(2, ResultTable.read(csv).rows().size(), "second run resumes, adds nothing");
        Path plots = dir.resolve("r-plots");
        assertTrue(Files.isRegularFile(plots.resolve("summary.md")), "sweep writes plots and a summary beside the CSV");
        assertTrue(Files.isRegularFile(plots.resolve("time-vs-seq-jvm.png")));
    }

    @Test
    void plotWritesNonEmptyPngsAndASummary() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        Path plots = dir.resolve("plots");
        assertEquals(0, lab("plot", "-o", plots.toString(), csv.toString()));
        for (String f : List.of("time-vs-seq-jvm.png", "gflops-vs-seq-jvm.png", "time-vs-seq-vector-add.png", "memory-per-scheme.png")) {
            Path p = plots.resolve(f);
            assertTrue(Files.size(p) > 1000, f);
            byte[] magic = java.util.Arrays.copyOf(Files.readAllBytes(p), 4);
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, magic, f);
        }
        String md = Files.readString(plots.resolve("summary.md"));
        assertTrue(md.contains("| workload |") && md.lines().filter(l -> l.startsWith("| vector-add")).count() == 4, md);
    }

    @Test
    void failingAndHangingWorkloadsBecomeRowsAndTheSweepGoesOn() {
        Workloads.register(new Workload() {
            public String name() { return "test-boom"; }
            public String description() { return "throws"; }
            public Trial prepare(Config c, Device d) { throw new IllegalStateException("boom"); }
        });
        Workloads.register(new Workload() {
            public String name() { return "test-hang"; }
            public String description() { return "sleeps"; }
            public Trial prepare(Config c, Device d) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("interrupted");
            }
        });
        Workloads.register(new Workload() {
            public String name() { return "test-oom"; }
            public String description() { return "out of memory"; }
            public Trial prepare(Config c, Device d) { throw new OutOfMemoryError("Java heap space"); }
        });
        Path csv = dir.resolve("r.csv");
        String preset = "workload = test-boom, test-hang, test-oom, vector-add\nseq = 4\ndModel = 8\ntimeout = 1\nwarmups = 0\ndevices = jvm\n";
        ResultTable t = TestSweeps.run(preset, csv);
        assertEquals(List.of("error: IllegalStateException: boom", "error: timed out after 1 s",
                "skipped: out of memory: OutOfMemoryError: Java heap space", "ok"), t.rows().stream().map(r -> r.get("status")).toList());
    }

    @Test
    void aWorkloadCanDeclineAConfiguration() {
        try (ConfigRunner runner = new ConfigRunner()) {
            Config c = Config.of(java.util.Map.of(Param.VARIANT, "flash", Param.SEQ, 4));
            Outcome o = runner.run(c);
            assertEquals("skipped: vector-add has only variant 'default', not 'flash'", o.status());
        }
        assertNotNull(Preset.load("quick"));
    }
}
