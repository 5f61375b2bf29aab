package hetero.experiments.workload;

/** How one (configuration, device) ended: one CSV row each. Serializable: a sweep's worker JVM sends it back. */
public sealed interface Outcome extends java.io.Serializable {
    /** The CSV status cell: {@code ok}, {@code skipped: reason}, {@code error: message}. */
    String status();

    record Ok(Measurement measurement) implements Outcome {
        public String status() {
            return "ok";
        }
    }

    /** Not run, for a reason that is no fault of the code: invalid combination, out of memory, device missing. */
    record Skipped(String reason) implements Outcome {
        public String status() {
            return "skipped: " + reason;
        }
    }

    record Failed(String message) implements Outcome {
        public String status() {
            return "error: " + message;
        }
    }
}
