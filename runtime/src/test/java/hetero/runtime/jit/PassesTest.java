package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import hetero.runtime.jit.opencl.OpenCLTarget;
import hetero.runtime.jit.ptx.PtxTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Each pass on a small IR: the expected IR comes out, and the IR that went in is unchanged. */
class PassesTest {
    private final Var a = new Var(Var.Kind.PARAM, Type.INT, "a", 0);
    private final Var b = new Var(Var.Kind.PARAM, Type.INT, "b", 1);
    private final Var x = new Var(Var.Kind.PARAM, Type.FLOAT, "x", 2);
    private final Var y = new Var(Var.Kind.PARAM, Type.FLOAT, "y", 3);
    private final Var t = new Var(Var.Kind.LOCAL, Type.INT, "t", -1);
    private final Var f = new Var(Var.Kind.LOCAL, Type.FLOAT, "f", -1);

    /** void k(int a, int b, float x, float y) { target = value; } */
    private Function oneAssignment(Var target, Expr value) {
        Function fn = new Function("T", "k", "(IIFF)V", "T.java", Type.VOID);
        fn.params.addAll(List.of(a, b, x, y));
        fn.locals.addAll(List.of(t, f));
        Block block = new Block(0, 0);
        block.stmts.add(new Stmt.Assign(target, value, 1));
        block.terminator = new Block.Return(null, 1);
        fn.blocks.add(block);
        return fn;
    }

    private static Expr value(Function fn) {
        return ((Stmt.Assign) fn.entry().stmts.getFirst()).value();
    }

    private static Expr local(Var v) {
        return new Expr.Local(v);
    }

    private static Expr intc(int v) {
        return Expr.Const.ofInt(v);
    }

    private static Expr eq(Expr l, Expr r) {
        return new Expr.Compare(CmpOp.EQ, l, r);
    }

    @Test
    void divisionBecomesSelectsAroundADivisionThatNeverSeesZeroOrMinusOne() {
        Expr div = new Expr.Binary(BinOp.DIV, Type.INT, local(a), local(b));
        Function in = oneAssignment(t, div);
        Function out = LegalizeJavaSemantics.apply(in, new OpenCLTarget());
        Expr safe = new Expr.Select(new Expr.Logic(false, eq(local(b), intc(0)), eq(local(b), intc(-1))), intc(1), local(b));
        Expr expected = new Expr.Select(eq(local(b), intc(0)), intc(0),
                new Expr.Select(eq(local(b), intc(-1)), new Expr.Neg(Type.INT, local(a)), new Expr.Binary(BinOp.DIV, Type.INT, local(a), safe)));
        assertEquals(expected, value(out));
        assertSame(div, value(in), "the input IR is not touched");
    }

    @Test
    void remainderDividesBySafeDivisorOnlyAndConstantDivisorsStayPlain() {
        Function rem = LegalizeJavaSemantics.apply(oneAssignment(t, new Expr.Binary(BinOp.REM, Type.INT, local(a), local(b))), new OpenCLTarget());
        Expr safe = new Expr.Select(new Expr.Logic(false, eq(local(b), intc(0)), eq(local(b), intc(-1))), intc(1), local(b));
        assertEquals(new Expr.Binary(BinOp.REM, Type.INT, local(a), safe), value(rem));
        Expr byThree = new Expr.Binary(BinOp.DIV, Type.INT, local(a), intc(3));
        assertEquals(byThree, value(LegalizeJavaSemantics.apply(oneAssignment(t, byThree), new OpenCLTarget())));
        Expr byZero = new Expr.Binary(BinOp.DIV, Type.INT, local(a), intc(0));
        assertEquals(intc(0), value(LegalizeJavaSemantics.apply(oneAssignment(t, byZero), new OpenCLTarget())));
    }

    @Test
    void shiftCountsAreMasked() {
        Expr shl = new Expr.Binary(BinOp.SHL, Type.INT, local(a), local(b));
        assertEquals(new Expr.Binary(BinOp.SHL, Type.INT, local(a), new Expr.Binary(BinOp.AND, Type.INT, local(b), intc(31))),
                value(LegalizeJavaSemantics.apply(oneAssignment(t, shl), new OpenCLTarget())));
        Expr shl33 = new Expr.Binary(BinOp.SHL, Type.INT, local(a), intc(33));
        assertEquals(new Expr.Binary(BinOp.SHL, Type.INT, local(a), intc(1)),
                value(LegalizeJavaSemantics.apply(oneAssignment(t, shl33), new OpenCLTarget())));
    }

