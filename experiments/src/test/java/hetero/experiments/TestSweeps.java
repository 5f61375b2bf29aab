package hetero.experiments;

import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Grid;
import hetero.experiments.sweep.Preset;
import hetero.experiments.sweep.Sweep;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** Tiny sweeps on the jvm device: milliseconds each, so the tests stay fast. */
final class TestSweeps {
    static final String SMALL = """
            workload = vector-add
            seq = 4, 8, 16, 32
            dModel = 16
            heads = 2
            warmups = 0
            iterations = 3
            devices = jvm
            """;

    static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private TestSweeps() {
    }

    static Sweep plan(String presetText) {
        return Sweep.plan(Preset.parse("test", presetText), null, Grid.Shard.ALL);
    }

    static ResultTable run(String presetText, Path csv) {
        plan(presetText).run(csv, true, SILENT);
        return ResultTable.read(csv);
    }
}
