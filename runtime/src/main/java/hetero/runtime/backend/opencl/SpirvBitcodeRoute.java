package hetero.runtime.backend.opencl;

import hetero.runtime.jit.spirv.SpirvTools;
import org.jocl.CL;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

import java.io.IOException;

/**
 * Devices without IL ingestion but with cl_khr_spir (PoCL 3.1 here): the Khronos translator turns
 * our module back into spir64 LLVM bitcode ({@code llvm-spirv -r}), which the driver loads as a
 * program binary and builds as SPIR ({@code -x spir}). The translator's LLVM must be one the
 * driver's LLVM can read (llvm-spirv-15 for PoCL on LLVM 15).
 */
record SpirvBitcodeRoute(String translator, String driverName) implements SpirvRoute {
    @Override
    public String description() {
        return "via " + translator + " -> SPIR on " + driverName;
    }

    @Override
    public cl_program createProgram(cl_context context, cl_device_id device, byte[] spirv) {
        byte[] bitcode;
        try {
            bitcode = SpirvTools.toLlvmBitcode(translator, spirv);
        } catch (IOException e) {
            throw new IllegalStateException("the SPIR-V module could not be translated to SPIR: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while translating SPIR-V to SPIR", e);
        }
        int[] status = new int[1];
        return CL.clCreateProgramWithBinary(context, 1, new cl_device_id[]{device}, new long[]{bitcode.length},
                new byte[][]{bitcode}, status, null);
    }

    @Override
    public String buildOptions() {
        return "-x spir -spir-std=1.2";
    }
}
