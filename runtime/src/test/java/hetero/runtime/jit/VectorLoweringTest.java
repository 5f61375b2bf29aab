package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import hetero.runtime.jit.opencl.OpenCLTarget;
import hetero.runtime.jit.ptx.PtxTarget;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VectorLowering on small IR: constant lanes for every target, per-lane scalars for PTX; the input IR is never changed. */
class VectorLoweringTest {
    private final Var arr = new Var(Var.Kind.PARAM, Type.FLOAT_ARRAY, "a", 0);
    private final Var i = new Var(Var.Kind.PARAM, Type.INT, "i", 1);
    private final Var v = new Var(Var.Kind.LOCAL, Type.FLOAT4, "v", -1);
    private final Var s = new Var(Var.Kind.LOCAL, Type.FLOAT, "s", -1);

    private Function kernel(Stmt... stmts) {
        Function fn = new Function("T", "k", "([FI)V", "T.java", Type.VOID);
        fn.params.addAll(List.of(arr, i));
        fn.locals.addAll(List.of(v, s));
        Block block = new Block(0, 0);
        block.stmts.addAll(List.of(stmts));
        block.terminator = new Block.Return(null, 1);
        fn.blocks.add(block);
        return fn;
    }

    private static Expr local(Var x) {
        return new Expr.Local(x);
    }

    private static Expr lane(Expr vector, int k) {
        return new Expr.Lane(vector, Expr.Const.ofInt(k));
    }

    @Test
    void aLaneChosenAtRunTimeBecomesSelectsOverConstantLanes() {
        Expr get = new Expr.Lane(local(v), local(i));
        Function in = kernel(new Stmt.Assign(s, get, 1));
        Function out = VectorLowering.apply(in, new OpenCLTarget());

        Expr expected = new Expr.Const(Type.FLOAT, 0f);
        for (int k = 3; k >= 0; k--) {
            expected = new Expr.Select(new Expr.Compare(CmpOp.EQ, local(i), Expr.Const.ofInt(k)), lane(local(v), k), expected);
        }
        assertEquals(expected, ((Stmt.Assign) out.entry().stmts.getFirst()).value());
        assertEquals(get, ((Stmt.Assign) in.entry().stmts.getFirst()).value(), "the input IR is unchanged");
    }

    @Test
    void targetsWithVectorsKeepThem() {
        Function in = kernel(new Stmt.Assign(v, new Expr.VectorLoad(Type.FLOAT4, arr, local(i)), 1),
                new Stmt.VectorStore(arr, local(i), new Expr.Binary(BinOp.ADD, Type.FLOAT4, local(v), local(v)), 2));
        Function out = VectorLowering.apply(in, new OpenCLTarget());
        assertEquals(in.entry().stmts, out.entry().stmts);
    }

    @Test
    void ptxGetsOneScalarPerLaneAndLoadsAndStoresTheLanesTogether() {
        Expr index = new Expr.Binary(BinOp.MUL, Type.INT, local(i), Expr.Const.ofInt(3));
        Function in = kernel(new Stmt.Assign(v, new Expr.VectorLoad(Type.FLOAT4, arr, index), 1),
                new Stmt.VectorStore(arr, local(i), new Expr.Binary(BinOp.ADD, Type.FLOAT4, local(v), local(v)), 2),
                new Stmt.Assign(s, lane(local(v), 2), 3));
        Function out = VectorLowering.apply(in, new PtxTarget());

        assertTrue(out.locals.stream().noneMatch(x -> x.type.isVector()), "no vector variable is left");
        assertTrue(VectorLowering.usesVectors(in), "the input IR is unchanged");
        List<Stmt> stmts = out.entry().stmts;
        Var[] lanes = new Var[4];
        for (int k = 0; k < 4; k++) {
            int lane = k;
            lanes[k] = out.locals.stream().filter(x -> x.name.equals("v_" + lane)).findFirst().orElseThrow();
            assertEquals(Type.FLOAT, lanes[k].type);
        }
        // v = load(a, i * 3): the index once into a variable, then one LoadLanes into v_0 .. v_3
        Stmt.LoadLanes load = stmts.stream().filter(st -> st instanceof Stmt.LoadLanes).map(st -> (Stmt.LoadLanes) st).findFirst().orElseThrow();
        assertEquals(List.of(lanes), load.targets());
        // the store: each lane computed once, then one VectorStore of scalar lanes
        Stmt.VectorStore store = stmts.stream().filter(st -> st instanceof Stmt.VectorStore).map(st -> (Stmt.VectorStore) st).findFirst().orElseThrow();
        assertEquals(local(i), store.index());
        Expr.VectorOf values = assertInstanceOf(Expr.VectorOf.class, store.value());
        for (Expr x : values.lanes()) assertEquals(Type.FLOAT, x.type());
        Stmt.Assign last = (Stmt.Assign) stmts.getLast();
        assertEquals(new Stmt.Assign(s, local(lanes[2]), 3), last);
    }

    @Test
    void alignmentIsKnownForMultiplesOfPowersOfTwo() {
        Expr i4 = new Expr.Binary(BinOp.MUL, Type.INT, Expr.Const.ofInt(4), local(i));
        assertEquals(4, Alignment.knownMultiple(i4));
        assertEquals(4, Alignment.knownMultiple(new Expr.Binary(BinOp.ADD, Type.INT, i4, Expr.Const.ofInt(8))));
        assertEquals(1, Alignment.knownMultiple(new Expr.Binary(BinOp.ADD, Type.INT, i4, Expr.Const.ofInt(1))));
        assertEquals(16, Alignment.knownMultiple(new Expr.Binary(BinOp.SHL, Type.INT, local(i), Expr.Const.ofInt(4))));
        assertEquals(1, Alignment.knownMultiple(local(i)));
    }

    @Test
    void swappingLanesGoesThroughTemporaries() {
        // v = (v.y, v.x, v.z, v.w): lane 1 must read the old lane 0
        Function in = kernel(new Stmt.Assign(v, new Expr.VectorOf(Type.FLOAT4, List.of(lane(local(v), 1), lane(local(v), 0), lane(local(v), 2), lane(local(v), 3))), 1));
        Function out = VectorLowering.apply(in, new PtxTarget());
        List<Stmt> stmts = out.entry().stmts;
        Var v0 = out.locals.stream().filter(x -> x.name.equals("v_0")).findFirst().orElseThrow();
        Var v1 = out.locals.stream().filter(x -> x.name.equals("v_1")).findFirst().orElseThrow();
        int writesV0 = -1;
        for (int k = 0; k < stmts.size(); k++) if (((Stmt.Assign) stmts.get(k)).target() == v0) writesV0 = k;
        for (int k = writesV0 + 1; k < stmts.size(); k++) {
            Stmt.Assign later = (Stmt.Assign) stmts.get(k);
            assertFalse(ExprWalk.any(later.value(), e -> e instanceof Expr.Local l && l.var() == v0),
                    "no statement after v_0's new value reads v_0: " + later);
        }
        Stmt.Assign toV1 = (Stmt.Assign) stmts.stream().filter(st -> ((Stmt.Assign) st).target() == v1).findFirst().orElseThrow();
        assertInstanceOf(Expr.Local.class, toV1.value());
        assertEquals(Var.Kind.TEMP, ((Expr.Local) toV1.value()).var().kind);
    }

    @Test
    void aKernelWithoutVectorsComesBackAsItIs() {
        Function in = kernel(new Stmt.Assign(s, new Expr.ArrayLoad(arr, local(i)), 1));
        in.locals.remove(v);
        assertSame(in, VectorLowering.apply(in, new PtxTarget()));
    }
}
