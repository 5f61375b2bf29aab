package hetero.kernels.tuning;

import java.nio.file.Path;

/** A tuning file that breaks the format of {@link TuningFile}: the message names the file, the line and the problem. */
public final class TuningFileException extends IllegalArgumentException {
    private final transient Path file;
    private final int line;

    public TuningFileException(Path file, int line, String problem) {
        super("tuning file " + file + (line > 0 ? " line " + line : "") + ": " + problem
                + " (fix it, delete it to use the device kind's defaults, or re-run lab tune)");
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based; 0 when the problem is not on one line. */
    public int line() {
        return line;
    }
}
