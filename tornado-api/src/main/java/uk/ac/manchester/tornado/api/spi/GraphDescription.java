package uk.ac.manchester.tornado.api.spi;

import java.io.Serializable;
import java.util.List;

/**
 * A snapshot of a task graph as the runtime receives it: its tasks in order, and the data listed in
 * its transfers with their {@code DataTransferMode}.
 */
public record GraphDescription(String name, List<Task> tasks, List<Transfer> toDevice, List<Transfer> toHost) {
    public GraphDescription {
        tasks = List.copyOf(tasks);
        toDevice = List.copyOf(toDevice);
        toHost = List.copyOf(toHost);
    }

    /** One task: the method reference and its arguments (arrays by identity, scalars by value; none is null). */
    public record Task(String id, Serializable code, List<Object> arguments) {
        public Task {
            arguments = List.copyOf(arguments);
        }
    }

    /** One object listed in a transfer. */
    public record Transfer(int mode, Object data) {
    }
}
