package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Type;

/**
 * What is known at compile time about an int index: a number it is always a multiple of. Targets
 * use it to prove that a vector access is aligned (PTX's ld.v4 needs a 16-byte aligned address:
 * a float index that is a multiple of 4 into a buffer, which drivers align far more). Int
 * arithmetic wraps modulo 2^32, which keeps every power-of-two factor, so the answer is exact for
 * the powers of two that alignment asks about.
 */
public final class Alignment {
    private static final int CAP = 1 << 16;

    private Alignment() {
    }

    /** The largest power of two (up to 2^16) that e is known to be a multiple of; 1 when nothing is known. */
    public static int knownMultiple(Expr e) {
        if (e.type() != Type.INT) return 1;
        return switch (e) {
            case Expr.Const c -> powerOfTwoIn(c.number().intValue());
            case Expr.Binary b -> switch (b.op()) {
                case ADD, SUB -> Math.min(knownMultiple(b.left()), knownMultiple(b.right()));
                case MUL -> (int) Math.min(CAP, (long) knownMultiple(b.left()) * knownMultiple(b.right()));
                case SHL -> b.right() instanceof Expr.Const c && c.number().intValue() >= 0 && c.number().intValue() < 31
                        ? (int) Math.min(CAP, (long) knownMultiple(b.left()) << c.number().intValue()) : 1;
                case AND -> Math.max(knownMultiple(b.left()), knownMultiple(b.right()));
                default -> 1;
            };
            case Expr.Neg n -> knownMultiple(n.operand());
            default -> 1;
        };
    }

    private static int powerOfTwoIn(int v) {
        if (v == 0) return CAP;
        return Math.min(CAP, Integer.lowestOneBit(v));
    }
}
