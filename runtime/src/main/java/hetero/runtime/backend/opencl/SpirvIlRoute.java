package hetero.runtime.backend.opencl;

import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/** Devices that report a SPIR-V CL_DEVICE_IL_VERSION take the module as it is (clCreateProgramWithIL). */
record SpirvIlRoute(String ilVersion) implements SpirvRoute {
    @Override
    public String description() {
        return "clCreateProgramWithIL (" + ilVersion + ")";
    }

    @Override
    public cl_program createProgram(cl_context context, cl_device_id device, byte[] spirv) {
        return SpirvLoader.createProgram(context, spirv);
    }

    @Override
    public String buildOptions() {
        return "";
    }
}
