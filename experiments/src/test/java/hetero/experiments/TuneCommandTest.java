package hetero.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TuneCommandTest {
    @TempDir
    Path dir;

    private static int lab(StringWriter err, String... args) {
        var cl = Lab.commandLine();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void badInputExitsWith2BeforeMeasuringAnything() {
        StringWriter err = new StringWriter();
        assertEquals(Lab.BAD_INPUT, lab(err, "tune", "--device", "opencl:9:9", "-o", dir.toString()));
        assertTrue(err.toString().contains("opencl:9:9"), err.toString());
        assertEquals(Lab.BAD_INPUT, lab(new StringWriter(), "tune", "--device", "jvm", "--iterations", "0", "-o", dir.toString()));
        assertEquals(Lab.BAD_INPUT, lab(new StringWriter(), "tune", "--device", "jvm", "--prune", "-1", "-o", dir.toString()));
        assertEquals(Lab.BAD_INPUT, lab(new StringWriter(), "tune"), "--device is required");
        assertTrue(Files.notExists(dir.resolve("jvm.csv")), "nothing written");
    }
}
