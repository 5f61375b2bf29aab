package hetero.runtime.jit.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: straight-line statements, then one terminator. */
public final class Block {
    public sealed interface Terminator {}

    public record Goto(Block target) implements Terminator {}

    public record Branch(Expr condition, Block ifTrue, Block ifFalse, int line) implements Terminator {}

    public record Return(Expr value, int line) implements Terminator {}

    public final int id;
    /** Bytecode offset of the block's first instruction (for messages). */
    public final int bci;
    public final List<Stmt> stmts = new ArrayList<>();
    public Terminator terminator;

    public Block(int id, int bci) {
        this.id = id;
        this.bci = bci;
    }

    public List<Block> successors() {
        return switch (terminator) {
            case Goto g -> List.of(g.target());
            case Branch b -> b.ifTrue() == b.ifFalse() ? List.of(b.ifTrue()) : List.of(b.ifTrue(), b.ifFalse());
            case Return r -> List.of();
            case null -> List.of();
        };
    }

    @Override
    public String toString() {
        return "B" + id;
    }
}
