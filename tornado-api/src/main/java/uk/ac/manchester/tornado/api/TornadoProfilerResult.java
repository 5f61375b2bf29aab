package uk.ac.manchester.tornado.api;

/**
 * The profile of one execution; every time is in nanoseconds. Kernel and copy times come from
 * device events where the backend has them.
 */
public final class TornadoProfilerResult {
    private final long totalTime, compileTime, driverInstallTime, deviceWriteTime, deviceReadTime, deviceKernelTime;
    private final long bytesCopyIn, bytesCopyOut, deviceMemory;
    private final String log;

    /**
     * @param totalTime         host wall time of the whole execution
     * @param compileTime       time in the JIT (bytecode to device code), all tasks
     * @param driverInstallTime time the driver took to build the device code, all tasks
     * @param deviceWriteTime   host-to-device copies
     * @param deviceReadTime    device-to-host copies
     * @param deviceKernelTime  kernels
     * @param bytesCopyIn       bytes copied to the device
     * @param bytesCopyOut      bytes copied back
     * @param deviceMemory      bytes of device memory the plan holds
     * @param log               one line per task (the runtime's own profile)
     */
    public TornadoProfilerResult(long totalTime, long compileTime, long driverInstallTime, long deviceWriteTime, long deviceReadTime,
                                 long deviceKernelTime, long bytesCopyIn, long bytesCopyOut, long deviceMemory, String log) {
        this.totalTime = totalTime;
        this.compileTime = compileTime;
        this.driverInstallTime = driverInstallTime;
        this.deviceWriteTime = deviceWriteTime;
        this.deviceReadTime = deviceReadTime;
        this.deviceKernelTime = deviceKernelTime;
        this.bytesCopyIn = bytesCopyIn;
        this.bytesCopyOut = bytesCopyOut;
        this.deviceMemory = deviceMemory;
        this.log = log;
    }

    public long getTotalTime() { return totalTime; }

    /** JIT plus driver build. */
    public long getCompileTime() { return compileTime + driverInstallTime; }

    public long getTornadoCompilerTime() { return compileTime; }

    public long getDriverInstallTime() { return driverInstallTime; }

    public long getDataTransfersTime() { return deviceWriteTime + deviceReadTime; }

    public long getDeviceWriteTime() { return deviceWriteTime; }

    public long getDeviceReadTime() { return deviceReadTime; }

    public long getDeviceKernelTime() { return deviceKernelTime; }

    public long getTotalBytesCopyIn() { return bytesCopyIn; }

    public long getTotalBytesCopyOut() { return bytesCopyOut; }

    public long getTotalBytesTransferred() { return bytesCopyIn + bytesCopyOut; }

    public long getTotalDeviceMemoryUsage() { return deviceMemory; }

    public String getProfileLog() { return log; }

    /** Prints the profile to standard output. */
    public void dumpProfiles() {
        System.out.println(this);
    }

    @Override
    public String toString() {
        return "total " + totalTime + " ns, compile " + getCompileTime() + " ns, copy-in " + deviceWriteTime + " ns (" + bytesCopyIn
                + " B), kernel " + deviceKernelTime + " ns, copy-out " + deviceReadTime + " ns (" + bytesCopyOut + " B), device memory "
                + deviceMemory + " B" + (log.isEmpty() ? "" : "\n" + log);
    }
}
