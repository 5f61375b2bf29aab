package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the loops of @Parallel variables and turns each into a grid-strided loop:
 * <pre>
 *   for (@Parallel int i = start; i < end; i += step)            // Java
 *   for (i = start + step * global_id(d); i < end; i += step * global_size(d))   // device
 * </pre>
 * The loop stays a loop, so a grid smaller than the range is still correct, and a larger one
 * (rounded up to the work-group size) just skips. Nested parallel loops take dimensions from the
 * innermost (0) outwards.
 */
final class ParallelLoops {
    /**
     * A variable declared @Parallel, with the pc range of its declaration. {@code outermostFirst}:
     * declared with TornadoVM's annotation, whose outermost loop is dimension 0 (the project's own
     * annotation puts the innermost loop on dimension 0).
     */
    record Annotated(Var variable, int startBci, int endBci, int line, boolean outermostFirst) {}

    private ParallelLoops() {
    }

    static void rewrite(Function f, List<Annotated> annotated, String owner, boolean isKernel, java.util.Set<Integer> reduceParams) {
        if (annotated.isEmpty()) return;
        if (!isKernel) {
            Annotated a = annotated.getFirst();
            throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(),
                    "@Parallel loops belong in the kernel itself, not in a method it calls");
        }
        Cfg cfg = new Cfg(f);
        record Found(Annotated a, Cfg.Loop loop, Stmt.Assign init, Block initBlock, int initIndex,
                     Block incBlock, int incIndex, int step, Expr end, boolean inclusive) {}
        List<Found> found = new ArrayList<>();
        for (Annotated a : annotated) {
            Var v = a.variable();
            Cfg.Loop loop = null;
            Expr end = null;
            boolean inclusive = false;
            for (Cfg.Loop l : cfg.loops) {
                if (!(l.header.terminator instanceof Block.Branch br)) continue;
                boolean trueStays = l.body.contains(br.ifTrue()) && !l.body.contains(br.ifFalse());
                boolean falseStays = l.body.contains(br.ifFalse()) && !l.body.contains(br.ifTrue());
                if (!trueStays && !falseStays) continue;
                Expr stay = trueStays ? br.condition() : Negation.of(br.condition());
                if (stay instanceof Expr.Compare c) {
                    if (c.left() instanceof Expr.Local lv && lv.var() == v && (c.op() == Expr.CmpOp.LT || c.op() == Expr.CmpOp.LE)) {
                        loop = l; end = c.right(); inclusive = c.op() == Expr.CmpOp.LE;
                    } else if (c.right() instanceof Expr.Local rv && rv.var() == v && (c.op() == Expr.CmpOp.GT || c.op() == Expr.CmpOp.GE)) {
                        loop = l; end = c.left(); inclusive = c.op() == Expr.CmpOp.GE;
                    }
                }
                if (loop != null) break;
            }
            if (loop == null) {
                throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(),
                        "@Parallel variable '" + v.name + "' must control a counting loop: for (@Parallel int "
                                + v.name + " = start; " + v.name + " < end; " + v.name + " += step)");
            }
            if (reads(end, v)) {
                throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(), "the bound of @Parallel loop '" + v.name + "' depends on the variable itself");
            }
            // exactly one increment by a positive constant inside the loop
            Block incBlock = null;
            int incIndex = -1, step = 0;
            for (Block b : loop.body) {
                for (int k = 0; k < b.stmts.size(); k++) {
                    if (b.stmts.get(k) instanceof Stmt.Assign as && as.target() == v) {
                        if (incBlock != null || !(as.value() instanceof Expr.Binary bin && bin.op() == BinOp.ADD
                                && bin.left() instanceof Expr.Local l && l.var() == v
                                && bin.right() instanceof Expr.Const c && c.number().intValue() > 0)) {
                            throw new UnsupportedKernelException(owner, f.name, a.startBci(), as.line(),
                                    "@Parallel loop variable '" + v.name + "' may only be advanced by one constant positive step ("
                                            + v.name + "++ or " + v.name + " += k), not assigned in the loop body");
                        }
                        incBlock = b;
                        incIndex = k;
                        step = ((Expr.Const) ((Expr.Binary) as.value()).right()).number().intValue();
                    }
                }
            }
            if (incBlock == null) {
                throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(), "@Parallel loop '" + v.name + "' has no increment");
            }
            // the initial assignment: last assignment to v in the single block entering the loop
            final Cfg.Loop lp = loop;
            List<Block> outside = cfg.preds.get(loop.header).stream().filter(p -> !lp.body.contains(p)).toList();
            if (outside.size() != 1) {
                throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(), "@Parallel loop '" + v.name + "' must have one entry");
            }
            Block pre = outside.getFirst();
            int initIndex = -1;
            for (int k = pre.stmts.size() - 1; k >= 0; k--) {
                if (pre.stmts.get(k) instanceof Stmt.Assign as && as.target() == v) {
                    initIndex = k;
                    break;
                }
            }
            if (initIndex < 0) {
                throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(),
                        "@Parallel loop '" + v.name + "' must initialise its variable in the for statement");
            }
            found.add(new Found(a, loop, (Stmt.Assign) pre.stmts.get(initIndex), pre, initIndex, incBlock, incIndex, step, end, inclusive));
        }
        // Nesting: order outermost first, each loop inside the previous one.
        found.sort(Comparator.comparingInt((Found x) -> -x.loop().body.size()));
        if (found.size() > 3) {
            Annotated a = found.get(3).a();
            throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(), "at most three @Parallel loops (three grid dimensions)");
        }
        for (int k = 1; k < found.size(); k++) {
            if (!found.get(k - 1).loop().body.containsAll(found.get(k).loop().body) || found.get(k - 1).loop() == found.get(k).loop()) {
                Annotated a = found.get(k).a();
                throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(),
                        "@Parallel loops must be nested one inside the other; sibling parallel loops would need a grid-wide barrier between them");
            }
        }
        boolean outermostFirst = found.stream().allMatch(x -> x.a().outermostFirst());
        if (!outermostFirst && found.stream().anyMatch(x -> x.a().outermostFirst())) {
            Annotated a = found.getFirst().a();
            throw new UnsupportedKernelException(owner, f.name, a.startBci(), a.line(),
                    "nested @Parallel loops mix TornadoVM's annotation (outermost loop is dimension 0) with hetero.runtime.api.Parallel "
                            + "(innermost loop is dimension 0); use one of them");
        }
        for (Found x : found) {
            // Only the loop's own test may leave it: a return or break would stop this work-item's
            // iterations but not the others', which Java's sequential loop would never have run.
            for (Block b : x.loop().body) {
                if (b == x.loop().header) continue;
                for (Block s : b.successors()) {
                    if (!x.loop().body.contains(s)) {
                        throw new UnsupportedKernelException(owner, f.name, b.bci, lineOf(b, x.a().line()),
                                "return or break inside the body of @Parallel loop '" + x.a().variable().name + "' is not supported: "
                                        + "work-items run the iterations independently, so one cannot stop the others; "
                                        + "guard the body with if, or use continue");
                    }
                }
            }
        }
        Cfg.Loop innermost = found.getLast().loop();
        // A private array belongs to a work-item, which runs several iterations of the loop when the
        // grid is smaller than the range; Java gives all iterations one array. Written in the loop,
        // it must be allocated (and so zeroed) in the loop, once per iteration.
        java.util.Set<Var> allocatedInside = new java.util.HashSet<>();
        for (Block b : innermost.body) for (Stmt st : b.stmts) if (st instanceof Stmt.NewPrivateArray na) allocatedInside.add(na.array());
        for (Block b : innermost.body) {
            for (Stmt st : b.stmts) {
                if (st instanceof Stmt.Store ps && ps.array().kind == Var.Kind.PRIVATE_ARRAY && !allocatedInside.contains(ps.array())) {
                    throw new UnsupportedKernelException(owner, f.name, b.bci, st.line(),
                            "private array '" + ps.array().name + "' is written inside @Parallel loop '" + found.getLast().a().variable().name
                                    + "' but allocated before it: a work-item runs several iterations with one private array, Java's "
                                    + "iterations would share it; allocate it inside the loop body");
                }
            }
        }
        if (f.params.stream().noneMatch(p -> p.type == Type.CONTEXT)) {
            // Code outside the parallel loops runs once per work-item on a device, but once in Java.
            for (Block b : f.blocks) {
                if (innermost.body.contains(b)) continue;
                for (Stmt st : b.stmts) {
                    // A @Reduce array's initialisation (r[0] = 0) writes the same value from every work-item;
                    // ReduceLowering combines the loop's updates after it.
                    boolean reduceInit = st instanceof Stmt.Store rs && rs.array().kind == Var.Kind.PARAM && reduceParams.contains(rs.array().paramIndex);
                    // A private array is the work-item's own: every work-item writing it is what Java does once.
                    boolean privateWrite = st instanceof Stmt.Store ps && ps.array().kind == Var.Kind.PRIVATE_ARRAY;
                    boolean writes = (st instanceof Stmt.Store && !reduceInit && !privateWrite) || st instanceof Stmt.VectorStore
                            || (st instanceof Stmt.Eval ev && ev.call() instanceof Expr.Call c && !Analysis.writtenParams(c.callee()).isEmpty());
                    if (writes) {
                        throw new UnsupportedKernelException(owner, f.name, b.bci, st.line(),
                                "writes to arrays outside the innermost @Parallel loop are not supported: on a device they run once per "
                                        + "work-item, not once as in Java; move the write into the loop, or into a task of its own");
                    }
                }
            }
        }
        for (int k = 0; k < found.size(); k++) {
            Found x = found.get(k);
            int dim = outermostFirst ? k : found.size() - 1 - k;
            Var v = x.a().variable();
            Expr step = Expr.Const.ofInt(x.step());
            Expr id = new Expr.WorkItem(Expr.Query.GLOBAL_ID, dim);
            Expr size = new Expr.WorkItem(Expr.Query.GLOBAL_SIZE, dim);
            Expr start = x.init().value();
            Expr first = add(start, x.step() == 1 ? id : new Expr.Binary(BinOp.MUL, Type.INT, step, id));
            x.initBlock().stmts.set(x.initIndex(), new Stmt.Assign(v, first, x.init().line()));
            Stmt.Assign inc = (Stmt.Assign) x.incBlock().stmts.get(x.incIndex());
            Expr stride = x.step() == 1 ? size : new Expr.Binary(BinOp.MUL, Type.INT, step, size);
            // i + stride must not wrap past Integer.MAX_VALUE back into the range (Java's loop stops
            // there): when it would, i jumps to the first value past the bound instead.
            Expr wouldWrap = new Expr.Compare(Expr.CmpOp.GT, new Expr.Local(v),
                    new Expr.Binary(BinOp.SUB, Type.INT, Expr.Const.ofInt(Integer.MAX_VALUE), stride));
            Expr past = x.inclusive() ? new Expr.Binary(BinOp.ADD, Type.INT, x.end(), Expr.Const.ofInt(1)) : x.end();
            Expr next = new Expr.Select(wouldWrap, past, new Expr.Binary(BinOp.ADD, Type.INT, new Expr.Local(v), stride));
            x.incBlock().stmts.set(x.incIndex(), new Stmt.Assign(v, next, inc.line()));
            f.parallelLoops.add(new Function.ParallelLoop(v, dim, start, x.end(), x.inclusive(), x.step()));
        }
    }

    private static int lineOf(Block b, int fallback) {
        for (Stmt s : b.stmts) if (s.line() > 0) return s.line();
        return b.terminator instanceof Block.Branch br && br.line() > 0 ? br.line() : fallback;
    }

    private static Expr add(Expr a, Expr b) {
        if (a instanceof Expr.Const c && c.number().intValue() == 0) return b;
        return new Expr.Binary(BinOp.ADD, Type.INT, a, b);
    }

    private static boolean reads(Expr e, Var v) {
        return ExprWalk.any(e, x -> x instanceof Expr.Local l && l.var() == v);
    }
}
