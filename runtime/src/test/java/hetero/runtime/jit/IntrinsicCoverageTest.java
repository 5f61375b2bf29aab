package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import hetero.runtime.jit.ptx.Ptxas;
import hetero.runtime.jit.spirv.SpirvTools;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Intrinsic, in every Java signature that maps to it, through every installed Target: the
 * emitters switch over the enum without a default (so a missing case does not compile); this checks
 * that each case also produces code the target's own tools accept, or refuses by name.
 */
class IntrinsicCoverageTest {
    /**
     * Builtins PTX refuses with a clear message (no accurate instruction sequence written yet):
     * the float ones below, and every double one except those listed in {@link #PTX_DOUBLES}.
     */
    private static final Set<Intrinsic> PTX_FLOAT_REFUSED = EnumSet.of(Intrinsic.TAN, Intrinsic.ASIN, Intrinsic.ACOS,
            Intrinsic.ATAN, Intrinsic.ATAN2, Intrinsic.LOG10, Intrinsic.CBRT);
    private static final Set<Intrinsic> PTX_DOUBLES = EnumSet.of(Intrinsic.SQRT, Intrinsic.ABS, Intrinsic.FLOOR,
            Intrinsic.CEIL, Intrinsic.FMA, Intrinsic.ISNAN, Intrinsic.ISINF, Intrinsic.BITS_AS_LONG, Intrinsic.BITS_AS_DOUBLE,
            Intrinsic.JAVA_SIGNUM, Intrinsic.JAVA_MAX, Intrinsic.JAVA_MIN); // the last three become selects first

    @Test
    void theFrontendTableReachesEveryConstant() {
        Set<Intrinsic> reached = EnumSet.noneOf(Intrinsic.class);
        reached.addAll(Intrinsics.table().values());
        assertEquals(EnumSet.allOf(Intrinsic.class), reached, "constants no Java method maps to");
    }

    @Test
    void aCallWithTheWrongNumberOfArgumentsIsRefused() {
        Expr one = Expr.Const.ofInt(1);
        String message = assertThrows(IllegalArgumentException.class, () -> new Expr.Intrinsic(Intrinsic.MAX, Type.INT, List.of(one))).getMessage();
        assertTrue(message.contains("MAX takes 2 arguments"), message);
    }

    @TestFactory
    Stream<DynamicTest> everyTargetHandlesEveryIntrinsic() {
        assertFalse(Installed.BY_NAME.isEmpty());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Intrinsic> e : Intrinsics.table().entrySet()) {
            for (Target target : Installed.BY_NAME.values()) {
                tests.add(DynamicTest.dynamicTest(target.name() + " " + e.getKey(), () -> check(target, e.getKey(), e.getValue())));
            }
        }
        return tests.stream();
    }

    private static void check(Target target, String javaMethod, Intrinsic fn) throws Exception {
        Function kernel = kernelCalling(javaMethod, fn);
        boolean dbl = kernel.params.stream().anyMatch(p -> p.type == Type.DOUBLE);
        boolean refusedByPtx = dbl ? !PTX_DOUBLES.contains(fn) : PTX_FLOAT_REFUSED.contains(fn);
        KernelSource src;
        try {
            Specializer.Specialized spec = Specializer.apply(kernel, Map.of());
            KernelAbi abi = KernelAbi.of(spec);
            src = target.emit(LegalizeJavaSemantics.apply(spec, target), abi, false, System.nanoTime());
        } catch (UnsupportedKernelException refused) {
            assertTrue(target.name().equals("ptx") && refusedByPtx, target.name() + " refused " + javaMethod + ": " + refused.getMessage());
            assertTrue(refused.getMessage().contains(fn.spelling()), "the refusal names the builtin: " + refused.getMessage());
            return;
        }
        assertFalse(target.name().equals("ptx") && refusedByPtx, "PTX now emits " + javaMethod + "; update PTX_FLOAT_REFUSED/PTX_DOUBLES");
        switch (target.name()) {
            case "ptx" -> {
                if (Ptxas.available()) PtxValidationTest.assemble(javaMethod, src.text(), "sm_80");
            }
            case "spirv" -> {
                if (SpirvTools.available()) SpirvValidationTest.validate(javaMethod, src.binary());
            }
            default -> assertTrue(src.text().contains("out[0] ="), src.text());
        }
    }

    /** {@code static void k(R[] out, A a0, A a1, ...) { out[0] = javaMethod(a0, a1, ...); }} in IR, as the frontend builds it. */
    private static Function kernelCalling(String javaMethod, Intrinsic fn) {
        String desc = javaMethod.substring(javaMethod.indexOf('('));
        String argLetters = desc.substring(1, desc.indexOf(')'));
        Type ret = Type.ofDescriptor(desc.substring(desc.indexOf(')') + 1));
        Function f = new Function("IntrinsicCoverage", "k", "([" + ret.descriptorLetter() + argLetters + ")V", "IntrinsicCoverage.java", Type.VOID);
        Var out = new Var(Var.Kind.PARAM, ret.arrayOf(), "out", 0);
        f.params.add(out);
        List<Expr> args = new ArrayList<>();
        for (int k = 0; k < argLetters.length(); k++) {
            Var a = new Var(Var.Kind.PARAM, Type.ofDescriptor(String.valueOf(argLetters.charAt(k))), "a" + k, k + 1);
            f.params.add(a);
            args.add(new Expr.Local(a));
        }
        Block block = new Block(0, 0);
        block.stmts.add(new Stmt.Store(out, Expr.Const.ofInt(0), new Expr.Intrinsic(fn, ret, List.copyOf(args)), 1));
        block.terminator = new Block.Return(null, 1);
        f.blocks.add(block);
        return f;
    }
}
