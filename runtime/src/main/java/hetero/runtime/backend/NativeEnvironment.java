package hetero.runtime.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Sets variables in the process environment that native drivers read when they load (Java's own getenv is a snapshot). */
public final class NativeEnvironment {
    private NativeEnvironment() {
    }

    /**
     * PoCL installs a SIGFPE handler that skips the faulting instruction; the JVM relies on SIGFPE
     * for integer division by zero, so with PoCL's handler host Java's {@code 7 / 0} returns 7
     * instead of throwing. POCL_SIGFPE_HANDLER=0 keeps the JVM's handling. Must run before the
     * OpenCL library loads; scripts/common.sh exports the same for every JVM it starts.
     */
    public static void keepJvmSignalHandlers() {
        set("POCL_SIGFPE_HANDLER", "0");
    }

    static void set(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (rc != 0) throw new IllegalStateException("setenv(" + name + ") failed");
        } catch (Throwable t) {
            // Without setenv (not a POSIX libc) the variable stays as the scripts set it; say so once.
            System.err.println("warning: could not set " + name + "=" + value + " for the native drivers: " + t);
        }
    }
}