    @Test
    void floatToIntGivesZeroForNaNAroundASaturatingConversion() {
        Expr cast = new Expr.Convert(Expr.ConvOp.F2I, local(x));
        Expr nan = new Expr.Compare(CmpOp.NE, new Expr.Intrinsic(Intrinsic.ISNAN, Type.INT, List.of(local(x))), intc(0));
        assertEquals(new Expr.Select(nan, intc(0), cast), value(LegalizeJavaSemantics.apply(oneAssignment(t, cast), new OpenCLTarget())));
    }

    @Test
    void javaMaxIsExpandedUnlessTheTargetHasItNatively() {
        Expr max = new Expr.Intrinsic(Intrinsic.JAVA_MAX, Type.FLOAT, List.of(local(x), local(y)));
        assertEquals(max, value(LegalizeJavaSemantics.apply(oneAssignment(f, max), new PtxTarget())), "PTX has max.NaN");
        Expr expanded = value(LegalizeJavaSemantics.apply(oneAssignment(f, max), new OpenCLTarget()));
        assertEquals(Expr.Select.class, expanded.getClass());
        assertEquals(false, ExprWalk.any(expanded, e -> e instanceof Expr.Intrinsic i && i.fn() == Intrinsic.JAVA_MAX));
    }

    @Test
    void kmathMaxFixesTiesOfSignedZerosAroundFmax() {
        Expr fmax = new Expr.Intrinsic(Intrinsic.FMAX, Type.FLOAT, List.of(local(x), local(y)));
        Expr signA = new Expr.Compare(CmpOp.LT, new Expr.Intrinsic(Intrinsic.BITS_AS_INT, Type.INT, List.of(local(x))), intc(0));
        Expr expected = new Expr.Select(eq(local(x), local(y)), new Expr.Select(signA, local(y), local(x)), fmax);
        assertEquals(expected, value(LegalizeJavaSemantics.apply(oneAssignment(f, fmax), new OpenCLTarget())));
    }

    @Test
    void aFunctionWithNothingJavaOnlyComesBackAsItIsAndItsCallersAreCopied() {
        Function plain = oneAssignment(t, new Expr.Binary(BinOp.ADD, Type.INT, local(a), local(b)));
        assertSame(plain, LegalizeJavaSemantics.apply(plain, new OpenCLTarget()), "no copy of a function with nothing to rewrite");

        Function divides = oneAssignment(t, new Expr.Binary(BinOp.DIV, Type.INT, local(a), local(b)));
        Function caller = oneAssignment(t, new Expr.Call(divides, List.of(local(a), local(b), local(x), local(y))));
        Function out = LegalizeJavaSemantics.apply(caller, new OpenCLTarget());
        assertNotSame(caller, out, "the caller of a function that needs rewriting is copied to call the rewritten one");
        Function callee = ((Expr.Call) value(out)).callee();
        assertNotSame(divides, callee);
        assertTrue(value(callee) instanceof Expr.Select, "the callee's division became selects");
        assertTrue(value(divides) instanceof Expr.Binary, "the input is not touched");
    }

    @Test
    void nestedDivisionsBindTheirOperandsToTemporariesSoTheIrGrowsLinearly() {
        // t = a % b / (b / a): each division repeats its operands, so without binding the inner ones would be copied 2-4 times
        Expr inner = new Expr.Binary(BinOp.DIV, Type.INT, local(b), local(a));
        Expr rem = new Expr.Binary(BinOp.REM, Type.INT, local(a), local(b));
        Function in = oneAssignment(t, new Expr.Binary(BinOp.DIV, Type.INT, rem, inner));
        Function out = LegalizeJavaSemantics.apply(in, new OpenCLTarget());
        List<Stmt> stmts = out.entry().stmts;
        assertEquals(3, stmts.size(), "two operand temporaries, then the statement: " + stmts);
        Var op0 = ((Stmt.Assign) stmts.get(0)).target(), op1 = ((Stmt.Assign) stmts.get(1)).target();
        assertEquals(Var.Kind.TEMP, op0.kind);
        assertTrue(out.locals.contains(op0) && out.locals.contains(op1), "the temporaries are declared locals");
        assertEquals(value(LegalizeJavaSemantics.apply(oneAssignment(t, rem), new OpenCLTarget())), ((Stmt.Assign) stmts.get(0)).value());
        Expr last = ((Stmt.Assign) stmts.get(2)).value();
        assertFalse(ExprWalk.any(last, e -> e instanceof Expr.Binary bin && bin.op() == BinOp.REM), "the remainder is computed once, in op0");
        assertEquals(1, in.entry().stmts.size(), "the input IR is not touched");
    }

    @Test
    void operandsThatReadMemoryAreRepeatedNotHoisted() {
        Var arr = new Var(Var.Kind.PARAM, Type.INT_ARRAY, "arr", 4);
        Expr load = new Expr.ArrayLoad(arr, local(a));
        Function in = oneAssignment(t, new Expr.Binary(BinOp.DIV, Type.INT, local(a), new Expr.Binary(BinOp.ADD, Type.INT, load, intc(1))));
        in.params.add(arr);
        Function out = LegalizeJavaSemantics.apply(in, new OpenCLTarget());
        assertEquals(1, out.entry().stmts.size(), "a load may be guarded by the statement's own control flow; it stays in place");
    }

