package hetero.model.device;

import hetero.model.ModelWeights;
import hetero.model.ParameterAccounting;
import hetero.model.SharingScheme;
import hetero.model.TransformerConfig;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import static hetero.model.device.DeviceForwardTest.small;
import static hetero.model.device.DeviceForwardTest.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sharing is aliasing: what the runtime allocates and copies follows the scheme. */
class SharingOnDeviceTest {
    @Test
    void withAllSharingTheDeviceHoldsOneLayerOfWeightsPlusTheEmbeddingsCopiedOnce() {
        int batch = 1, seq = 6, layers = 3;
        TransformerConfig config = small().encoderLayers(layers).kvHeads(4).build();   // MHA: the closed form below
        int d = config.dModel(), f = config.dFF();
        long layerParams = 4L * d * d + 2L * d * f + 9L * d + f;   // DESIGN.md section 8
        long embeddings = (long) config.vocabulary() * d;
        int[] ids = tokens(1, seq, config.vocabulary());
        for (Device dev : Devices.list()) {
            long[] weightBytes = new long[2], firstUseExtra = new long[2];
            int i = 0;
            for (String scheme : new String[] {"all", "none"}) {
                ModelWeights w = ModelWeights.initialize(config, SharingScheme.parse(scheme));
                try (DeviceForward fwd = DeviceForward.encoder(w, ForwardOptions.defaults(), batch, seq, dev)) {
                    fwd.source(ids, null);
                    ExecutionResult first = fwd.execute(), second = fwd.execute();
                    DeviceMemory m = fwd.memory();
                    long inputs = 4L * seq + 4L * batch;   // token ids + valid lengths, copied every execution
                    // besides weights and inputs the first execution copies a few first-use scratch arrays (the same for every scheme)
                    firstUseExtra[i] = first.bytesIn() - m.weightBytes() - inputs;
                    assertEquals(inputs, second.bytesIn(), dev.id() + " " + scheme + ": later executions copy only the inputs");
                    assertEquals(m.totalBytes(), second.deviceBytes(), dev.id() + " " + scheme + ": accounted bytes = device bytes");
                    weightBytes[i++] = m.weightBytes();
                }
            }
            assertEquals(firstUseExtra[0], firstUseExtra[1], dev.id() + ": the first execution copies each distinct weight once, whatever the scheme");
            assertEquals(4 * (layerParams + embeddings), weightBytes[0], dev.id() + " all: one layer + embeddings");
            assertEquals(4 * (layers * layerParams + embeddings), weightBytes[1], dev.id() + " none: L layers + embeddings");
            // the encoder never reads the (untied) output projection, so it is the only unique tensor not on the device
            ParameterAccounting acc = ParameterAccounting.of(config, SharingScheme.parse("all"));
            assertEquals(acc.uniqueBytes() - 4 * embeddings, weightBytes[0], dev.id() + ": device weights = unique parameters - output projection");
        }
    }
}
