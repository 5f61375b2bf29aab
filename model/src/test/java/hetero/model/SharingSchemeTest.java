package hetero.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharingSchemeTest {

    private static TransformerConfig layers(int encoder, int decoder) {
        return TransformerConfig.builder().dModel(16).heads(2).kvHeads(2).dFF(32).encoderLayers(encoder)
                .decoderLayers(decoder).vocabulary(10).maxSequence(8).build();
    }

    /** Block indices of every encoder layer for one block kind. */
    private static int[] map(SharingScheme s, int n, BlockKind kind) {
        TransformerConfig c = layers(n, 0);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            BlockKey key = s.blockFor(c, Stack.ENCODER, i, kind);
            assertEquals(Stack.ENCODER, key.owner());
            assertEquals(kind, key.kind());
            out[i] = key.index();
        }
        return out;
    }

    private static void assertAllKinds(SharingScheme s, int n, int... expected) {
        for (BlockKind kind : List.of(BlockKind.ATTENTION, BlockKind.FFN, BlockKind.NORMS))
            assertArrayEquals(expected, map(s, n, kind), s + " " + kind);
    }

    @Test
    void takaseKiyonoExamplesSixOverThree() {
        assertAllKinds(SharingScheme.sequence(3), 6, 0, 0, 1, 1, 2, 2);
        assertAllKinds(SharingScheme.cycle(3), 6, 0, 1, 2, 0, 1, 2);
        assertAllKinds(SharingScheme.cycleRev(3), 6, 0, 1, 2, 2, 1, 0);
    }

    @Test
    void layerCountsNotAMultipleOfBlocks() {
        assertAllKinds(SharingScheme.sequence(3), 7, 0, 0, 0, 1, 1, 2, 2);
        assertAllKinds(SharingScheme.sequence(3), 8, 0, 0, 0, 1, 1, 1, 2, 2);
        assertAllKinds(SharingScheme.cycle(3), 7, 0, 1, 2, 0, 1, 2, 0);
        assertAllKinds(SharingScheme.cycleRev(3), 7, 0, 1, 2, 0, 1, 2, 2);
        assertAllKinds(SharingScheme.cycleRev(3), 5, 0, 1, 2, 2, 1);
        assertAllKinds(SharingScheme.cycleRev(3), 3, 0, 1, 2);
        assertAllKinds(SharingScheme.cycleRev(6), 12, 0, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 0);
        assertAllKinds(SharingScheme.cycleRev(2), 6, 0, 1, 0, 1, 1, 0);
    }

    @Test
    void sequenceCycleAndCycleRevAlwaysUseExactlyMBlocks() {
        for (int n = 1; n <= 13; n++)
            for (int m = 1; m <= n; m++)
                for (SharingScheme s : List.of(SharingScheme.sequence(m), SharingScheme.cycle(m),
                        SharingScheme.cycleRev(m))) {
                    long distinct = java.util.Arrays.stream(map(s, n, BlockKind.FFN)).distinct().count();
                    assertEquals(m, distinct, s + " over " + n + " layers");
                }
    }

    @Test
    void simpleSchemes() {
        assertAllKinds(SharingScheme.NONE, 4, 0, 1, 2, 3);
        assertAllKinds(SharingScheme.ALL, 4, 0, 0, 0, 0);
        assertAllKinds(SharingScheme.SANDWICH, 5, 0, 1, 1, 1, 2);
        assertAllKinds(SharingScheme.SANDWICH, 2, 0, 1);
        assertArrayEquals(new int[] {0, 0, 0, 0}, map(SharingScheme.ATTENTION_ONLY, 4, BlockKind.ATTENTION));
        assertArrayEquals(new int[] {0, 1, 2, 3}, map(SharingScheme.ATTENTION_ONLY, 4, BlockKind.FFN));
        assertArrayEquals(new int[] {0, 1, 2, 3}, map(SharingScheme.ATTENTION_ONLY, 4, BlockKind.NORMS));
        assertArrayEquals(new int[] {0, 1, 2, 3}, map(SharingScheme.FFN_ONLY, 4, BlockKind.ATTENTION));
        assertArrayEquals(new int[] {0, 0, 0, 0}, map(SharingScheme.FFN_ONLY, 4, BlockKind.FFN));
    }

    @Test
    void layerSchemesKeepStacksApart() {
        TransformerConfig c = layers(3, 3);
        assertNotEquals(SharingScheme.ALL.blockFor(c, Stack.ENCODER, 0, BlockKind.ATTENTION),
                SharingScheme.ALL.blockFor(c, Stack.DECODER, 0, BlockKind.ATTENTION));
        assertEquals(SharingScheme.ALL.blockFor(c, Stack.DECODER, 0, BlockKind.CROSS_ATTENTION),
                SharingScheme.ALL.blockFor(c, Stack.DECODER, 2, BlockKind.CROSS_ATTENTION));
    }

    @Test
    void encoderDecoderReusesEncoderBlocks() {
        TransformerConfig c = layers(4, 3);
        SharingScheme s = SharingScheme.ENCODER_DECODER;
        for (int i = 0; i < 3; i++) {
            assertEquals(new BlockKey(Stack.ENCODER, BlockKind.ATTENTION, i),
                    s.blockFor(c, Stack.DECODER, i, BlockKind.ATTENTION));
            assertEquals(new BlockKey(Stack.ENCODER, BlockKind.FFN, i), s.blockFor(c, Stack.DECODER, i, BlockKind.FFN));
            assertEquals(new BlockKey(Stack.DECODER, BlockKind.CROSS_ATTENTION, i),
                    s.blockFor(c, Stack.DECODER, i, BlockKind.CROSS_ATTENTION));
            assertEquals(new BlockKey(Stack.DECODER, BlockKind.NORMS, i), s.blockFor(c, Stack.DECODER, i, BlockKind.NORMS));
        }
        assertEquals(new BlockKey(Stack.ENCODER, BlockKind.ATTENTION, 3), s.blockFor(c, Stack.ENCODER, 3, BlockKind.ATTENTION));
    }

    @Test
    void positionsOutsideTheModelAreRefused() {
        TransformerConfig c = layers(2, 0);
        assertThrows(IllegalArgumentException.class, () -> SharingScheme.NONE.blockFor(c, Stack.ENCODER, 2, BlockKind.FFN));
        assertThrows(IllegalArgumentException.class,
                () -> SharingScheme.NONE.blockFor(c, Stack.ENCODER, 0, BlockKind.CROSS_ATTENTION));
    }

    @Test
    void parseRoundTrips() {
        for (String s : List.of("none", "all", "attention-only", "ffn-only", "sequence:3", "cycle:3", "cycle-rev:3",
                "sandwich", "encoder-decoder", "cycle:12")) {
            SharingScheme scheme = SharingScheme.parse(s);
            assertEquals(s, scheme.toString());
            assertEquals(scheme, SharingScheme.parse(scheme.toString()));
        }
        assertEquals(SharingScheme.cycleRev(4), SharingScheme.parse("  Cycle-Rev:4 "));
        assertEquals(SharingScheme.ALL, SharingScheme.parse("all"));
    }

    @Test
    void parseErrorsAreClear() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> SharingScheme.parse("albert"));
        assertTrue(unknown.getMessage().contains("albert"), unknown.getMessage());
        for (String valid : List.of("none", "all", "attention-only", "ffn-only", "sequence:M", "cycle:M",
                "cycle-rev:M", "sandwich", "encoder-decoder"))
            assertTrue(unknown.getMessage().contains(valid), unknown.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SharingScheme.parse("cycle"))
                .getMessage().contains("cycle:3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SharingScheme.parse("cycle:x"))
                .getMessage().contains("integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SharingScheme.parse("sequence:0"))
                .getMessage().contains(">= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SharingScheme.parse("all:2"))
                .getMessage().contains("no argument"));
        assertThrows(IllegalArgumentException.class, () -> SharingScheme.parse(null));
    }
}
