package hetero.experiments;

import hetero.experiments.results.Reproducer;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.ConfigRunner;
import hetero.experiments.sweep.Param;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Re-runs the configurations of a result CSV here and reports row by row whether they agree.",
                "Derived columns are recomputed, errors re-measured, duplicated rows flagged, and timings judged against a",
                "calibration kernel timed before each row (the noise of this machine during this run).",
                "Exit code 0: all agree; 1: some disagree; 2: bad input."})
final class ReproduceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.csv")
    Path file;

    @Option(names = "--rows", paramLabel = "LINES", description = "only these CSV lines (as the verdicts number them), e.g. 2,5-9")
    String rows;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "only rows whose parameter KEY (seq, workload, device, ...) is VALUE; repeatable, all must match")
    List<String> filters = new ArrayList<>();

    @Option(names = "--time-band", defaultValue = "1.5", description = "smallest allowed timing factor after noise correction; the band widens with the measured noise (default: ${DEFAULT-VALUE})")
    double timeBand;

    @Option(names = "--err-factor", defaultValue = "4.0", description = "allowed factor between recorded and re-measured errors (default: ${DEFAULT-VALUE})")
    double errFactor;

    @Option(names = "--err-floor", defaultValue = "1e-5", description = "errors both at most this agree, unless only one is 0 (default: ${DEFAULT-VALUE})")
    double errFloor;

    @Option(names = {"-v", "--verbose"}, description = "show the worker JVM's output (driver build logs) here instead of in a log file")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (!(timeBand >= 1) || !(errFactor >= 1) || !(errFloor >= 0)) {
            throw new BadInputException("--time-band and --err-factor must be >= 1, --err-floor >= 0");
        }
        ResultTable table = ResultTable.read(file);
        IntPredicate selected = selection(table);
        Path log = verbose ? null : Files.createTempFile("reproduce-", ".log");
        if (log != null) System.out.println("worker output (driver build logs): " + log);
        try (ConfigRunner runner = ConfigRunner.inChildJvm(log)) {
            List<Reproducer.Verdict> verdicts = Reproducer.check(table, selected,
                    new Reproducer.Tolerances(timeBand, errFactor, errFloor), runner, System.out);
            return verdicts.stream().allMatch(Reproducer.Verdict::agrees) ? 0 : 1;
        }
    }

    /** Row indices (0 = CSV line 2) chosen by --rows and --filter; all rows without them. */
    IntPredicate selection(ResultTable table) {
        BitSet lines = rows == null ? null : lines(rows, table.rows().size() + 1);
        List<Map.Entry<String, String>> wanted = new ArrayList<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new BadInputException("--filter expects KEY=VALUE, got '" + f + "'");
            wanted.add(Map.entry(Param.byKey(f.substring(0, eq)).column, f.substring(eq + 1).strip()));
        }
        return i -> (lines == null || lines.get(i + 2))
                && wanted.stream().allMatch(w -> w.getValue().equals(table.rows().get(i).get(w.getKey())));
    }

    /** {@code 2,5-9} -> those line numbers; each must be a data line (2 .. lastLine). */
    static BitSet lines(String spec, int lastLine) {
        BitSet out = new BitSet();
        for (String part : spec.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
                if (from < 2 || to > lastLine || from > to) {
                    throw new BadInputException("--rows " + p + ": lines run from 2 (the first row) to " + lastLine);
                }
                out.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw new BadInputException("--rows expects line numbers like 2,5-9, got '" + p + "'");
            }
        }
        return out;
    }
}
