package hetero.model;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TransformerConfigTest {

    private static TransformerConfig.Builder base() {
        return TransformerConfig.builder().dModel(64).heads(8).kvHeads(8).dFF(128).encoderLayers(6)
                .decoderLayers(6).vocabulary(100).maxSequence(32);
    }

    private static void assertRefused(TransformerConfig.Builder b, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains(field), () -> "message should name " + field + ": " + e.getMessage());
    }

    @Test
    void derivedSizes() {
        TransformerConfig c = base().kvHeads(2).build();
        assertEquals(8, c.dHead());
        assertEquals(16, c.dKv());
        assertEquals(4, c.queriesPerKvHead());
        assertEquals(3, c.normsPerLayer(Stack.DECODER));
        assertEquals(2, base().encoderLayers(0).build().normsPerLayer(Stack.DECODER));
    }

    @Test
    void invalidFieldsAreNamed() {
        assertRefused(base().heads(7), "heads");
        assertRefused(base().kvHeads(3), "kvHeads");
        assertRefused(base().dModel(0), "dModel");
        assertRefused(base().heads(-1), "heads");
        assertRefused(base().kvHeads(0), "kvHeads");
        assertRefused(base().dFF(0), "dFF");
        assertRefused(base().vocabulary(0), "vocabulary");
        assertRefused(base().maxSequence(-5), "maxSequence");
        assertRefused(base().encoderLayers(-1), "encoderLayers");
        assertRefused(base().decoderLayers(-1), "decoderLayers");
        assertRefused(base().encoderLayers(0).decoderLayers(0), "encoderLayers");
        assertRefused(base().activation(null), "activation");
    }

    @Test
    void schemeMustFitLayerCount() {
        TransformerConfig c = base().encoderLayers(3).decoderLayers(6).build();
        var e = assertThrows(IllegalArgumentException.class,
                () -> TransformerConfig.validate(c, SharingScheme.cycle(4)));
        assertTrue(e.getMessage().contains("encoderLayers"), e.getMessage());
        TransformerConfig.validate(c, SharingScheme.cycle(3));

        var ed = assertThrows(IllegalArgumentException.class,
                () -> TransformerConfig.validate(c, SharingScheme.ENCODER_DECODER));
        assertTrue(ed.getMessage().contains("decoderLayers"), ed.getMessage());
        var encoderOnly = base().decoderLayers(0).build();
        var ed2 = assertThrows(IllegalArgumentException.class,
                () -> TransformerConfig.validate(encoderOnly, SharingScheme.ENCODER_DECODER));
        assertTrue(ed2.getMessage().contains("decoderLayers"), ed2.getMessage());
        // an empty stack does not constrain M
        TransformerConfig.validate(encoderOnly, SharingScheme.sequence(6));
    }

    @Test
    void toBuilderRoundTrips() {
        TransformerConfig c = base().activation(Activation.GELU).normPlacement(NormPlacement.PRE_NORM).seed(7)
                .biases(false).tiedEmbeddings(true).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(4, c.toBuilder().kvHeads(4).build().kvHeads());
    }
}
