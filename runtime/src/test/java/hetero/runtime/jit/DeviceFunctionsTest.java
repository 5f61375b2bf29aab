package hetero.runtime.jit;

import hetero.runtime.jit.KernelAbi.Arg.Kind;
import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The device-function description every emitter uses: parameters, call arguments, instances. */
class DeviceFunctionsTest {
    private final Var ctx = new Var(Var.Kind.PARAM, Type.CONTEXT, "ctx", 0);
    private final Var v = new Var(Var.Kind.PARAM, Type.FLOAT_ARRAY, "v", 1);
    private final Var w = new Var(Var.Kind.PARAM, Type.FLOAT_ARRAY, "w", 2);
    private final Var n = new Var(Var.Kind.PARAM, Type.INT, "n", 3);

    /** int f(KernelContext ctx, float[] v, float[] w, int n) { return v.length; } */
    private Function callee() {
        Function f = new Function("T", "f", "(LKernelContext;[F[FI)I", "T.java", Type.INT);
        f.params.addAll(List.of(ctx, v, w, n));
        Block b = new Block(0, 0);
        b.terminator = new Block.Return(new Expr.ArrayLength(v), 1);
        f.blocks.add(b);
        return f;
    }

    @Test
    void parametersAreTheKernelKindsWithTheHiddenLengthOnlyWhereRead() {
        DeviceFunctions<String, String> fns = new DeviceFunctions<>("k");
        List<KernelAbi.Arg> params = fns.params(callee());
        assertEquals(List.of(new KernelAbi.Arg(Kind.BUFFER, 1, Type.FLOAT_ARRAY, "v"), new KernelAbi.Arg(Kind.LENGTH, 1, Type.INT, "v_length"),
                new KernelAbi.Arg(Kind.BUFFER, 2, Type.FLOAT_ARRAY, "w"), new KernelAbi.Arg(Kind.SCALAR, 3, Type.INT, "n")), params);
    }

    @Test
    void aCallPassesTheArrayItsLengthAndTheScalarsButNoContext() {
        DeviceFunctions<String, String> fns = new DeviceFunctions<>("k");
        Var a = new Var(Var.Kind.PARAM, Type.FLOAT_ARRAY, "a", 1), c = new Var(Var.Kind.PARAM, Type.CONTEXT, "c", 0);
        Expr.Call call = new Expr.Call(callee(), List.of(new Expr.Local(c), new Expr.Local(a), new Expr.Local(a), Expr.Const.ofInt(7)));
        assertEquals(List.of(new Expr.Local(a), new Expr.ArrayLength(a), new Expr.Local(a), Expr.Const.ofInt(7)), fns.args(call));
    }

    @Test
    void oneInstancePerAddressSpacesUnderNamesUniqueInTheModule() {
        DeviceFunctions<String, String> fns = new DeviceFunctions<>("f");   // the kernel is named f too
        Function f = callee();
        List<String> emitted = new ArrayList<>();
        String global = fns.instance(f, List.of("global", "global"), "f", name -> { emitted.add(name); return name; });
        assertEquals(global, fns.instance(f, List.of("global", "global"), "f", name -> { emitted.add(name); return name; }));
        String local = fns.instance(f, List.of("local", "global"), "f", name -> { emitted.add(name); return name; });
        assertEquals(List.of("f_2", "f_3"), emitted, "emitted once per spaces, never under the kernel's name");
        assertEquals("f_3", local);
    }
}
