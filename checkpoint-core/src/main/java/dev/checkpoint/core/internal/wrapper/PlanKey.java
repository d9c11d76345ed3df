package dev.checkpoint.core.internal.wrapper;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link RecordingAdvice}'s parameter to the key of the wrapped method's plan, a constant of
 * each generated method. Not the instrumented method's own descriptor: for a generic interface that
 * descriptor is the resolved one ({@code String find(Long)}), where the plan is keyed by the
 * declared {@code Object find(Object)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface PlanKey {}
