package hetero.experiments;

import hetero.experiments.results.Merger;
import hetero.experiments.results.ResultSchema;
import hetero.experiments.results.ResultTable;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The CSV readers (plot, merge, reproduce) say what is wrong, with the right line, and exit 2. */
class CsvReadersTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int lab(String... args) {
        var cl = Lab.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(java.io.Writer.nullWriter()));
        return cl.execute(args);
    }


    /** A copy of a real result CSV without one column. */
    private Path without(Path csv, String column, String name) throws Exception {
        ResultTable t = ResultTable.read(csv);
        List<String> header = new ArrayList<>(t.header());
        header.remove(column);
        StringBuilder sb = new StringBuilder(CSVFormat.DEFAULT.format(header.toArray())).append('\n');
        for (Map<String, String> r : t.rows()) sb.append(CSVFormat.DEFAULT.format(header.stream().map(r::get).toArray())).append('\n');
        Path out = dir.resolve(name);
        Files.writeString(out, sb);
        return out;
    }

    @Test
    void aBadRowIsReportedAtItsRealLine() throws Exception {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 2; i <= 70; i++) sb.append(i).append(",x\n");
        sb.append("71,x,extra\n");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, sb);
        var e = assertThrows(BadInputException.class, () -> ResultTable.read(csv));
        assertTrue(e.getMessage().contains(" line 71 has 3 cells"), e.getMessage());

        // a quoted cell spanning two lines moves every later line down by one
        Files.writeString(csv, "a,b\n1,\"two\nlines\"\n3,x,extra\n");
        var e2 = assertThrows(BadInputException.class, () -> ResultTable.read(csv));
        assertTrue(e2.getMessage().contains(" line 4 has 3 cells"), e2.getMessage());
    }

    @Test
    void plotRefusesACsvMissingAColumnItDraws() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        Path noDevice = without(csv, "device_id", "no-device.csv");
        assertEquals(2, lab("plot", "-o", dir.resolve("p").toString(), noDevice.toString()));
        assertTrue(err.toString().contains("has no device_id column, which plot needs"), err.toString());
    }

    @Test
    void plotAndMergeRefuseACsvWithoutStatus() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        Path noStatus = without(csv, ResultSchema.STATUS, "no-status.csv");
        assertEquals(2, lab("plot", "-o", dir.resolve("p").toString(), noStatus.toString()));
        assertTrue(err.toString().contains("has no status column"), err.toString());
        assertEquals(2, lab("merge", "-o", dir.resolve("m.csv").toString(), noStatus.toString()));
        assertTrue(err.toString().contains("has no status column, which merge needs"), err.toString());
        assertFalse(Files.exists(dir.resolve("m.csv")));
        assertThrows(BadInputException.class, () -> Merger.merge(List.of(noStatus), dir.resolve("m.csv"), false));
    }

    @Test
    void anUnwritableOutputIsAMessageAndExit2NotAStackTrace() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        // A path through a regular file cannot be created, even by root (CI runs as root, so permissions would not do).
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        Path preset = dir.resolve("small.preset");
        Files.writeString(preset, TestSweeps.SMALL);

        assertEquals(2, lab("plot", "-o", file.resolve("plots").toString(), csv.toString()));
        assertTrue(err.toString().contains("cannot write plots to " + file.resolve("plots")), err.toString());
        assertEquals(2, lab("merge", "-o", file.resolve("all.csv").toString(), csv.toString()));
        assertTrue(err.toString().contains("cannot write " + file.resolve("all.csv")), err.toString());
        assertEquals(2, lab("sweep", "-q", "--no-plots", "-p", preset.toString(), "-o", file.resolve("r.csv").toString()));
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertEquals("not a directory", Files.readString(file), "nothing harmed");
    }

    @Test
    void aCsvOfHarnessVersion1ReadsWithEmptyHostColumns() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        Path v1 = without(without(csv, ResultSchema.HOST, "tmp.csv"), ResultSchema.SLURM_JOB, "v1.csv");
        ResultTable t = ResultTable.read(v1);
        assertEquals(ResultSchema.COLUMNS, t.header());
        assertEquals("", t.rows().getFirst().get(ResultSchema.HOST));
        // resuming it would append longer rows to shorter ones: refused, file untouched
        byte[] before = Files.readAllBytes(v1);
        Path preset = dir.resolve("small.preset");
        Files.writeString(preset, TestSweeps.SMALL);
        assertEquals(2, lab("sweep", "-q", "--no-plots", "-p", preset.toString(), "-o", v1.toString()));
        assertArrayEquals(before, Files.readAllBytes(v1));
    }
}
