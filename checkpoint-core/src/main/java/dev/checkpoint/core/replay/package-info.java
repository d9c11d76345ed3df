/**
 * Replay mode as instrumentation sees it: a call made while serving a replayed entry request asks
 * its {@link dev.checkpoint.core.RecordingCheckpoint#replay started checkpoint} for the recorded
 * answer, and gives it to the application instead of calling the dependency.
 */
package dev.checkpoint.core.replay;
