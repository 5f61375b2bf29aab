package hetero.experiments;

import hetero.experiments.results.Reproducer;
import hetero.experiments.results.ResultTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Each tampering the issue lists must be caught by reproduce; selections re-check only some rows. */
class ReproduceTamperingTest {
    @TempDir
    Path dir;

    /** Tiny GEMMs on jvm: real, non-zero float32 errors; milliseconds each. */
    static final String GEMMS = """
            workload = gemm
            variant = naive
            seq = 8, 16, 24, 32
            dModel = 16
            heads = 2
            warmups = 0
            iterations = 3
            devices = jvm
            """;

    /** Timing judgement so wide that only the checks under test can decide. */
    private static final Reproducer.Tolerances LENIENT_TIME = new Reproducer.Tolerances(1e6, 4.0, 1e-5);

    private List<Reproducer.Verdict> tamper(int line, String column, java.util.function.UnaryOperator<String> edit) throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(GEMMS, csv);
        List<String> lines = Files.readAllLines(csv);
        lines.set(line - 1, edit.apply(lines.get(line - 1)));
        Files.write(csv, lines);
        return Reproducer.check(ResultTable.read(csv), LENIENT_TIME, TestSweeps.SILENT);
    }

    private static java.util.function.UnaryOperator<String> scaled(String column, double factor) {
        return l -> {
            try {
                return TamperedRows.scale(l, column, factor);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static void caught(List<Reproducer.Verdict> v, int index, String mention) {
        assertFalse(v.get(index).agrees(), v.get(index).toString());
        assertTrue(v.get(index).problems().toString().contains(mention), v.get(index).toString());
        for (int i = 0; i < v.size(); i++) if (i != index) assertTrue(v.get(i).agrees(), v.get(i).toString());
    }

    @Test
    void gflopsTimesTenIsCaught() throws Exception {
        caught(tamper(3, "gflops", scaled("gflops", 10)), 1, "gflops");
    }

    @Test
    void gbpsTimesTenIsCaught() throws Exception {
        caught(tamper(3, "gbps", scaled("gbps", 10)), 1, "gbps");
    }

    @Test
    void kernelTimeTimesHundredIsCaught() throws Exception {
        caught(tamper(4, "kernel_ms", scaled("kernel_ms", 100)), 2, "kernel_ms");
    }

    @Test
    void medianTimesHundredIsCaught() throws Exception {
        caught(tamper(2, "median_ms", scaled("median_ms", 100)), 0, "median_ms");
    }

    @Test
    void anErrorSetToZeroIsCaught() throws Exception {
        List<Reproducer.Verdict> v = tamper(5, "max_abs_err", l -> {
            try {
                assertNotEquals(0.0, Double.parseDouble(TamperedRows.get(l, "max_abs_err")), "the test needs a real error");
                return TamperedRows.set(l, "max_abs_err", "0.0000e+00");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        caught(v, 3, "max_abs_err");
    }

    @Test
    void bothErrorsSetToZeroAreCaughtByReMeasuring() throws Exception {
        List<Reproducer.Verdict> v = tamper(5, "max_abs_err", l -> {
            try {
                return TamperedRows.set(TamperedRows.set(l, "max_abs_err", "0.0000e+00"), "max_rel_err", "0.0000e+00");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        caught(v, 3, "re-measured");
    }

    @Test
    void aDuplicatedRowIsFlagged() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(GEMMS, csv);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.add(lines.get(2));
        Files.write(csv, lines);
        List<Reproducer.Verdict> v = Reproducer.check(ResultTable.read(csv), LENIENT_TIME, TestSweeps.SILENT);
        assertEquals(5, v.size());
        assertFalse(v.get(4).agrees());
        assertTrue(v.get(4).problems().toString().contains("duplicate row: line 3"), v.get(4).toString());
    }

    @Test
    void rowsAndFilterSelectWhatIsReChecked() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(GEMMS, csv);
        assertEquals(3, ReproduceCommand.lines("2,4-5", 5).cardinality());
        var cmd = new ReproduceCommand();
        cmd.rows = "3-5";
        cmd.filters = List.of("seq=16");
        ResultTable t = ResultTable.read(csv);
        var chosen = cmd.selection(t);
        assertTrue(chosen.test(1) && !chosen.test(0) && !chosen.test(2));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Reproducer.check(t, chosen, LENIENT_TIME, new hetero.experiments.sweep.ConfigRunner(), new PrintStream(text, true, StandardCharsets.UTF_8));
        String out = text.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().filter(l -> l.startsWith("line ")).count(), out);
        assertTrue(out.contains("line 3 AGREES"), out);
        assertTrue(out.contains("1 of 1 rows agree"), out);

        var err = new java.io.StringWriter();
        var cl = Lab.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        assertEquals(2, cl.execute("reproduce", "--rows", "9", csv.toString()), "a line past the end is bad input");
        assertEquals(2, cl.execute("reproduce", "--filter", "seq=999", csv.toString()), "a filter that matches nothing is bad input");
        assertTrue(err.toString().contains("--rows 9"), err.toString());
    }
}
