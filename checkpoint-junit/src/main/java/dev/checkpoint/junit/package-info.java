/**
 * JUnit Jupiter support for recorded checkpoints: {@link dev.checkpoint.junit.CheckpointSource}
 * turns a component's recorded calls into parameterized test cases, and {@link
 * dev.checkpoint.junit.CheckpointAssertions} compares what the component returns now with what it
 * returned then; {@link dev.checkpoint.junit.Equalizer} replays many recorded calls in one test and
 * reports how many were equal, different or failed. {@link dev.checkpoint.junit.CheckpointScenario}
 * marks a test as a scenario, so that {@code checkpoint run} records what it causes.
 */
package dev.checkpoint.junit;
