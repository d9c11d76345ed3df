package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.spi.MethodPlan;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Records a call to a {@link Checkpoint} method of a Spring bean, the way {@code Checkpoints.wrap}
 * records one of a plain Java interface: named {@code SimpleClassName.method} unless the annotation
 * names it, the arguments keyed by parameter name as input.
 */
public final class CheckpointMethodInterceptor implements MethodInterceptor {

  /** Methods annotated themselves, or declared by an annotated class. */
  public static final Pointcut POINTCUT =
      new StaticMethodMatcherPointcut() {
        @Override
        public boolean matches(Method method, Class<?> targetClass) {
          return annotation(AopUtils.getMostSpecificMethod(method, targetClass)) != null;
        }
      };

  private static final InstrumentationLog LOG =
      new InstrumentationLog(CheckpointMethodInterceptor.class.getName());

  private final ObjectProvider<Instrumenter> recorderProvider;
  private final Map<PlanKey, MethodPlan> plans = new ConcurrentHashMap<>();
  private volatile Instrumenter recorder;

  /**
   * Creates the interceptor.
   *
   * @param recorder the recorder, looked up on the first call
   */
  public CheckpointMethodInterceptor(ObjectProvider<Instrumenter> recorder) {
    this.recorderProvider = recorder;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Instrumenter current = null;
    MethodPlan plan = null;
    try {
      current = recorder();
      if (current.isEnabled()) {
        plan = plan(invocation);
      }
    } catch (RuntimeException e) {
      LOG.failed("Recording a @Checkpoint method", e);
    }
    if (plan == null) {
      return invocation.proceed();
    }
    return plan.record(current, invocation.getArguments(), invocation::proceed);
  }

  private Instrumenter recorder() {
    Instrumenter current = recorder;
    if (current == null) {
      current = recorderProvider.getObject();
      recorder = current;
    }
    return current;
  }

  private MethodPlan plan(MethodInvocation invocation) {
    Class<?> targetClass =
        invocation.getThis() == null
            ? invocation.getMethod().getDeclaringClass()
            : AopUtils.getTargetClass(invocation.getThis());
    return plans.computeIfAbsent(
        new PlanKey(invocation.getMethod(), targetClass), CheckpointMethodInterceptor::newPlan);
  }

  private static MethodPlan newPlan(PlanKey key) {
    Method method = AopUtils.getMostSpecificMethod(key.method(), key.targetClass());
    Checkpoint onMethod = AnnotatedElementUtils.findMergedAnnotation(method, Checkpoint.class);
    Checkpoint annotation = onMethod != null ? onMethod : onDeclaringClass(method);
    if (annotation == null) {
      return null;
    }
    return MethodPlan.of(
        method, onMethod, annotation, ClassUtils.getUserClass(key.targetClass()).getSimpleName());
  }

  private static Checkpoint annotation(Method method) {
    Checkpoint onMethod = AnnotatedElementUtils.findMergedAnnotation(method, Checkpoint.class);
    return onMethod != null ? onMethod : onDeclaringClass(method);
  }

  private static Checkpoint onDeclaringClass(Method method) {
    Class<?> declaring = method.getDeclaringClass();
    return declaring == Object.class ? null : declaring.getAnnotation(Checkpoint.class);
  }

  private record PlanKey(Method method, Class<?> targetClass) {}
}
