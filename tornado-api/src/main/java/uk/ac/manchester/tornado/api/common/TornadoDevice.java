package uk.ac.manchester.tornado.api.common;

import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/** A device a plan can run on; obtained from {@code TornadoExecutionPlan.getDevice(backend, device)}. */
public interface TornadoDevice {
    String getDeviceName();

    String getDescription();

    String getPlatformName();

    TornadoVMBackendType getTornadoVMBackend();

    /** Global memory of the device in bytes (0 where the driver does not say). */
    long getMaxGlobalMemory();
}
