package hetero.experiments;

import hetero.experiments.results.Merger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Joins shard CSVs into one; refuses different headers and configurations present twice.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHARD.csv", arity = "1..*")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true)
    Path output;

    @Option(names = "--force", description = "replace OUTPUT if it exists")
    boolean force;

    @Override
    public Integer call() {
        int rows = Merger.merge(inputs, output, force);
        System.out.println(output + ": " + rows + " rows from " + inputs.size() + " files");
        return 0;
    }
}
