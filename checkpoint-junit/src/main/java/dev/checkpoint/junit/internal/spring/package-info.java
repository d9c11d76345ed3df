/**
 * {@code @CheckpointReplay} in Spring tests: the application context of a replaying test class
 * answers SQL from the replaying data source and sends the HTTP calls of Spring's clients to the
 * replay's stub, with the settings Hibernate needs. Loaded by Spring's TestContext framework from
 * {@code META-INF/spring.factories}, so only where the test brings Spring.
 */
package dev.checkpoint.junit.internal.spring;
