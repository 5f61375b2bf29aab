package hetero.experiments;

import hetero.experiments.results.Reproducer;
import hetero.experiments.results.ResultTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Re-runs the configurations of a result CSV here and reports row by row whether they agree.",
                "Exit code 0: all agree; 1: some disagree; 2: bad input."})
final class ReproduceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.csv")
    Path file;

    @Option(names = "--time-band", defaultValue = "2.0", description = "allowed factor between recorded and re-run time ratios (default: ${DEFAULT-VALUE})")
    double timeBand;

    @Option(names = "--err-factor", defaultValue = "4.0", description = "allowed factor between recorded and re-run errors (default: ${DEFAULT-VALUE})")
    double errFactor;

    @Option(names = "--err-floor", defaultValue = "1e-5", description = "errors both below this agree (default: ${DEFAULT-VALUE})")
    double errFloor;

    @Override
    public Integer call() {
        if (!(timeBand >= 1) || !(errFactor >= 1) || !(errFloor >= 0)) {
            throw new BadInputException("--time-band and --err-factor must be >= 1, --err-floor >= 0");
        }
        ResultTable table = ResultTable.read(file);
        List<Reproducer.Verdict> verdicts = Reproducer.check(table, new Reproducer.Tolerances(timeBand, errFactor, errFloor), System.out);
        return verdicts.stream().allMatch(Reproducer.Verdict::agrees) ? 0 : 1;
    }
}
