package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The device functions of one compile, as every emitter sees them. A device function has device
 * parameters of the same kinds as a kernel's arguments ({@link KernelAbi.Arg}: an array's buffer,
 * the hidden {@code <array>_length} where it reads {@code array.length}, a scalar; never the
 * KernelContext), so an emitter declares kernel and device-function parameters with one method.
 * A callee is emitted once per list of address spaces of its array arguments (an instance), under
 * a name unique in the module, by an emitter object of its own (the caller's state stays as it is).
 *
 * @param <S> a target's name of an address space
 * @param <H> what a call refers to an emitted instance by (its name, its id)
 */
public final class DeviceFunctions<S, H> {
    private final Analysis.Memo facts = new Analysis.Memo();
    private final Map<Function, List<KernelAbi.Arg>> params = new IdentityHashMap<>();
    private final Map<String, H> instances = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    /** The text of each instance, callees before their callers (each is defined before its first call): for text targets. */
    public final List<String> texts = new ArrayList<>();

    /** @param kernelName the kernel's own name, which no device function may take */
    public DeviceFunctions(String kernelName) {
        names.add(kernelName);
    }

    /** Parameter analyses shared by the kernel and all its device functions in this compile. */
    public Analysis.Memo facts() {
        return facts;
    }

    /** f's device parameters in order, as a kernel's are listed in its ABI. */
    public List<KernelAbi.Arg> params(Function f) {
        return params.computeIfAbsent(f, g -> KernelAbi.deviceArgs(g, facts.lengthParams(g), Map.of()));
    }

    /**
     * What a call passes for each of {@link #params} of its callee: the array itself (a local of
     * array type, for a buffer), {@code array.length} (for a length), or the argument (for a scalar).
     */
    public List<Expr> args(Expr.Call c) {
        List<Expr> out = new ArrayList<>();
        for (KernelAbi.Arg p : params(c.callee())) {
            Expr a = c.args().get(p.javaIndex());
            out.add(p.kind() == KernelAbi.Arg.Kind.LENGTH ? new Expr.ArrayLength(((Expr.Local) a).var()) : a);
        }
        return out;
    }

    /**
     * The instance of callee for these address spaces of its array arguments: the one already
     * emitted, or the one {@code emit} makes now from a fresh name (baseName, else baseName_2, ...).
     */
    public H instance(Function callee, List<S> spaces, String baseName, java.util.function.Function<String, H> emit) {
        String key = callee.qualifiedName() + callee.descriptor + spaces;
        H known = instances.get(key);
        if (known != null) return known;
        String name = baseName;
        for (int k = 2; !names.add(name); k++) name = baseName + "_" + k;
        H made = emit.apply(name);
        instances.put(key, made);
        return made;
    }
}
