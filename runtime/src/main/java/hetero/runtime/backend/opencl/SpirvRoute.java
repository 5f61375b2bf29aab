package hetero.runtime.backend.opencl;

import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/**
 * How a SPIR-V module from the JIT becomes a program on one OpenCL device: SPIR-V words in, an
 * unbuilt cl_program out (the caller builds it with {@link #buildOptions()} and takes the kernel).
 * Either way the code that runs is our module, never OpenCL C.
 */
sealed interface SpirvRoute permits SpirvIlRoute, SpirvBitcodeRoute {
    /** What `lab devices` shows, e.g. "via llvm-spirv-15 -> SPIR on PoCL". */
    String description();

    cl_program createProgram(cl_context context, cl_device_id device, byte[] spirv);

    /** Options clBuildProgram needs for this route, before the device's own (rounding) options. */
    String buildOptions();
}
