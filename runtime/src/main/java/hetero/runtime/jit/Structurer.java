package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a CFG back into if / while / for for C-like targets, so the generated code reads like the
 * Java it came from. It handles what javac produces for structured Java (reducible graphs, loops
 * with one exit, breaks and continues of the innermost loop). When a graph does not fit (say a
 * labelled break out of two loops), {@link #structure} returns null and the emitter falls back to
 * labels and gotos, which are always correct.
 */
public final class Structurer {
    /** The structured program. */
    public sealed interface Node {}

    public record Seq(List<Node> nodes) implements Node {}

    public record Statement(Stmt stmt) implements Node {}

    public record If(Expr cond, Node then, Node otherwise, int line) implements Node {}

    /** while (cond) body; cond null means forever. With init/update it prints as a for loop. */
    public record Loop(Expr cond, Node body, Stmt.Assign init, Stmt.Assign update, int line) implements Node {}

    public record Break() implements Node {}

    public record Continue() implements Node {}

    public record Return(Expr value, int line) implements Node {}

    private static final class Unstructured extends RuntimeException {
        Unstructured() {
            super(null, null, false, false);
        }
    }

    private final Cfg cfg;
    private final Set<Block> emitted = new HashSet<>();

    private Structurer(Function f) {
        this.cfg = new Cfg(f);
    }

    /** The function as structured code, or null when it needs gotos. */
    public static Node structure(Function f) {
        Structurer s = new Structurer(f);
        try {
            Node n = s.seq(f.entry(), null, null);
            return Cleanup.loops(n);
        } catch (Unstructured e) {
            return null;
        }
    }

    private Node seq(Block b, Block stop, Cfg.Loop loop) {
        List<Node> out = new ArrayList<>();
        while (b != null && b != stop) {
            if (loop != null) {
                if (b == loop.header) {
                    out.add(new Continue());
                    return new Seq(out);
                }
                if (b == follow(loop)) {
                    out.add(new Break());
                    return new Seq(out);
                }
            }
            Cfg.Loop entering = cfg.loopOfHeader.get(b);
            if (entering != null) {
                Block f = follow(entering);
                List<Node> body = new ArrayList<>();
                b = block(b, body, entering);
                if (b != null) body.add(seq(b, null, entering));
                out.add(new Loop(null, new Seq(body), null, null, lineOf(entering.header)));
                b = f;
                continue;
            }
            b = block(b, out, loop);
        }
        return new Seq(out);
    }

    /** Emits one block's statements and terminator; returns the block to continue with (or null). */
    private Block block(Block b, List<Node> out, Cfg.Loop loop) {
        if (!emitted.add(b)) throw new Unstructured();
        for (Stmt s : b.stmts) out.add(new Statement(s));
        switch (b.terminator) {
            case Block.Return r -> {
                out.add(new Return(r.value(), r.line()));
                return null;
            }
            case Block.Goto g -> {
                return g.target();
            }
            case Block.Branch br -> {
                Block merge = cfg.immediatePostDominator(b);
                if (loop != null && merge != null && !loop.body.contains(merge)) merge = null;
                if (loop != null && merge == loop.header) merge = null;
                Node then = seq(br.ifTrue(), merge, loop);
                Node otherwise = seq(br.ifFalse(), merge, loop);
                out.add(new If(br.condition(), then, otherwise, br.line()));
                return merge;
            }
            case null -> throw new Unstructured();
        }
    }

    private Block follow(Cfg.Loop loop) {
        Set<Block> exits = loop.exits();
        Block follow = null;
        for (Block e : exits) {
            if (returnsOnly(e)) continue;
            if (follow != null && follow != e) throw new Unstructured();
            follow = e;
        }
        if (follow == null && exits.size() == 1) follow = exits.iterator().next();
        return follow;
    }

    private static boolean returnsOnly(Block b) {
        return b.terminator instanceof Block.Return;
    }

    private static int lineOf(Block b) {
        if (!b.stmts.isEmpty()) return b.stmts.getFirst().line();
        if (b.terminator instanceof Block.Branch br) return br.line();
        return 0;
    }

    /** Cosmetic rewrites that keep meaning: while (c) instead of if (!c) break, for loops, no trailing continue. */
    static final class Cleanup {
        private Cleanup() {
        }

        static Node loops(Node n) {
            return switch (n) {
                case Seq s -> {
                    List<Node> nodes = new ArrayList<>();
                    for (Node c : s.nodes()) {
                        Node x = loops(c);
                        if (x instanceof Seq inner) nodes.addAll(inner.nodes()); else nodes.add(x);
                    }
                    // for (init; cond; update): an assignment right before a while loop whose body ends by updating the same variable
                    for (int i = 0; i + 1 < nodes.size(); i++) {
                        if (nodes.get(i) instanceof Statement st && st.stmt() instanceof Stmt.Assign init
                                && nodes.get(i + 1) instanceof Loop l && l.cond() != null && l.init() == null
                                && reads(l.cond(), init.target()) && l.body() instanceof Seq body && !body.nodes().isEmpty()
                                && body.nodes().getLast() instanceof Statement last && last.stmt() instanceof Stmt.Assign upd
                                && upd.target() == init.target() && !hasContinue(body)) {
                            List<Node> rest = new ArrayList<>(body.nodes().subList(0, body.nodes().size() - 1));
                            nodes.set(i, new Loop(l.cond(), new Seq(rest), init, upd, l.line()));
                            nodes.remove(i + 1);
                        }
                    }
                    yield new Seq(nodes);
                }
                case If f -> {
                    Node then = loops(f.then()), otherwise = loops(f.otherwise());
                    // javac's ternary: both arms assign the same stack temporary -> one assignment of c ? a : b
                    if (single(then) instanceof Statement a && single(otherwise) instanceof Statement b
                            && a.stmt() instanceof Stmt.Assign x && b.stmt() instanceof Stmt.Assign y
                            && x.target() == y.target() && x.target().kind == Var.Kind.TEMP
                            && !hasCall(x.value()) && !hasCall(y.value())) {
                        Expr cond = f.cond();
                        Expr tv = x.value(), fv = y.value();
                        if (cond instanceof Expr.Not not) {
                            cond = not.operand();
                            tv = y.value();
                            fv = x.value();
                        }
                        yield new Statement(new Stmt.Assign(x.target(), new Expr.Select(cond, tv, fv), f.line()));
                    }
                    yield new If(f.cond(), then, otherwise, f.line());
                }
                case Loop l -> {
                    Seq body = (Seq) loops(l.body());
                    List<Node> nodes = new ArrayList<>(body.nodes());
                    if (!nodes.isEmpty() && nodes.getLast() instanceof Continue) nodes.removeLast();
                    Expr cond = l.cond();
                    // while (true) { if (c) break; else { rest } }  ->  while (!c) { rest }
                    if (cond == null && !nodes.isEmpty() && nodes.getFirst() instanceof If f) {
                        if (isBreak(f.then()) && !hasBreak(f.otherwise())) {
                            cond = Negation.of(f.cond());
                            nodes.removeFirst();
                            nodes.addAll(0, flat(f.otherwise()));
                        } else if (isBreak(f.otherwise()) && !hasBreak(f.then())) {
                            cond = f.cond();
                            nodes.removeFirst();
                            nodes.addAll(0, flat(f.then()));
                        }
                        if (cond != null && !nodes.isEmpty() && nodes.getLast() instanceof Continue) nodes.removeLast();
                    }
                    yield new Loop(cond, new Seq(nodes), l.init(), l.update(), l.line());
                }
                default -> n;
            };
        }

        private static Node single(Node n) {
            if (n instanceof Seq s) return s.nodes().size() == 1 ? single(s.nodes().getFirst()) : null;
            return n;
        }

        private static boolean hasCall(Expr e) {
            return ExprWalk.any(e, x -> x instanceof Expr.Call);
        }

        private static List<Node> flat(Node n) {
            return n instanceof Seq s ? new ArrayList<>(s.nodes()) : new ArrayList<>(List.of(n));
        }

        private static boolean isBreak(Node n) {
            return n instanceof Break || (n instanceof Seq s && s.nodes().size() == 1 && s.nodes().getFirst() instanceof Break);
        }

        /** A break that belongs to this loop (not to a nested one). */
        private static boolean hasBreak(Node n) {
            return switch (n) {
                case Break b -> true;
                case Seq s -> s.nodes().stream().anyMatch(Cleanup::hasBreak);
                case If f -> hasBreak(f.then()) || hasBreak(f.otherwise());
                default -> false;
            };
        }

        private static boolean hasContinue(Node n) {
            return switch (n) {
                case Continue c -> true;
                case Seq s -> s.nodes().stream().anyMatch(Cleanup::hasContinue);
                case If f -> hasContinue(f.then()) || hasContinue(f.otherwise());
                default -> false;
            };
        }

        private static boolean reads(Expr e, Var v) {
            return ExprWalk.any(e, x -> x instanceof Expr.Local l && l.var() == v);
        }
    }
}
