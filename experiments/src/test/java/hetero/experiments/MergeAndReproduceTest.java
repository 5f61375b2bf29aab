package hetero.experiments;

import hetero.experiments.results.Merger;
import hetero.experiments.results.Reproducer;
import hetero.experiments.results.ResultSchema;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Grid;
import hetero.experiments.sweep.Preset;
import hetero.experiments.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class MergeAndReproduceTest {
    @TempDir
    Path dir;

    /** Wide enough that timing noise on a shared 2-core machine cannot decide these tests. */
    private static final Reproducer.Tolerances LENIENT_TIME = new Reproducer.Tolerances(1e6, 4.0, 1e-5);

    @Test
    void shardsMergeIntoTheWholeGrid() {
        Preset p = Preset.parse("t", TestSweeps.SMALL);
        Sweep s1 = Sweep.plan(p, null, new Grid.Shard(1, 2)), s2 = Sweep.plan(p, null, new Grid.Shard(2, 2));
        s1.run(dir.resolve("a.csv"), true, TestSweeps.SILENT);
        s2.run(dir.resolve("b.csv"), true, TestSweeps.SILENT);
        Path out = dir.resolve("all.csv");
        assertEquals(4, Merger.merge(List.of(dir.resolve("a.csv"), dir.resolve("b.csv")), out, false));
        Set<String> keys = ResultTable.read(out).rows().stream().map(r -> r.get("config_key")).collect(Collectors.toSet());
        assertEquals(s1.grid().stream().map(c -> c.key()).collect(Collectors.toSet()), keys);
        // the same shard twice is a mistake, not a merge
        assertThrows(BadInputException.class, () -> Merger.merge(List.of(dir.resolve("a.csv"), dir.resolve("a.csv")), dir.resolve("x.csv"), false));
        // an existing output is not replaced without --force
        assertThrows(BadInputException.class, () -> Merger.merge(List.of(dir.resolve("a.csv")), out, false));
    }

    @Test
    void mergeRefusesMismatchedHeaders() throws Exception {
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
        TestSweeps.run(TestSweeps.SMALL, a);
        List<String> lines = Files.readAllLines(a);
        Files.writeString(b, lines.get(0).replace("median_ms", "median") + "\n" + lines.get(1) + "\n");
        var e = assertThrows(BadInputException.class, () -> Merger.merge(List.of(a, b), dir.resolve("m.csv"), false));
        assertTrue(e.getMessage().contains("different header") && e.getMessage().contains("median"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("m.csv")), "nothing written");
        assertEquals(2, Lab.commandLine().execute("merge", "-o", dir.resolve("m.csv").toString(), a.toString(), b.toString()));
        assertFalse(Files.exists(dir.resolve("m.csv")));
    }

    @Test
    void reproduceAgreesWithAnUntouchedCsv() {
        Path csv = dir.resolve("r.csv");
        ResultTable t = TestSweeps.run(TestSweeps.SMALL, csv);
        List<Reproducer.Verdict> v = Reproducer.check(t, LENIENT_TIME, TestSweeps.SILENT);
        assertEquals(4, v.size());
        assertTrue(v.stream().allMatch(Reproducer.Verdict::agrees), v.toString());
    }

    @Test
    void reproduceFlagsATamperedErrorColumnAndATamperedConfigValue() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = ResultSchema.COLUMNS;
        // line index 2 (row 2): max_abs_err becomes 0.5; line index 3 (row 3): seq changes but config_key does not
        lines.set(2, setCell(lines.get(2), header.indexOf("max_abs_err"), "5.0000e-01"));
        lines.set(3, setCell(lines.get(3), header.indexOf("seq"), "999"));
        Files.write(csv, lines);
        List<Reproducer.Verdict> v = Reproducer.check(ResultTable.read(csv), LENIENT_TIME, TestSweeps.SILENT);
        assertTrue(v.get(0).agrees(), v.get(0).toString());
        assertFalse(v.get(1).agrees());
        assertTrue(v.get(1).problems().toString().contains("max_abs_err"), v.get(1).toString());
        assertFalse(v.get(2).agrees());
        assertTrue(v.get(2).problems().toString().contains("config_key"), v.get(2).toString());
        assertTrue(v.get(3).agrees(), v.get(3).toString());
        assertEquals(1, Lab.commandLine().execute("reproduce", "--time-band", "1e6", csv.toString()));
    }

    @Test
    void reproduceFlagsARowWhoseTimingsAreScaledConsistently() throws Exception {
        Path csv = dir.resolve("r.csv");
        TestSweeps.run(TestSweeps.SMALL, csv);
        List<String> lines = Files.readAllLines(csv);
        // Row 1 claims to be 1000x slower, with every derived column made consistent, so only the
        // re-run (judged against this run's machine factor and calibration noise) can catch it.
        lines.set(1, TamperedRows.scaleTime(lines.get(1), 1000));
        Files.write(csv, lines);
        List<Reproducer.Verdict> v = Reproducer.check(ResultTable.read(csv), new Reproducer.Tolerances(2.0, 4.0, 1e-5), TestSweeps.SILENT);
        assertFalse(v.get(0).agrees(), v.get(0).toString());
        assertTrue(v.get(0).problems().toString().contains("noise band"), v.get(0).toString());
    }

    private static String setCell(String csvLine, int index, String value) throws Exception {
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(csvLine))) {
            List<String> cells = new java.util.ArrayList<>(parser.getRecords().getFirst().toList());
            assertEquals(ResultSchema.COLUMNS.size(), cells.size());
            cells.set(index, value);
            return org.apache.commons.csv.CSVFormat.DEFAULT.format(cells.toArray());
        }
    }
}
