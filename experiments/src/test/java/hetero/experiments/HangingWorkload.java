package hetero.experiments;

import hetero.experiments.sweep.Config;
import hetero.experiments.workload.Trial;
import hetero.experiments.workload.Workload;
import hetero.runtime.backend.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Stands for a kernel that never returns and cannot be interrupted: it ignores interrupts and keeps
 * appending to the file named by {@code -Dhetero.test.heartbeat}, so a test can see whether the
 * work really stopped. It also prints to the console, as a driver's build log would.
 */
public final class HangingWorkload implements Workload {
    public HangingWorkload() {
    }

    @Override
    public String name() {
        return "test-spin";
    }

    @Override
    public String description() {
        return "spins forever, ignoring interrupts";
    }

    @Override
    public Trial prepare(Config c, Device device) {
        System.out.println("1 warning generated. (noise from test-spin)");
        Path beat = Path.of(System.getProperty("hetero.test.heartbeat"));
        while (true) {
            try {
                Files.writeString(beat, "x", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // keep spinning
            }
            long until = System.nanoTime() + 20_000_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
        }
    }
}
