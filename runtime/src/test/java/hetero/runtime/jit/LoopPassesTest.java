package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop passes on small IR: the expected IR comes out, and the IR that went in is unchanged. */
class LoopPassesTest {
    private final Var out = new Var(Var.Kind.PARAM, Type.FLOAT_ARRAY, "out", 0);
    private final Var in = new Var(Var.Kind.PARAM, Type.FLOAT_ARRAY, "in", 1);
    private final Var n = new Var(Var.Kind.PARAM, Type.INT, "n", 2);
    private final Var m = new Var(Var.Kind.PARAM, Type.INT, "m", 3);
    private final Var i = new Var(Var.Kind.LOCAL, Type.INT, "i", -1);
    private final Var s = new Var(Var.Kind.LOCAL, Type.FLOAT, "s", -1);

    /**
     * <pre>
     * void k(float[] out, float[] in, int n, int m) {
     *   B0: i = 0
     *   B1: if (i &lt; bound) goto B2 else B3
     *   B2: body...; i = i + 1; goto B1
     *   B3: return
     * }</pre>
     */
    private Function loop(Expr bound, List<Stmt> body) {
        Function fn = new Function("T", "k", "([F[FII)V", "T.java", Type.VOID);
        fn.params.addAll(List.of(out, in, n, m));
        fn.locals.addAll(List.of(i, s));
        Block b0 = new Block(0, 0), b1 = new Block(1, 1), b2 = new Block(2, 2), b3 = new Block(3, 3);
        b0.stmts.add(new Stmt.Assign(i, intc(0), 1));
        b0.terminator = new Block.Goto(b1);
        b1.terminator = new Block.Branch(new Expr.Compare(CmpOp.LT, local(i), bound), b2, b3, 1);
        b2.stmts.addAll(body);
        b2.stmts.add(new Stmt.Assign(i, add(local(i), intc(1)), 1));
        b2.terminator = new Block.Goto(b1);
        b3.terminator = new Block.Return(null, 3);
        fn.blocks.addAll(List.of(b0, b1, b2, b3));
        return fn;
    }

    private static Expr local(Var v) {
        return new Expr.Local(v);
    }

    private static Expr intc(int v) {
        return Expr.Const.ofInt(v);
    }

    private static Expr add(Expr a, Expr b) {
        return new Expr.Binary(BinOp.ADD, Type.INT, a, b);
    }

    private static Expr mul(Expr a, Expr b) {
        return new Expr.Binary(BinOp.MUL, a.type(), a, b);
    }

    private static Stmt store(Var array, Expr index, Expr value) {
        return new Stmt.Store(array, index, value, 2);
    }

    private static Block block(Function fn, int id) {
        return fn.blocks.stream().filter(b -> b.id == id).findFirst().orElseThrow();
    }

    private static Var temp(Function fn, String name) {
        return fn.locals.stream().filter(v -> v.name.equals(name)).findFirst().orElseThrow();
    }

    /** The statements met walking from the entry along gotos (straight-line code), or fails at a branch. */
    private static List<Stmt> straightLine(Function fn) {
        List<Stmt> stmts = new ArrayList<>();
        Set<Block> seen = new HashSet<>();
        for (Block b = fn.entry(); seen.add(b); ) {
            stmts.addAll(b.stmts);
            if (b.terminator instanceof Block.Return) return stmts;
            b = ((Block.Goto) b.terminator).target();
        }
        throw new AssertionError("a cycle is left");
    }

    // ------------------------------------------------------------------ loop-invariant code motion

    @Test
    void licmComputesAnInvariantValueOnceBeforeTheLoopInitialisation() {
        Expr invariant = new Expr.Convert(Expr.ConvOp.I2F, mul(local(n), local(m)));
        Stmt body = store(out, local(i), mul(invariant, new Expr.ArrayLoad(in, local(i))));
        Function before = loop(local(n), List.of(body));
        Function after = LoopInvariantCodeMotion.apply(before);

        Var inv = temp(after, "inv0");
        assertEquals(List.of(new Stmt.Assign(inv, invariant, 2), new Stmt.Assign(i, intc(0), 1)), block(after, 0).stmts,
                "hoisted before i = 0, so the for loop still reads as one");
        assertEquals(store(out, local(i), mul(local(inv), new Expr.ArrayLoad(in, local(i)))), block(after, 2).stmts.getFirst());
        assertSame(body, block(before, 2).stmts.getFirst(), "the input IR is not touched");
        assertEquals(1, block(before, 0).stmts.size());
    }

