/**
 * HTTP capture shared by Checkpoint's HTTP instrumentations (the servlet filter, the HTTP clients,
 * the Spring Boot starter and the agent): body buffering, header and body shapes, and the lifecycle
 * of one HTTP checkpoint. For instrumentation authors; applications do not use it.
 */
package dev.checkpoint.instrumentation.http;
