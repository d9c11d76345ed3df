package dev.checkpoint.server.internal.storage;

/**
 * How much a trace's checkpoints weigh when read with their payloads.
 *
 * @param payloadChars the length of their input, output, attributes and error text together
 */
public record TraceSize(int checkpoints, long payloadChars) {}
