package hetero.runtime.tornado;

import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.spi.GraphDescription;
import uk.ac.manchester.tornado.api.spi.PlanExecutor;
import uk.ac.manchester.tornado.api.spi.TornadoRuntimeService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This project's runtime behind TornadoVM's API (found by {@link java.util.ServiceLoader}). Backends
 * are numbered as TornadoVM numbers drivers: the accelerator backends present (opencl, ptx, spirv,
 * in that order) first, the jvm reference backend last; so {@code getDevice(0, 0)} is the first
 * OpenCL device where there is one.
 */
public final class HeteroTornadoRuntime implements TornadoRuntimeService {
    @Override
    public List<List<TornadoDevice>> backends() {
        Map<String, List<TornadoDevice>> byBackend = new LinkedHashMap<>();
        List<TornadoDevice> jvm = new ArrayList<>();
        for (Device d : Devices.list()) {
            if (d.backend().equals("jvm")) jvm.add(new TornadoDeviceAdapter(d));
            else byBackend.computeIfAbsent(d.backend(), k -> new ArrayList<>()).add(new TornadoDeviceAdapter(d));
        }
        List<List<TornadoDevice>> out = new ArrayList<>(byBackend.values());
        if (!jvm.isEmpty()) out.add(jvm);
        return List.copyOf(out);
    }

    @Override
    public PlanExecutor open(List<GraphDescription> graphs) {
        return new HeteroPlanExecutor(graphs);
    }

    /** A device by the project's id (jvm, opencl:0:0, ptx:0, spirv:0:0): the project's extension for {@code plan.withDevice(...)}. */
    public static TornadoDevice device(String id) {
        return new TornadoDeviceAdapter(Devices.get(id));
    }
}
