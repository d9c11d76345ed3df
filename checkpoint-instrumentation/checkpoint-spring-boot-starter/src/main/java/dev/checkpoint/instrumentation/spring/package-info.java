/**
 * The Checkpoint Spring Boot starter: the {@code checkpoint.*} {@linkplain
 * dev.checkpoint.instrumentation.spring.CheckpointProperties properties}, the auto-configurations
 * that instrument a Spring Boot application, and the {@link
 * dev.checkpoint.instrumentation.spring.CheckpointClientHttpRequestInterceptor} and {@link
 * dev.checkpoint.instrumentation.spring.CheckpointExchangeFilterFunction} for HTTP clients built by
 * hand.
 */
package dev.checkpoint.instrumentation.spring;
