package hetero.runtime.backend.opencl;

import org.jocl.cl_context;
import org.jocl.cl_program;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;

/**
 * clCreateProgramWithIL (OpenCL 2.1+), which JOCL 2.0.5 does not bind: called through the JDK's
 * foreign-function API on the same libOpenCL that JOCL uses, and wrapped back into a JOCL
 * cl_program so that the rest of the backend is shared with OpenCL C.
 */
final class SpirvLoader {
    private static MethodHandle create;

    private SpirvLoader() {
    }

    private static synchronized MethodHandle handle() {
        if (create == null) {
            SymbolLookup lib = SymbolLookup.libraryLookup("libOpenCL.so.1", Arena.global());
            MemorySegment fn = lib.find("clCreateProgramWithIL")
                    .orElseThrow(() -> new IllegalStateException("libOpenCL.so.1 has no clCreateProgramWithIL (OpenCL < 2.1 loader)"));
            create = Linker.nativeLinker().downcallHandle(fn, FunctionDescriptor.of(ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        }
        return create;
    }

    static cl_program createProgram(cl_context context, byte[] il) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment code = arena.allocateFrom(ValueLayout.JAVA_BYTE, il);
            MemorySegment err = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment program = (MemorySegment) handle().invokeExact(MemorySegment.ofAddress(context.getNativePointer()), code,
                    (long) il.length, err);
            int status = err.get(ValueLayout.JAVA_INT, 0);
            if (status != 0 || program.address() == 0) {
                throw new IllegalStateException("clCreateProgramWithIL failed with OpenCL error " + status);
            }
            cl_program p = new cl_program();
            Field ptr = org.jocl.NativePointerObject.class.getDeclaredField("nativePointer");
            ptr.setAccessible(true);
            ptr.setLong(p, program.address());
            return p;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("clCreateProgramWithIL could not be called: " + t, t);
        }
    }
}
