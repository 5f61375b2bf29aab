package hetero.runtime.backend;

/** The device compiler rejected generated code: carries its log and the source, with line numbers. */
public final class KernelBuildException extends RuntimeException {
    private final String log;
    private final String source;

    public KernelBuildException(String deviceId, String kernel, String log, String source) {
        super("the " + deviceId + " compiler rejected the code generated for " + kernel + ":\n" + log
                + "\n--- generated source ---\n" + numbered(source));
        this.log = log;
        this.source = source;
    }

    public String log() {
        return log;
    }

    public String source() {
        return source;
    }

    static String numbered(String s) {
        StringBuilder b = new StringBuilder();
        String[] lines = s.split("\n", -1);
        for (int i = 0; i < lines.length; i++) b.append(String.format("%4d  %s%n", i + 1, lines[i]));
        return b.toString();
    }
}
