package uk.ac.manchester.tornado.api;

import uk.ac.manchester.tornado.api.spi.GraphDescription;

/** A frozen task graph, from {@link TaskGraph#snapshot()}; plans are built from these. */
public final class ImmutableTaskGraph {
    private final GraphDescription description;

    ImmutableTaskGraph(GraphDescription description) {
        this.description = description;
    }

    GraphDescription description() {
        return description;
    }

    public String getTaskGraphName() {
        return description.name();
    }
}
