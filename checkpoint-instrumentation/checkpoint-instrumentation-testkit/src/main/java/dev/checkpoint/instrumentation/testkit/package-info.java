/**
 * The shared test suites of HTTP client instrumentation ({@link
 * dev.checkpoint.instrumentation.testkit.AbstractHttpClientInstrumentationTest}) and messaging
 * instrumentation ({@link
 * dev.checkpoint.instrumentation.testkit.AbstractMessagingInstrumentationTest}), the local HTTP
 * server and JSON helpers instrumentation tests use, and {@link
 * dev.checkpoint.instrumentation.testkit.RequiredService} for tests that need a real database or
 * broker.
 */
package dev.checkpoint.instrumentation.testkit;
