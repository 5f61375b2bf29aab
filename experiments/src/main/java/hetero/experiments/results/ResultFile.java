package hetero.experiments.results;

import hetero.experiments.BadInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A result CSV opened for appending, crash-safe and resumable.
 *
 * <p>Each row is formatted completely in memory (newlines in cells replaced by spaces, so one
 * record is exactly one line), written with one {@code write} call and flushed. A kill at any
 * moment can therefore leave at most one incomplete last line, without its newline. On open, that
 * tail is cut off (it is the row that was being written; it will be run again), the header is
 * checked against {@link ResultSchema#COLUMNS}, and the {@code config_key}s of the complete rows
 * are collected so that a resumed sweep skips them. Finished rows are never rewritten.
 */
public final class ResultFile implements AutoCloseable {
    private final Path path;
    private final OutputStream out;
    private final Set<String> finished;
    private final int droppedBytes;

    private ResultFile(Path path, OutputStream out, Set<String> finished, int droppedBytes) {
        this.path = path;
        this.out = out;
        this.finished = finished;
        this.droppedBytes = droppedBytes;
    }

    /** Checks an existing file without changing it; throws {@link BadInputException} if it cannot be resumed. */
    public static Set<String> finishedKeys(Path path) {
        if (!Files.exists(path)) return Set.of();
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            return keys(path, text.substring(0, completeLength(text)));
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static ResultFile openForAppend(Path path) {
        Set<String> finished = finishedKeys(path);
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            int dropped = 0;
            if (Files.exists(path)) {
                byte[] bytes = Files.readAllBytes(path);
                int keep = bytes.length;
                while (keep > 0 && bytes[keep - 1] != '\n') keep--;
                if (keep < bytes.length) {
                    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                        ch.truncate(keep);
                    }
                    dropped = bytes.length - keep;
                }
            }
            boolean needsHeader = !Files.exists(path) || Files.size(path) == 0;
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ResultFile f = new ResultFile(path, out, new HashSet<>(finished), dropped);
            if (needsHeader) f.writeLine(ResultSchema.COLUMNS);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + " for appending", e);
        }
    }

    /** Length of the text up to and including its last newline: the part a kill cannot have torn. */
    private static int completeLength(String text) {
        return text.lastIndexOf('\n') + 1;
    }

    private static Set<String> keys(Path path, String complete) {
        if (complete.isEmpty()) return Set.of();
        ResultTable t = ResultTable.parse(path, complete);
        if (!t.header().equals(ResultSchema.COLUMNS)) {
            throw new BadInputException(path + " has a different header than this harness writes ("
                    + ResultTable.HeaderDiff.describe(t.header(), ResultSchema.COLUMNS) + "); write to another file");
        }
        Set<String> keys = new HashSet<>();
        for (Map<String, String> row : t.rows()) keys.add(row.get(ResultSchema.CONFIG_KEY));
        return keys;
    }

    public boolean isFinished(String configKey) {
        return finished.contains(configKey);
    }

    public int finishedCount() {
        return finished.size();
    }

    /** Bytes of a torn last row removed on open (0 normally). */
    public int droppedBytes() {
        return droppedBytes;
    }

    public Path path() {
        return path;
    }

    public synchronized void append(Map<String, String> row) {
        String key = row.get(ResultSchema.CONFIG_KEY);
        if (!finished.add(key)) throw new IllegalStateException("row " + key + " is already in " + path);
        writeLine(ResultSchema.COLUMNS.stream().map(c -> row.getOrDefault(c, "")).toList());
    }

    private void writeLine(List<String> cells) {
        Object[] clean = cells.stream().map(s -> s.replace('\r', ' ').replace('\n', ' ')).toArray();
        String line = ResultTable.FORMAT.format(clean) + "\n";
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
