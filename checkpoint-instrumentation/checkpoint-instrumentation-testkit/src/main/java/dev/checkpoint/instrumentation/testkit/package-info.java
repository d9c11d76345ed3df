/**
 * The shared test suite of HTTP client instrumentation ({@link
 * dev.checkpoint.instrumentation.testkit.AbstractHttpClientInstrumentationTest}) and the local HTTP
 * server and JSON helpers instrumentation tests use.
 */
package dev.checkpoint.instrumentation.testkit;
