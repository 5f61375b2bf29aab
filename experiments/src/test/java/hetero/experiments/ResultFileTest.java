package hetero.experiments;

import hetero.experiments.results.ResultFile;
import hetero.experiments.results.ResultSchema;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ResultFileTest {
    @TempDir
    Path dir;

    @Test
    void rowsRoundTripThroughTheCsvWithTheDocumentedSchema() {
        Path csv = dir.resolve("r.csv");
        ResultTable t = TestSweeps.run(TestSweeps.SMALL, csv);
        assertEquals(ResultSchema.COLUMNS, t.header());
        assertEquals(4, t.rows().size());
        for (Map<String, String> row : t.rows()) {
            assertEquals("ok", row.get("status"), row.toString());
            Config c = ResultSchema.config(row);
            assertEquals(row.get("config_key"), c.key(), "config columns rebuild the key");
            long n = (long) c.seq() * c.dModel();
            assertEquals(Long.toString(n), row.get("flops"));
            assertEquals(Long.toString(12 * n), row.get("bytes_moved"));
            assertEquals(3, row.get("iter_ms").split(";").length);
            double median = Double.parseDouble(row.get("median_ms"));
            assertTrue(Double.parseDouble(row.get("min_ms")) <= median && median <= Double.parseDouble(row.get("p95_ms")));
            assertTrue(Double.parseDouble(row.get("max_abs_err")) < 1e-6);
            assertEquals("full", row.get("err_checked"));
            assertEquals("", row.get("weight_bytes"), "vector-add has no weights: empty, not zero");
            assertFalse(row.get("git_commit").isEmpty());
            assertEquals("jvm", row.get("backend"));
        }
    }

    @Test
    void resumeAfterAKillMidRowKeepsFinishedRowsAndAddsNoDuplicateOrPartialRow() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size());
        // Simulate SIGKILL: header + 2 complete rows, then half of the third row without its newline.
        String torn = lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2) + "\n" + lines.get(3).substring(0, lines.get(3).length() / 2);
        Files.writeString(csv, torn, StandardCharsets.UTF_8);

        Sweep.Summary s = TestSweeps.plan(TestSweeps.SMALL).run(csv, true, TestSweeps.SILENT);
        assertEquals(2, s.resumed());
        assertEquals(2, s.ok());

        List<String> after = Files.readAllLines(csv);
        assertEquals(5, after.size(), "header + 4 rows");
        assertEquals(lines.subList(0, 3), after.subList(0, 3), "finished rows are kept byte for byte");
        ResultTable t = ResultTable.read(csv);
        Set<String> keys = new HashSet<>();
        for (Map<String, String> r : t.rows()) assertTrue(keys.add(r.get("config_key")), "duplicate " + r.get("config_key"));
        Set<String> grid = new HashSet<>(TestSweeps.plan(TestSweeps.SMALL).grid().stream().map(Config::key).toList());
        assertEquals(grid, keys);
        assertTrue(Files.readString(csv).endsWith("\n"));
    }

    @Test
    void aFileKilledWhileWritingItsHeaderIsStartedAfresh() throws Exception {
        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, "config_key,workl");
        try (ResultFile f = ResultFile.openForAppend(csv)) {
            assertEquals(0, f.finishedCount());
            assertEquals(16, f.droppedBytes());
        }
        assertEquals(ResultSchema.COLUMNS, ResultTable.read(csv).header());
    }

    @Test
    void aRowAlreadyInTheFileIsNeverAppendedTwice() {
        Path csv = dir.resolve("r.csv");
        ResultTable t = TestSweeps.run(TestSweeps.SMALL, csv);
        try (ResultFile f = ResultFile.openForAppend(csv)) {
            assertThrows(IllegalStateException.class, () -> f.append(t.rows().getFirst()));
        }
        assertEquals(4, ResultTable.read(csv).rows().size());
    }

    @Test
    void newlinesInAnErrorMessageCannotSplitARow() throws Exception {
        Path csv = dir.resolve("r.csv");
        ResultTable t = TestSweeps.run(TestSweeps.SMALL, csv);
        Files.writeString(csv, lines(csv, 1), StandardCharsets.UTF_8);
        Map<String, String> row = new java.util.LinkedHashMap<>(t.rows().get(1));
        row.put("status", "error: line one\nline two, \"quoted\"");
        try (ResultFile f = ResultFile.openForAppend(csv)) {
            f.append(row);
        }
        assertEquals(3, Files.readAllLines(csv).size());
        assertEquals("error: line one line two, \"quoted\"", ResultTable.read(csv).rows().get(1).get("status"));
    }

    private static String lines(Path csv, int rows) throws Exception {
        List<String> l = Files.readAllLines(csv);
        return String.join("\n", l.subList(0, rows + 1)) + "\n";
    }
}
