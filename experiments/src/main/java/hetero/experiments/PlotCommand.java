package hetero.experiments;

import hetero.experiments.plot.Plots;
import hetero.experiments.results.ResultTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "PNG charts (time and GFLOP/s vs seq per device and workload, memory per scheme) and summary.md from result CSVs.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.csv", arity = "1..*")
    List<Path> files;

    @Option(names = {"-o", "--out-dir"}, description = "where to write (default: plots/ next to the first CSV)")
    Path outDir;

    @Override
    public Integer call() {
        List<ResultTable> tables = files.stream().map(ResultTable::read).toList();
        Path dir = outDir != null ? outDir : files.getFirst().toAbsolutePath().resolveSibling("plots");
        for (Path p : Plots.write(tables, dir)) System.out.println(p);
        return 0;
    }
}
