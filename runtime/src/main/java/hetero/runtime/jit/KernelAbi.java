package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a compiled kernel meets the host, computed once per compiled kernel from its specialized IR:
 * sessions marshal arguments and plan transfers from this record, so nothing walks IR when a plan
 * executes.
 *
 * @param args        device arguments in order (the KernelContext and specialized scalars have none)
 * @param reads       Java parameter indices of arrays the kernel (or a device function it calls) reads
 * @param writes      Java parameter indices of arrays it writes
 * @param specialized parameter index to the constant folded in
 * @param localArrays local-memory arrays by name, with their element count
 * @param grid        what the default grid of a loop-parallel kernel is derived from
 */
public record KernelAbi(String kernel, List<Arg> args, Set<Integer> reads, Set<Integer> writes, Map<Integer, Object> specialized,
                        Map<String, Integer> localArrays, boolean usesDoubles, boolean usesBarriers, GridPlanner.Plan grid) {

    /** One device argument: an array's buffer, a scalar's value, or the length of an array argument. */
    public record Arg(Kind kind, int javaIndex, Type type, String name) {
        public enum Kind { BUFFER, SCALAR, LENGTH }
    }

    public static KernelAbi of(Specializer.Specialized spec) {
        Function f = spec.function();
        Set<Integer> lengths = Analysis.lengthParams(f);
        List<Arg> args = new ArrayList<>();
        Map<Integer, Object> specialized = new LinkedHashMap<>();
        for (Var p : f.params) {
            Expr.Const c = spec.constants().get(p);
            if (c != null) specialized.put(p.paramIndex, c.value());
            if (p.type == Type.CONTEXT || c != null) continue;
            if (p.type.isArray()) {
                args.add(new Arg(Arg.Kind.BUFFER, p.paramIndex, p.type, p.name));
                if (lengths.contains(p.paramIndex)) args.add(new Arg(Arg.Kind.LENGTH, p.paramIndex, Type.INT, p.name + "_length"));
            } else {
                args.add(new Arg(Arg.Kind.SCALAR, p.paramIndex, p.type, p.name));
            }
        }
        Map<String, Integer> local = new LinkedHashMap<>();
        Set<Var> used = Analysis.usedVars(f);
        for (Var v : f.locals) {
            if (v.kind == Var.Kind.LOCAL_ARRAY && used.contains(v) && v.localArraySize instanceof Expr.Const size) {
                local.put(v.name, size.number().intValue());
            }
        }
        return new KernelAbi(f.qualifiedName(), List.copyOf(args), Set.copyOf(Analysis.readParams(f)), Set.copyOf(Analysis.writtenParams(f)),
                Map.copyOf(specialized), Map.copyOf(local), Analysis.usesType(f, Type.DOUBLE), Analysis.usesBarriers(f), GridPlanner.plan(f));
    }

    public boolean reads(int javaIndex) {
        return reads.contains(javaIndex);
    }

    public boolean writes(int javaIndex) {
        return writes.contains(javaIndex);
    }
}
