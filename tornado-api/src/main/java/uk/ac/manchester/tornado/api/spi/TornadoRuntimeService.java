package uk.ac.manchester.tornado.api.spi;

import uk.ac.manchester.tornado.api.common.TornadoDevice;

import java.util.List;

/**
 * How this API finds the runtime that runs it (this project's addition; TornadoVM wires its own
 * runtime in directly). An implementation is registered in
 * {@code META-INF/services/uk.ac.manchester.tornado.api.spi.TornadoRuntimeService}; the first one
 * {@link java.util.ServiceLoader} finds is used.
 */
public interface TornadoRuntimeService {
    /** The devices, grouped by backend: backend 0 is the default one. */
    List<List<TornadoDevice>> backends();

    /** Opens a plan over these graphs; nothing touches a device until the first execution. */
    PlanExecutor open(List<GraphDescription> graphs);
}
