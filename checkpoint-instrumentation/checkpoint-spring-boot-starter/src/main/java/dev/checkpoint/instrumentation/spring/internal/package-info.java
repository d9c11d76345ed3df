/**
 * The starter's implementation: recorder creation from the properties, the Spring MVC route
 * resolver, the recording of HTTP client responses and reactive bodies, the data source wrapper and
 * the {@code @Checkpoint} method interceptor. Not a promise to users; may change in any release.
 */
package dev.checkpoint.instrumentation.spring.internal;
