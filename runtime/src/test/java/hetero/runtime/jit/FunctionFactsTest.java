package hetero.runtime.jit;

import hetero.runtime.conformance.ConformanceKernels;
import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Facts kept with frozen IR (Function#fact): kept only there, and never stale. */
class FunctionFactsTest {
    @Test
    void theFrontendFreezesWhatItCachesAndItsFactsAreFoundOnce() {
        Function f = Frontend.kernel(KernelRef.byName(ConformanceKernels.class, "intAdd"));
        assertTrue(f.frozen());
        assertSame(Analysis.usedVars(f), Analysis.usedVars(f));
        assertSame(Analysis.callees(f), Analysis.callees(f));
    }

    @Test
    void aFunctionNotFrozenIsAskedAgainAndSeesItsChanges() {
        Var a = new Var(Var.Kind.PARAM, Type.INT, "a", 0), t = new Var(Var.Kind.LOCAL, Type.INT, "t", -1);
        Function fn = new Function("T", "k", "(I)V", "T.java", Type.VOID);
        fn.params.add(a);
        fn.locals.add(t);
        Block block = new Block(0, 0);
        block.terminator = new Block.Return(null, 1);
        fn.blocks.add(block);
        Set<Var> before = Analysis.usedVars(fn);
        assertFalse(before.contains(t));
        block.stmts.add(new Stmt.Assign(t, new Expr.Local(a), 1));   // passes edit their private copies in place
        Set<Var> after = Analysis.usedVars(fn);
        assertNotSame(before, after);
        assertEquals(Set.of(a, t), after);
    }

    /**
     * No pass changes the frozen IR: every conformance kernel, compiled for every target in one JVM
     * (facts kept from the first compile), gives the same code as after the frontend's cache is
     * cleared (facts found afresh).
     */
    @Test
    void compilesWithKeptFactsEqualCompilesFromAFreshParse() {
        List<Method> kernels = new ArrayList<>(Arrays.stream(ConformanceKernels.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) && m.getReturnType() == void.class)
                .toList());
        kernels.sort(Comparator.comparing(Method::getName));
        int compared = 0;
        for (String target : List.of("opencl", "ptx", "spirv")) {
            for (Method m : kernels) {
                KernelRef ref = KernelRef.of(ConformanceKernels.class, m.getName(), descriptor(m));
                String first, kept;
                try {
                    first = text(Jit.compile(ref, Map.of(), false, target));
                } catch (UnsupportedKernelException | IllegalArgumentException e) {
                    continue;   // kernels that need a specialization to compile
                }
                kept = text(Jit.compile(ref, Map.of(), false, target));
                Frontend.clearCache();
                assertEquals(first, kept, m.getName() + " on " + target);
                assertEquals(first, text(Jit.compile(ref, Map.of(), false, target)), m.getName() + " on " + target + " after a fresh parse");
                compared++;
            }
        }
        assertTrue(compared > 100, "compared " + compared);
    }

    private static String text(KernelSource s) {
        return s.binary() != null ? Arrays.toString(s.binary()) : s.text();
    }

    private static String descriptor(Method m) {
        return java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }
}
