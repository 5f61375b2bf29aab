package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Type;

/** Logical negation that stays readable: integer comparisons flip their operator; float ones keep NaN semantics. */
public final class Negation {
    private Negation() {
    }

    public static Expr of(Expr c) {
        return switch (c) {
            case Expr.Not n -> n.operand();
            case Expr.Compare cmp when !cmp.left().type().isFloating() -> new Expr.Compare(cmp.op().negate(), cmp.left(), cmp.right());
            case Expr.Compare cmp when cmp.op() == Expr.CmpOp.EQ || cmp.op() == Expr.CmpOp.NE ->
                    new Expr.Compare(cmp.op().negate(), cmp.left(), cmp.right());
            case Expr.Logic l -> new Expr.Logic(!l.and(), of(l.left()), of(l.right()));
            default -> new Expr.Not(c);
        };
    }

    /** A boolean test of an int-typed value (javac's booleans are ints): v != 0. */
    public static Expr truth(Expr v) {
        return v.type() == Type.BOOLEAN ? v : new Expr.Compare(Expr.CmpOp.NE, v, Expr.Const.ofInt(0));
    }
}
