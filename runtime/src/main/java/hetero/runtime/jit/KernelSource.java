package hetero.runtime.jit;

import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Type;

import java.util.List;

/**
 * Generated device code for one kernel specialization, with what the runtime needs to launch it:
 * the entry-point name and how Java arguments map to device arguments.
 *
 * @param jitNanos time from bytecode to this source (frontend, specialization, emission)
 */
public record KernelSource(String backend, String entryPoint, String text, byte[] binary, List<Arg> args,
                           Function function, long jitNanos) {

    /** One device argument: an array's buffer, a scalar's value, or the length of an array argument. */
    public record Arg(Kind kind, int javaIndex, Type type, String name) {
        public enum Kind { BUFFER, SCALAR, LENGTH }
    }

    /** Java parameters (by index) the kernel writes, so they are the ones worth copying back. */
    public boolean writes(int javaIndex) {
        return Analysis.writtenParams(function).contains(javaIndex);
    }

    public boolean reads(int javaIndex) {
        return Analysis.readParams(function).contains(javaIndex);
    }
}
