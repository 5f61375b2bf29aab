package hetero.runtime.api;

import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Every backend and device this machine has, by stable id ({@code jvm}, {@code opencl:0:0}, {@code ptx:0}). */
public final class Devices {
    private static volatile List<Backend> backends;

    private Devices() {
    }

    public static List<Backend> backends() {
        if (backends == null) {
            synchronized (Devices.class) {
                if (backends == null) {
                    // Every backend on the class path, in the order META-INF/services lists them
                    // (jvm first: the reference); one whose native library is absent reports why.
                    List<Backend> found = new ArrayList<>();
                    ServiceLoader.load(Backend.class, Backend.class.getClassLoader()).forEach(found::add);
                    backends = List.copyOf(found);
                }
            }
        }
        return backends;
    }

    public static Backend backend(String name) {
        for (Backend b : backends()) if (b.name().equals(name)) return b;
        throw new IllegalArgumentException("unknown backend '" + name + "'; known: "
                + backends().stream().map(Backend::name).collect(Collectors.joining(", ")));
    }

    /** Devices of every available backend. */
    public static List<Device> list() {
        List<Device> out = new ArrayList<>();
        for (Backend b : backends()) if (b.available()) out.addAll(b.devices());
        return out;
    }

    public static Device get(String id) {
        for (Device d : list()) if (d.id().equals(id)) return d;
        StringBuilder why = new StringBuilder("unknown device '" + id + "'; available: "
                + list().stream().map(Device::id).collect(Collectors.joining(", ")));
        for (Backend b : backends()) {
            if (!b.available() && id.startsWith(b.name())) why.append("; backend ").append(b.name()).append(" is unavailable: ").append(b.unavailableReason());
        }
        throw new IllegalArgumentException(why.toString());
    }

    /** The device a plan uses when none is named: HETERO_DEVICE if set, else the first non-JVM device, else jvm. */
    public static Device defaultDevice() {
        String env = System.getenv("HETERO_DEVICE");
        if (env != null && !env.isBlank()) return get(env.trim());
        for (Device d : list()) if (!d.backend().equals("jvm")) return d;
        return get("jvm");
    }

    static Backend backendOf(Device d) {
        return backend(d.backend());
    }
}
