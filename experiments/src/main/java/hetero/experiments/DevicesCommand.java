package hetero.experiments;

import hetero.runtime.api.Devices;
import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "devices", mixinStandardHelpOptions = true, description = "Lists devices by id, and the backends that are unavailable here with the reason.")
final class DevicesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf("%-14s %-8s %-40s %-20s %-24s %5s %10s%n", "id", "backend", "name", "vendor", "driver", "CUs", "memory");
        for (Device d : Devices.list()) {
            System.out.printf("%-14s %-8s %-40s %-20s %-24s %5d %10s%n", d.id(), d.backend(), d.name(), d.vendor(), d.driver(),
                    d.computeUnits(), gib(d.globalMemoryBytes()));
            // The same hardware as opencl:P:D; how our SPIR-V gets there (IL, or translated to SPIR) matters.
            if (d.backend().equals("spirv")) System.out.println("               route: " + d.version());
        }
        for (Backend b : Devices.backends()) {
            if (!b.available()) System.out.println("backend " + b.name() + " unavailable: " + b.unavailableReason());
        }
        return 0;
    }

    private static String gib(long bytes) {
        return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