    @Test
    void licmLeavesLoadsCallsAndValuesTheLoopChangesInPlace() {
        Expr load = new Expr.ArrayLoad(in, intc(0));                       // the loop may write in (or a guard protects it)
        Expr variant = mul(local(i), local(n));                             // reads i
        Expr leaf = new Expr.Convert(Expr.ConvOp.I2F, local(n));
        List<Stmt> body = List.of(store(out, local(i), new Expr.Binary(BinOp.ADD, Type.FLOAT, load, new Expr.Convert(Expr.ConvOp.I2F, variant))),
                new Stmt.Assign(s, leaf, 2));
        Function after = LoopInvariantCodeMotion.apply(loop(local(n), body));
        assertEquals(body.getFirst(), block(after, 2).stmts.getFirst());
        Var inv = temp(after, "inv0");
        assertEquals(new Stmt.Assign(s, local(inv), 2), block(after, 2).stmts.get(1));
        assertEquals(1, after.locals.stream().filter(v -> v.name.startsWith("inv")).count(), "only (float) n moved");
    }

    @Test
    void licmSharesOneTemporaryBetweenEqualValuesAndHoistsTheLoopBound() {
        Expr nm = mul(local(n), local(m));
        Function after = LoopInvariantCodeMotion.apply(loop(nm, List.of(store(out, local(i), new Expr.Convert(Expr.ConvOp.I2F, add(nm, local(i)))))));
        Var inv = temp(after, "inv0");
        assertEquals(new Stmt.Assign(inv, nm, 1), block(after, 0).stmts.getFirst());
        assertEquals(new Expr.Compare(CmpOp.LT, local(i), local(inv)), ((Block.Branch) block(after, 1).terminator).condition());
        assertEquals(store(out, local(i), new Expr.Convert(Expr.ConvOp.I2F, add(local(inv), local(i)))), block(after, 2).stmts.getFirst());
    }

    @Test
    void licmGivesALoopWithTwoEntriesAPreheader() {
        Function fn = loop(local(n), List.of(new Stmt.Assign(s, new Expr.Convert(Expr.ConvOp.I2F, mul(local(n), local(m))), 2)));
        // B0 reaches the loop header directly and through B4: the hoisted value needs a block of its own
        Block extra = new Block(4, 0);
        extra.terminator = new Block.Goto(block(fn, 1));
        fn.blocks.add(extra);
        fn.entry().terminator = new Block.Branch(new Expr.Compare(CmpOp.GT, local(m), intc(0)), block(fn, 1), extra, 1);
        Function after = LoopInvariantCodeMotion.apply(fn);
        Block pre = block(after, 5);
        assertEquals(new Block.Goto(block(after, 1)), pre.terminator);
        assertEquals(new Stmt.Assign(temp(after, "inv0"), new Expr.Convert(Expr.ConvOp.I2F, mul(local(n), local(m))), 2), pre.stmts.getFirst());
        assertEquals(pre, ((Block.Branch) after.entry().terminator).ifTrue());
        assertEquals(pre, ((Block.Goto) block(after, 4).terminator).target());
    }

    // ------------------------------------------------------------------ strength reduction

    @Test
    void strengthReductionAdvancesTheIndexByTheStrideBeforeTheCounter() {
        Expr index = add(mul(local(i), local(m)), intc(3));
        Stmt body = store(out, index, new Expr.ArrayLoad(in, local(i)));
        Function before = loop(local(n), List.of(body));
        Function after = StrengthReduction.apply(before);

        Var idx = temp(after, "idx0");
        assertEquals(List.of(new Stmt.Assign(idx, intc(3), 1), new Stmt.Assign(i, intc(0), 1)), block(after, 0).stmts,
                "idx starts at 0 * m + 3, before i = 0");
        assertEquals(List.of(store(out, local(idx), new Expr.ArrayLoad(in, local(i))),
                new Stmt.Assign(idx, add(local(idx), local(m)), 1),
                new Stmt.Assign(i, add(local(i), intc(1)), 1)), block(after, 2).stmts);
        assertSame(body, block(before, 2).stmts.getFirst(), "the input IR is not touched");
    }

