package hetero.experiments;

import hetero.runtime.api.Devices;
import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The lab's command line: one entry, subcommands. */
@Command(name = "lab", mixinStandardHelpOptions = true, subcommands = {Lab.DevicesCommand.class, KernelsCommand.class},
        description = "Transformer kernels JIT-compiled from annotated Java: devices, generated code, sweeps.")
public final class Lab implements Callable<Integer> {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Lab()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    @Command(name = "devices", mixinStandardHelpOptions = true, description = "List devices and backends.")
    static final class DevicesCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.printf("%-12s %-8s %-40s %-28s %-14s %5s %10s%n", "id", "backend", "name", "vendor", "driver", "units", "memory");
            for (Device d : Devices.list()) {
                System.out.printf("%-12s %-8s %-40s %-28s %-14s %5d %7d MiB%n", d.id(), d.backend(), d.name(), d.vendor(), d.driver(),
                        d.computeUnits(), d.globalMemoryBytes() >> 20);
            }
            for (Backend b : Devices.backends()) {
                if (!b.available()) System.out.println("backend " + b.name() + " unavailable: " + b.unavailableReason());
            }
            return 0;
        }
    }
}
