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

    /**
     * The device arguments of a specialised kernel, shared by every emitter: arrays as buffers (each
     * followed by its length where the kernel reads it), scalars by value; the KernelContext and the
     * specialised parameters have none.
     */
    public static List<Arg> deviceArgs(Specializer.Specialized spec) {
        Function f = spec.function();
        java.util.Set<Integer> lengths = Analysis.lengthParams(f);
        java.util.List<Arg> args = new java.util.ArrayList<>();
        for (hetero.runtime.jit.ir.Var p : f.params) {
            if (p.type == Type.CONTEXT || spec.constants().containsKey(p)) continue;
            if (p.type.isArray()) {
                args.add(new Arg(Arg.Kind.BUFFER, p.paramIndex, p.type, p.name));
                if (lengths.contains(p.paramIndex)) args.add(new Arg(Arg.Kind.LENGTH, p.paramIndex, Type.INT, p.name + "_length"));
            } else {
                args.add(new Arg(Arg.Kind.SCALAR, p.paramIndex, p.type, p.name));
            }
        }
        return List.copyOf(args);
    }

    /** Java parameters (by index) the kernel writes, so they are the ones worth copying back. */
    public boolean writes(int javaIndex) {
        return Analysis.writtenParams(function).contains(javaIndex);
    }

    public boolean reads(int javaIndex) {
        return Analysis.readParams(function).contains(javaIndex);
    }
}
