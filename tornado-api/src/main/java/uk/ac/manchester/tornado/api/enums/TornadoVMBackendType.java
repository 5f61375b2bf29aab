package uk.ac.manchester.tornado.api.enums;

/** The kind of backend a device is reached through. JAVA is this project's jvm backend (the reference). */
public enum TornadoVMBackendType {
    OPENCL, PTX, SPIRV, JAVA
}
