/**
 * Jakarta Servlet instrumentation: {@link dev.checkpoint.instrumentation.servlet.CheckpointFilter}
 * records each request as an {@code HTTP_SERVER} checkpoint, and {@link
 * dev.checkpoint.instrumentation.servlet.CheckpointControlServlet} mounts the control endpoint.
 */
package dev.checkpoint.instrumentation.servlet;