    @Test
    void strengthReductionScalesAConstantStepAndLeavesUnitStridesAndConversionsAlone() {
        Function fn = loop(local(n), List.of(
                store(out, add(local(i), local(m)), new Expr.Convert(Expr.ConvOp.I2F, local(i))),        // i + m: nothing to save
                store(out, new Expr.Convert(Expr.ConvOp.L2I, mul(new Expr.Convert(Expr.ConvOp.I2L, local(i)), new Expr.Const(Type.LONG, 4L))),
                        new Expr.Const(Type.FLOAT, 1f)),                                                       // (long) i does not distribute
                store(out, mul(intc(4), add(local(i), local(n))), new Expr.Const(Type.FLOAT, 2f))));          // 4 * (i + n) = 4i + 4n
        Block step = block(fn, 2);
        step.stmts.set(step.stmts.size() - 1, new Stmt.Assign(i, add(local(i), intc(2)), 1));             // i += 2
        Function after = StrengthReduction.apply(fn);
        List<Stmt> body = block(after, 2).stmts;
        assertEquals(step.stmts.get(0), body.get(0));
        assertEquals(step.stmts.get(1), body.get(1));
        Var idx = temp(after, "idx0");
        assertEquals(store(out, local(idx), new Expr.Const(Type.FLOAT, 2f)), body.get(2));
        assertEquals(new Stmt.Assign(idx, add(local(idx), intc(8)), 1), body.get(3), "4 * the step of 2");
        assertEquals(new Stmt.Assign(idx, mul(intc(4), local(n)), 1), block(after, 0).stmts.getFirst(), "4 * (0 + n)");
    }

    @Test
    void strengthReductionIsExactWhenTheIndexWraps() {
        // the recurrence p += c*s equals k*s + b modulo 2^32 for every k, also past Integer.MAX_VALUE
        int stride = 0x7654_3211, offset = 12345, p = 0 * stride + offset;
        for (int k = 0; k < 1000; k++) {
            assertEquals(k * stride + offset, p);
            p += stride;
        }
    }

    @Test
    void strengthReductionLeavesCountersWithTwoAssignmentsAlone() {
        Function fn = loop(local(n), List.of(store(out, mul(local(i), local(m)), new Expr.Const(Type.FLOAT, 0f)),
                new Stmt.Assign(i, add(local(i), intc(5)), 2)));
        Function after = StrengthReduction.apply(fn);
        assertEquals(block(fn, 2).stmts, block(after, 2).stmts);
    }

    @Test
    void loopsWithABarrierKeepTheirValuesInsideAndNegatedCountersAreNoMultiplication() {
        // On PoCL a value live across a barrier lives in a per-work-item array: such loops are left alone.
        Expr index = mul(local(i), local(m));
        List<Stmt> body = List.of(store(out, index, new Expr.Convert(Expr.ConvOp.I2F, mul(local(n), local(m)))), new Stmt.Barrier(false, 2));
        Function withBarrier = loop(local(n), body);
        assertEquals(block(withBarrier, 2).stmts, block(StrengthReduction.apply(withBarrier), 2).stmts);
        assertEquals(block(withBarrier, 2).stmts, block(LoopInvariantCodeMotion.apply(withBarrier), 2).stmts);
        Function countdown = loop(local(n), List.of(store(out, new Expr.Binary(BinOp.SUB, Type.INT, local(n), local(i)), new Expr.Const(Type.FLOAT, 0f))));
        assertEquals(block(countdown, 2).stmts, block(StrengthReduction.apply(countdown), 2).stmts, "n - i has nothing to save");
    }

    // ------------------------------------------------------------------ unrolling

    @Test
    void unrollingReplacesASmallConstantLoopByItsIterations() {
        Stmt body = store(out, mul(local(i), intc(2)), new Expr.Convert(Expr.ConvOp.I2F, local(i)));
        Function before = loop(intc(3), List.of(body));
        Function after = UnrollConstantLoops.apply(before);
        assertEquals(List.of(
                new Stmt.Assign(i, intc(0), 1),
                store(out, intc(0), new Expr.Const(Type.FLOAT, 0f)),
                store(out, intc(2), new Expr.Const(Type.FLOAT, 1f)),
                store(out, intc(4), new Expr.Const(Type.FLOAT, 2f)),
                new Stmt.Assign(i, intc(3), 1)), straightLine(after), "i ends at 3, as after the loop");
        assertSame(body, block(before, 2).stmts.getFirst(), "the input IR is not touched");
        assertEquals(4, before.blocks.size());
    }

    @Test
    void unrollingCountsTripsWithJavaWrapping() {
        // for (i = MAX_VALUE - 1; i > 0; i++): two iterations, then i wraps to MIN_VALUE and the test fails
        Function fn = loop(intc(0), List.of(store(out, intc(0), new Expr.Convert(Expr.ConvOp.I2F, local(i)))));
        fn.entry().stmts.set(0, new Stmt.Assign(i, intc(Integer.MAX_VALUE - 1), 1));
        block(fn, 1).terminator = new Block.Branch(new Expr.Compare(CmpOp.GT, local(i), intc(0)), block(fn, 2), block(fn, 3), 1);
        List<Stmt> code = straightLine(UnrollConstantLoops.apply(fn));
        assertEquals(4, code.size());
        assertEquals(new Stmt.Assign(i, intc(Integer.MIN_VALUE), 1), code.getLast());
    }

