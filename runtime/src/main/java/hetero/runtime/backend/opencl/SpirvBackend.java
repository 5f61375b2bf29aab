package hetero.runtime.backend.opencl;

import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.DriverSession;
import hetero.runtime.jit.Target;
import hetero.runtime.jit.spirv.SpirvTools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SPIR-V from the JIT, run on OpenCL devices. Devices are {@code spirv:P:D}, the same hardware as
 * {@code opencl:P:D}; each has a {@link SpirvRoute}: clCreateProgramWithIL where the device reports
 * a SPIR-V CL_DEVICE_IL_VERSION, else (PoCL 3.1 here reports none) the module translated to SPIR
 * bitcode by llvm-spirv where the device has cl_khr_spir. The route is the device's {@code version}.
 */
public final class SpirvBackend implements Backend {
    static final int CL_DEVICE_IL_VERSION = 0x105B;
    private final OpenCLBackend opencl;
    private final List<Device> devices = new ArrayList<>();
    private final Map<String, SpirvRoute> routes = new HashMap<>();
    private final String unavailable;

    public SpirvBackend() {
        this.opencl = new OpenCLBackend(); // shares the process-wide OpenCL devices and contexts
        String reason;
        if (!opencl.available()) {
            reason = "needs OpenCL, which is unavailable: " + opencl.unavailableReason();
        } else {
            List<String> without = new ArrayList<>();
            Map<Integer, Optional<String>> translators = new HashMap<>(); // per LLVM version, only where a device needs one
            for (Device d : opencl.devices()) {
                String il = OpenCLBackend.ilVersion(d);
                SpirvRoute route = null;
                if (il.contains("SPIR-V")) {
                    route = new SpirvIlRoute(il.trim());
                } else if (!OpenCLBackend.extensions(d).contains("cl_khr_spir")) {
                    without.add(d.id() + " (" + d.name() + "): CL_DEVICE_IL_VERSION is empty and there is no cl_khr_spir");
                } else {
                    int llvm = llvmMajor(OpenCLBackend.platformVersion(d));
                    Optional<String> translator = translators.computeIfAbsent(llvm, SpirvTools::translator);
                    if (translator.isPresent()) {
                        route = new SpirvBitcodeRoute(translator.get(), driverName(d));
                    } else {
                        without.add(d.id() + " (" + d.name() + "): CL_DEVICE_IL_VERSION is empty and the SPIR route needs the"
                                + " SPIR-V/LLVM translator, which is not installed (apt-get install llvm-spirv-" + (llvm > 0 ? llvm : 15) + ")");
                    }
                }
                if (route != null) {
                    String id = "spirv" + d.id().substring("opencl".length());
                    routes.put(id, route);
                    devices.add(new Device(id, "spirv", d.name(), d.vendor(), d.driver(), route.description(),
                            d.computeUnits(), d.globalMemoryBytes(), d.maxWorkGroupSize(), d.type()));
                }
            }
            reason = devices.isEmpty() ? "no OpenCL device runs SPIR-V: " + String.join("; ", without) : null;
        }
        unavailable = reason;
    }

    /** The LLVM major version a platform names in its version string ("... LLVM 15.0.6 ..."), or 0. */
    static int llvmMajor(String platformVersion) {
        Matcher m = Pattern.compile("LLVM (\\d+)").matcher(platformVersion);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** "PoCL" for PoCL's devices (their version says so), else the device name. */
    private static String driverName(Device d) {
        return d.version().contains("PoCL") ? "PoCL" : d.name();
    }

    @Override
    public String name() {
        return "spirv";
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public DeviceSession open(Device device) {
        if (unavailable != null) throw new IllegalStateException("the SPIR-V backend is unavailable: " + unavailable);
        SpirvRoute route = routes.get(device.id());
        Device cl = null;
        for (Device d : opencl.devices()) if (d.id().equals("opencl" + device.id().substring("spirv".length()))) cl = d;
        if (cl == null || route == null) throw new IllegalArgumentException("unknown SPIR-V device " + device.id());
        return new DriverSession(new OpenCLDriver(OpenCLBackend.context(cl), device, Target.named("spirv"), route));
    }
}
