package hetero.experiments;

import hetero.experiments.results.Environment;
import hetero.experiments.results.ResultSchema;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Param;
import hetero.experiments.workload.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A result CSV written before the attention, scoring and dHead axes still reads (as softmax, dot, dModel/heads). */
class OlderResultCsvTest {
    @TempDir
    Path dir;

    static final List<String> ADDED = List.of("attention", "scoring", "d_head", "diff_vs_softmax");

    private static String quoted(String v) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    @Test
    void csvWithoutTheAttentionAxesIsReadWithTheirDefaultsAndItsKeyRebuilt() throws Exception {
        Config c = Config.of(Map.of(Param.WORKLOAD, "attention", Param.HEADS, 4, Param.D_MODEL, 64, Param.SEQ, 32));
        Map<String, String> row = ResultSchema.row(c, new Outcome.Skipped("why"), null, Environment.capture());
        List<String> oldColumns = ResultSchema.COLUMNS.stream().filter(col -> !ADDED.contains(col)).toList();
        String oldKey = c.key().replace(";attention=softmax;scoring=dot", "").replace(";dHead=16", "");
        assertNotEquals(c.key(), oldKey);
        StringBuilder text = new StringBuilder(String.join(",", oldColumns)).append('\n');
        text.append(String.join(",", oldColumns.stream().map(col -> quoted(col.equals(ResultSchema.CONFIG_KEY) ? oldKey : row.get(col))).toList())).append('\n');
        Path file = dir.resolve("old.csv");
        Files.writeString(file, text);

        ResultTable t = ResultTable.read(file).requireCurrentSchema();
        assertEquals(ResultSchema.COLUMNS, t.header());
        Map<String, String> upgraded = t.rows().getFirst();
        assertEquals(c.key(), upgraded.get(ResultSchema.CONFIG_KEY));
        assertEquals("softmax", upgraded.get("attention"));
        assertEquals("dot", upgraded.get("scoring"));
        assertEquals("16", upgraded.get("d_head"));

        Files.writeString(file, text.toString().replaceFirst("workload,", "workload_renamed,"));
        var e = assertThrows(BadInputException.class, () -> ResultTable.read(file).requireCurrentSchema());
        assertTrue(e.getMessage().contains("not a result CSV of this harness version"), e.getMessage());
    }
}
