package uk.ac.manchester.tornado.api;

/**
 * The global and (optionally) local work sizes of one task's launch. Local work left null lets
 * the driver choose.
 */
public interface WorkerGrid {
    int dimension();

    long[] getGlobalWork();

    /** The local work size per dimension, or null to let the driver choose. */
    long[] getLocalWork();

    void setGlobalWork(long x, long y, long z);

    void setLocalWork(long x, long y, long z);

    void setLocalWorkToNull();

    /** Work-groups per dimension (global / local, rounded up); null without a local size. */
    long[] getNumberOfWorkgroups();
}
