package uk.ac.manchester.tornado.api.enums;

/** How a plan reports its profile: printed after each execution, or only through the result. */
public enum ProfilerMode {
    CONSOLE, SILENT
}
