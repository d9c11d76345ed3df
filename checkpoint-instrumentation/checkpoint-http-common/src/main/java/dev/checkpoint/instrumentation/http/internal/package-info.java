/**
 * HTTP capture shared by the servlet and HTTP client instrumentation: body buffering, header and
 * body shapes, and the lifecycle of one HTTP checkpoint. Not a promise to users; may change in any
 * release.
 */
package dev.checkpoint.instrumentation.http.internal;
