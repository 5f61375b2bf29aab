package hetero.experiments;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the JMH benchmarks (package hetero.experiments.bench) and writes JMH's standard CSV or JSON result file.",
                "Compare results as ratios measured in the same run."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-i", "--include"}, defaultValue = "hetero\\.experiments\\.bench\\..*", description = "benchmark regex (default: ${DEFAULT-VALUE})")
    String include;

    @Option(names = "--format", defaultValue = "JSON", description = "result format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    ResultFormatType format;

    @Option(names = {"-o", "--output"}, description = "result file (default: results/jmh.FORMAT)")
    Path output;

    @Option(names = {"-f", "--forks"}, description = "JMH forks (default: the benchmark's own)")
    Integer forks;

    @Option(names = {"-wi", "--warmup-iterations"}, description = "warmup iterations (default: the benchmark's own)")
    Integer warmups;

    @Option(names = {"-mi", "--measurement-iterations"}, description = "measurement iterations (default: the benchmark's own)")
    Integer iterations;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=V1,V2", description = "override a @Param (repeatable)")
    java.util.List<String> params = new java.util.ArrayList<>();

    @Option(names = {"-l", "--list"}, description = "list the matching benchmarks, and stop")
    boolean list;

    @Override
    public Integer call() throws Exception {
        if (getClass().getResource("/META-INF/BenchmarkList") == null) {
            throw new BadInputException("no JMH benchmarks were compiled into this build (package hetero.experiments.bench)");
        }
        // JMH checks these too, but with an IllegalArgumentException that would end in a stack trace
        if ((forks != null && forks < 0) || (warmups != null && warmups < 0) || (iterations != null && iterations < 1)) {
            throw new BadInputException("need --forks >= 0, --warmup-iterations >= 0 and --measurement-iterations >= 1, got "
                    + forks + ", " + warmups + ", " + iterations);
        }
        Path out = output != null ? output : Path.of("results", "jmh." + format.name().toLowerCase());
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).resultFormat(format).result(out.toString());
        if (forks != null) options.forks(forks);
        if (warmups != null) options.warmupIterations(warmups);
        if (iterations != null) options.measurementIterations(iterations);
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new BadInputException("--param expects NAME=V1,V2, got '" + p + "'");
            options.param(p.substring(0, eq), p.substring(eq + 1).split(","));
        }
        Runner runner = new Runner(options.build());
        if (list) {
            runner.list();
            return 0;
        }
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        try {
            runner.run();
        } catch (RunnerException e) {
            if (String.valueOf(e.getMessage()).contains("No benchmarks to run")) {
                throw new BadInputException("no benchmark matches --include " + include);
            }
            throw e;
        }
        System.out.println("JMH results: " + out);
        return 0;
    }
}