    @Test
    void unrollingLeavesLongAndUnknownLoopsAlone() {
        Function long17 = loop(intc(17), List.of(store(out, local(i), new Expr.Const(Type.FLOAT, 0f))));
        assertEquals(4, UnrollConstantLoops.apply(long17).blocks.size(), "17 trips is more than MAX_TRIPS");
        Function unknown = loop(local(n), List.of(store(out, local(i), new Expr.Const(Type.FLOAT, 0f))));
        assertEquals(4, UnrollConstantLoops.apply(unknown).blocks.size(), "the bound is not a constant");
        Function noIterations = loop(intc(0), List.of(store(out, local(i), new Expr.Const(Type.FLOAT, 0f))));
        assertEquals(List.of(new Stmt.Assign(i, intc(0), 1)), straightLine(UnrollConstantLoops.apply(noIterations)));
    }

    @Test
    void thePrecheckLetsThePipelineSkipFunctionsWithoutAConstantTripLoop() {
        assertTrue(UnrollConstantLoops.mayApply(loop(intc(3), List.of())), "for (i = 0; i < 3; i++)");
        assertFalse(UnrollConstantLoops.mayApply(loop(local(n), List.of())), "the test reads n too");
        Function notStepped = loop(intc(3), List.of());
        block(notStepped, 2).stmts.set(0, new Stmt.Assign(i, mul(local(i), intc(2)), 1));
        assertFalse(UnrollConstantLoops.mayApply(notStepped), "i = i * 2 is no counter");
        Function startUnknown = loop(intc(3), List.of());
        startUnknown.entry().stmts.set(0, new Stmt.Assign(i, local(m), 1));
        assertFalse(UnrollConstantLoops.mayApply(startUnknown), "i starts at m");
        // if (s > 0f) with s = 0f and s = s + 1f: one variable and a constant, but s is no integer counter
        Function floatAccumulator = loop(local(n), List.of(new Stmt.Assign(s, new Expr.Binary(BinOp.ADD, Type.FLOAT, local(s), new Expr.Const(Type.FLOAT, 1f)), 2)));
        floatAccumulator.entry().stmts.add(new Stmt.Assign(s, new Expr.Const(Type.FLOAT, 0f), 1));
        block(floatAccumulator, 3).terminator = new Block.Return(null, 3);
        assertFalse(UnrollConstantLoops.mayApply(floatAccumulator));
        // whatever the precheck lets through, the pass itself still decides: 17 trips pass the check and stay a loop
        Function long17 = loop(intc(17), List.of());
        assertTrue(UnrollConstantLoops.mayApply(long17));
        assertEquals(4, UnrollConstantLoops.apply(long17).blocks.size());
    }

    @Test
    void unrolledCopiesDropBranchesTheCounterDecides() {
        // for (i = 0; i < 2; i++) { if (i == 1) out[0] = 1f; }
        Function fn = loop(intc(2), List.of());
        Block body = block(fn, 2), then = new Block(4, 4), latch = new Block(5, 5);
        then.stmts.add(store(out, intc(0), new Expr.Const(Type.FLOAT, 1f)));
        then.terminator = new Block.Goto(latch);
        latch.stmts.addAll(body.stmts);
        latch.terminator = new Block.Goto(block(fn, 1));
        body.stmts.clear();
        body.terminator = new Block.Branch(new Expr.Compare(CmpOp.EQ, local(i), intc(1)), then, latch, 2);
        fn.blocks.addAll(List.of(then, latch));
        List<Stmt> code = straightLine(UnrollConstantLoops.apply(fn));
        assertEquals(List.of(new Stmt.Assign(i, intc(0), 1), store(out, intc(0), new Expr.Const(Type.FLOAT, 1f)),
                new Stmt.Assign(i, intc(2), 1)), code);
    }

    @Test
    void loopPassesPropertyNamesPassesOrNone() {
        assertNull(Jit.loopPassesProperty(null));
        assertTrue(Jit.loopPassesProperty("none").isEmpty());
        assertEquals(Set.of(Target.LoopPass.LICM, Target.LoopPass.UNROLL), Jit.loopPassesProperty("licm, unroll"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Jit.loopPassesProperty("hoist"));
        assertTrue(e.getMessage().contains("'hoist'"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
