package hetero.experiments.results;

import hetero.experiments.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A result CSV opened for appending: one writer at a time, crash-safe and resumable.
 *
 * <ul>
 * <li><b>One writer.</b> The file is locked ({@link FileChannel#tryLock}) while it is open; a
 *     second sweep on the same file is refused with a message, instead of writing every row twice
 *     (also one that opened the file just before the first renamed a rewritten file over it).</li>
 * <li><b>Only result CSVs.</b> An existing file must start with this harness's header; anything else
 *     (notes, another CSV, one line without a newline) is refused untouched. The one exception is a
 *     file that holds a prefix of the header alone: a run killed while writing its header.</li>
 * <li><b>Crash-safe rows.</b> Each row is formatted completely in memory (newlines in cells replaced
 *     by spaces, so one record is one line) and written with one {@code write} call. A kill can leave
 *     at most one incomplete last line; on open it is cut off (it will be run again).</li>
 * <li><b>Resume.</b> The {@code config_key}s of complete {@code ok} and {@code skipped} rows count as
 *     finished. {@code error:} rows are removed on open (the file is rewritten to a temporary file
 *     and renamed over the old one) so that their configurations run again.</li>
 * <li><b>Same origin.</b> Given the current {@link Environment}, a file whose rows were measured at
 *     another git commit, on another host or CPU is refused: it is a reference, not this run's progress.
 *     Only inside Slurm, rows of a Slurm job from another node (same commit and CPU model) are progress:
 *     a resubmitted array task may land on another node.</li>
 * </ul>
 */
public final class ResultFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;
    private FileLock lock;
    private final Set<String> finished;
    private int droppedBytes;
    private int retried;

    private ResultFile(Path path, FileChannel channel, FileLock lock, Set<String> finished) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.finished = finished;
    }

    /** Opens without checking where the existing rows were measured. */
    public static ResultFile openForAppend(Path path) {
        return openForAppend(path, null);
    }

    /**
     * @param origin where this run happens; existing rows from another commit or CPU are refused.
     *               Null: no such check.
     */
    public static ResultFile openForAppend(Path path, Environment origin) {
        return openForAppend(path, origin, () -> { });
    }

    /** As above; {@code betweenOpenAndLock} runs where another writer could rename a rewritten file over the path (tests). */
    static ResultFile openForAppend(Path path, Environment origin, Runnable betweenOpenAndLock) {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new BadInputException("cannot create the directory of " + path + ": " + describe(e), e);
        }
        // A writer that rewrites the file (dropping error rows) renames a new file over the path while it holds
        // the lock. Another writer that opened the old file just before that rename gets the old file's lock once
        // it is released, and would append to (or rewrite from) a file nobody reads any more, losing rows. So:
        // the path must name the same file before the open and after the lock; if not, open the new one.
        for (int attempt = 1; ; attempt++) {
            Object before = fileKey(path);
            FileChannel ch;
            try {
                ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            } catch (IOException e) {
                throw new BadInputException("cannot open " + path + " for writing: " + describe(e), e);
            }
            FileLock lock;
            try {
                betweenOpenAndLock.run();
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;   // held by this JVM
                }
                if (lock == null) {
                    throw new BadInputException(path + " is being written by another sweep right now (it holds the file's lock); "
                            + "wait for it to finish, or write to another file with -o");
                }
                if (before != null && !before.equals(fileKey(path))) {
                    closeQuietly(ch);   // releases the stale file's lock
                    if (attempt < 3) continue;
                    throw new BadInputException(path + " was replaced three times while this sweep opened it: another sweep is "
                            + "rewriting it; wait for it to finish, or write to another file with -o");
                }
                ResultFile f = new ResultFile(path, ch, lock, new HashSet<>());
                f.load(origin);
                return f;
            } catch (RuntimeException e) {
                closeQuietly(ch);
                throw e;
            } catch (IOException e) {
                closeQuietly(ch);
                throw new UncheckedIOException("cannot open " + path + " for appending", e);
            }
        }
    }

    /** The identity of the file a path names now (device and inode on Unix), or null where there is none. */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;   // not there yet: this open creates it
        }
    }

    private static String describe(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** The header line this harness writes, without its newline. */
    private static String headerLine() {
        return format(ResultSchema.COLUMNS);
    }

    private void load(Environment origin) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(channel.size()));
        while (buf.hasRemaining() && channel.read(buf, buf.position()) >= 0) { /* read it all */ }
        String text = new String(buf.array(), StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        if (complete == 0 && !text.isEmpty() && !headerLine().startsWith(text)) {
            throw notAResultCsv("its only line (without a newline) is not the result header");
        }
        if (complete > 0) {
            String first = text.substring(0, text.indexOf('\n')).replace("\r", "");
            if (!first.equals(headerLine())) {
                List<String> header;
                try {
                    header = ResultTable.parse(path, first + "\n").header();
                } catch (BadInputException e) {
                    header = List.of();
                }
                throw notAResultCsv(header.size() > 1
                        ? "its header differs from this harness version's (" + ResultTable.HeaderDiff.describe(header, ResultSchema.COLUMNS)
                          + "): a CSV of an older harness is read, never resumed"
                        : "its first line is not the result header");
            }
        }
        String kept = text.substring(0, complete);
        droppedBytes = buf.array().length - kept.getBytes(StandardCharsets.UTF_8).length;
        ResultTable table = kept.isEmpty() ? null : ResultTable.parse(path, kept);
        StringBuilder withoutErrors = new StringBuilder();
        if (table != null) {
            List<String> lines = kept.lines().toList();
            boolean oneLinePerRow = lines.size() == table.rows().size() + 1;
            withoutErrors.append(lines.getFirst()).append('\n');
            for (int i = 0; i < table.rows().size(); i++) {
                Map<String, String> row = table.rows().get(i);
                if (origin != null) checkOrigin(row, origin);
                if (oneLinePerRow && row.get(ResultSchema.STATUS).startsWith("error")) {
                    retried++;
                    continue;
                }
                finished.add(row.get(ResultSchema.CONFIG_KEY));
                if (oneLinePerRow) withoutErrors.append(lines.get(i + 1)).append('\n');
            }
        }
        if (retried > 0) {
            replaceWith(withoutErrors.toString());
        } else if (droppedBytes > 0) {
            channel.truncate(kept.getBytes(StandardCharsets.UTF_8).length);
        }
        if (channel.size() == 0) writeLine(ResultSchema.COLUMNS);
        channel.position(channel.size());
    }

    private BadInputException notAResultCsv(String why) {
        return new BadInputException(path + " exists and is not a result CSV of this harness version (" + why + "); it was left untouched: "
                + "write to another file with -o");
    }

    private void checkOrigin(Map<String, String> row, Environment origin) {
        String commit = row.getOrDefault("git_commit", ""), cpu = row.getOrDefault("cpu_model", ""), host = row.getOrDefault(ResultSchema.HOST, "");
        // A Slurm task resubmitted onto another node of the cluster resumes its shard: the nodes are alike
        // (same CPU model), and every row keeps its own host, so plots still draw each node apart.
        boolean clusterShard = !row.getOrDefault(ResultSchema.SLURM_JOB, "").isEmpty() && !origin.slurmJob().isEmpty();
        if (!commit.equals(origin.gitCommit()) || !cpu.equals(origin.cpuModel()) || !(host.equals(origin.host()) || clusterShard)) {
            throw new BadInputException(path + " holds rows measured at commit " + abbreviate(commit) + " on " + host + " ('" + cpu + "'), and this run is at commit "
                    + abbreviate(origin.gitCommit()) + " on " + origin.host() + " ('" + origin.cpuModel() + "'): a file from another machine or commit is a reference, "
                    + "never resumed. Write this run to a new file (lab sweep without -o uses results/runs/DATE-HOST-COMMIT/)");
        }
    }

    private static String abbreviate(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }

    /**
     * Replaces the file's content without a moment where it is gone or half written: the new content
     * goes to a temporary file beside it (same directory, so the rename stays on one file system),
     * is forced to disk, and is renamed over the file atomically; a crash or a failing write leaves
     * the old file as it was. The new file is locked before the rename, so the lock never lapses
     * (and a writer that locks the old file after it is released sees that the path moved on:
     * {@link #openForAppend}).
     */
    private void replaceWith(String content) throws IOException {
        Path tmp = path.resolveSibling("." + path.getFileName() + ".rewrite");
        FileChannel next = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            FileLock nextLock = next.lock();
            ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) next.write(b);
            next.force(true);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(path.toAbsolutePath().getParent());
            lock.release();
            channel.close();
            channel = next;
            lock = nextLock;
        } catch (IOException | RuntimeException e) {
            closeQuietly(next);
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Makes a rename in this directory durable where the platform allows it (Linux does); elsewhere a no-op. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open or sync a directory; the rename itself was atomic
        }
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

    /** {@code error:} rows removed on open, so that their configurations run again. */
    public int retried() {
        return retried;
    }

    public Path path() {
        return path;
    }

    public synchronized void append(Map<String, String> row) {
        String key = row.get(ResultSchema.CONFIG_KEY);
        if (!finished.add(key)) throw new IllegalStateException("row " + key + " is already in " + path);
        writeLine(ResultSchema.COLUMNS.stream().map(c -> row.getOrDefault(c, "")).toList());
    }

    private static String format(List<String> cells) {
        Object[] clean = cells.stream().map(s -> s.replace('\r', ' ').replace('\n', ' ')).toArray();
        return ResultTable.FORMAT.format(clean);
    }

    private void writeLine(List<String> cells) {
        ByteBuffer b = ByteBuffer.wrap((format(cells) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (b.hasRemaining()) channel.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