    @Test
    void specializationFoldsIntoACopyAndLeavesTheCachedIrAlone() {
        Var n = new Var(Var.Kind.PARAM, Type.INT, "n", 4);
        Var tile = new Var(Var.Kind.LOCAL_ARRAY, Type.FLOAT_ARRAY, "tile", -1);
        tile.localArraySize = local(n);
        Function in = oneAssignment(t, new Expr.ArrayLength(tile));
        in.params.add(n);
        in.locals.add(tile);

        Function s64 = Specializer.apply(in, Map.of(4, 64)).function();
        Function s256 = Specializer.apply(in, Map.of(4, 256)).function();
        assertEquals(intc(64), value(s64));
        assertEquals(intc(256), value(s256));
        Var tile64 = s64.locals.stream().filter(v -> v.name.equals("tile")).findFirst().orElseThrow();
        assertNotSame(tile, tile64);
        assertEquals(intc(64), tile64.localArraySize);
        assertEquals(local(n), tile.localArraySize, "the parsed IR keeps its symbolic size for the next specialization");
    }

    @Test
    void booleanAndCharArgumentsSpecializeAsInts() {
        assertEquals(intc(1), Specializer.constant(Type.INT, true));
        assertEquals(intc('A'), Specializer.constant(Type.INT, 'A'));
    }

    @Test
    void cmpValueBecomesTwoSelectsWithItsNanResult() {
        Expr lt = new Expr.Compare(CmpOp.LT, local(x), local(y)), gt = new Expr.Compare(CmpOp.GT, local(x), local(y));
        Expr fcmpg = new Expr.CmpValue(local(x), local(y), 1);    // NaN -> 1: not below, not equal
        assertEquals(new Expr.Select(lt, intc(-1), new Expr.Select(eq(local(x), local(y)), intc(0), intc(1))),
                value(LegalizeJavaSemantics.apply(oneAssignment(t, fcmpg), new OpenCLTarget())));
        Expr fcmpl = new Expr.CmpValue(local(x), local(y), -1);   // NaN -> -1: not above, not equal
        assertEquals(new Expr.Select(gt, intc(1), new Expr.Select(eq(local(x), local(y)), intc(0), intc(-1))),
                value(LegalizeJavaSemantics.apply(oneAssignment(t, fcmpl), new OpenCLTarget())));
        Expr lcmp = new Expr.CmpValue(local(a), local(b), -1);    // integers have no NaN: the plain three-way order
        assertEquals(new Expr.Select(new Expr.Compare(CmpOp.LT, local(a), local(b)), intc(-1), new Expr.Select(eq(local(a), local(b)), intc(0), intc(1))),
                value(LegalizeJavaSemantics.apply(oneAssignment(t, lcmp), new OpenCLTarget())));
    }

    @Test
    void cmpValueOperandsAreComputedOnce() {
        Expr sum = new Expr.Binary(BinOp.ADD, Type.FLOAT, local(x), local(y));
        Function out = LegalizeJavaSemantics.apply(oneAssignment(t, new Expr.CmpValue(sum, local(y), 1)), new OpenCLTarget());
        List<Stmt> stmts = out.entry().stmts;
        assertEquals(2, stmts.size(), "x + y bound to a temporary before the comparison");
        Var op = ((Stmt.Assign) stmts.get(0)).target();
        assertEquals(sum, ((Stmt.Assign) stmts.get(0)).value());
        Expr.Select lowered = (Expr.Select) ((Stmt.Assign) stmts.get(1)).value();
        assertEquals(new Expr.Compare(CmpOp.LT, local(op), local(y)), lowered.cond());
    }

    @Test
    void selectsWithTrivialSidesAreMarkedForBranchFreeCode() {
        Expr cmp = new Expr.Select(eq(local(a), local(b)), intc(0), intc(1));
        assertTrue(ExprWalk.trivialSides(new Expr.Select(new Expr.Compare(CmpOp.LT, local(a), local(b)), intc(-1), cmp)));
        Expr load = new Expr.ArrayLoad(new Var(Var.Kind.PARAM, Type.INT_ARRAY, "arr", 4), local(a));
        assertFalse(ExprWalk.trivialSides(new Expr.Select(eq(local(a), intc(0)), intc(0), load)), "the other side may index out of bounds");
        assertFalse(ExprWalk.trivialSides(new Expr.Select(eq(local(a), intc(0)), intc(0), new Expr.Binary(BinOp.DIV, Type.INT, local(a), local(b)))));
    }
}
