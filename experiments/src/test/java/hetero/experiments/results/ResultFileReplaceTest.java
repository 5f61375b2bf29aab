package hetero.experiments.results;

import hetero.experiments.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Rewriting a result CSV on open (its error rows dropped, to run again) never loses what is in it. */
class ResultFileReplaceTest {
    @TempDir
    Path dir;

    private static Map<String, String> row(String key, String status) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put(ResultSchema.CONFIG_KEY, key);
        r.put(ResultSchema.STATUS, status);
        return r;
    }

    /** A CSV with one finished row and one error row, which the next open rewrites away. */
    private Path csvWithAnErrorRow() {
        Path csv = dir.resolve("r.csv");
        try (ResultFile f = ResultFile.openForAppend(csv)) {
            f.append(row("done", "ok"));
            f.append(row("failed", "error: boom"));
        }
        return csv;
    }

    @Test
    void aFailingRewriteLeavesTheOldContentAsItWas() throws Exception {
        Path csv = csvWithAnErrorRow();
        byte[] before = Files.readAllBytes(csv);
        // the temporary file cannot be written (a directory has its name): the rewrite fails half way
        Path tmp = dir.resolve(".r.csv.rewrite");
        Files.createDirectory(tmp);
        assertThrows(RuntimeException.class, () -> ResultFile.openForAppend(csv).close());
        assertArrayEquals(before, Files.readAllBytes(csv), "the CSV survives a failed rewrite byte for byte");
        Files.delete(tmp);
        try (ResultFile f = ResultFile.openForAppend(csv)) {
            assertEquals(1, f.retried());
            assertTrue(f.isFinished("done") && !f.isFinished("failed"));
        }
        assertFalse(Files.exists(tmp), "no temporary file left behind");
    }

    @Test
    void aWriterThatOpenedTheFileBeforeAnotherRewroteItDoesNotWriteToTheOldOne() {
        Path csv = csvWithAnErrorRow();
        AtomicReference<ResultFile> first = new AtomicReference<>();
        // the second writer opens the file; before it locks it, the first opens the same path, drops the error
        // row by renaming a rewritten file over the path, and keeps the new file locked
        Runnable firstWriterRewrites = () -> {
            if (first.get() == null) first.set(ResultFile.openForAppend(csv));
        };
        try {
            BadInputException e = assertThrows(BadInputException.class, () -> ResultFile.openForAppend(csv, null, firstWriterRewrites).close(),
                    "the second writer must see the file the path names now, which the first holds");
            assertTrue(e.getMessage().contains("being written by another sweep"), e.getMessage());
            first.get().append(row("failed", "ok"));
        } finally {
            if (first.get() != null) first.get().close();
        }
        ResultTable t = ResultTable.read(csv);
        assertEquals(2, t.rows().size(), "the first writer's rows are all in the file");
        assertTrue(t.rows().stream().allMatch(r -> r.get(ResultSchema.STATUS).equals("ok")), t.rows().toString());
    }
}
