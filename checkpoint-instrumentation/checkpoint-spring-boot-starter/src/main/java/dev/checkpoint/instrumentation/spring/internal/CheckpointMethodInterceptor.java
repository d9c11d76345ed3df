package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.spi.MethodPlan;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * Records a call to a {@link Checkpoint} method of a Spring bean, the way {@code Checkpoints.wrap}
 * records one of a plain Java interface: named {@code SimpleTypeName.method} unless the annotation
 * names it, the arguments keyed by parameter name as input, the ones Spring supplies left out or
 * summarised ({@link SpringArguments}). A bean that is itself an interface proxy, such as a Spring
 * Data repository, is named by its interface ({@code OwnerRepository.findByLastName}), not by the
 * class behind it. Which methods the annotation covers is {@link CheckpointTargets}'s rule.
 */
public final class CheckpointMethodInterceptor implements MethodInterceptor {

  private static final MethodMatcher METHODS =
      new StaticMethodMatcher() {
        @Override
        public boolean matches(Method method, Class<?> targetClass) {
          return CheckpointTargets.find(AopUtils.getMostSpecificMethod(method, targetClass))
              != null;
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

  /**
   * Selects the methods the annotation covers and a Spring proxy can intercept, for one application
   * context.
   *
   * @return a new pointcut
   */
  public static Pointcut pointcut() {
    CheckpointTargets targets = new CheckpointTargets();
    return new Pointcut() {
      @Override
      public ClassFilter getClassFilter() {
        return targets::proxiable;
      }

      @Override
      public MethodMatcher getMethodMatcher() {
        return METHODS;
      }
    };
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
    Object target = invocation.getThis();
    Class<?> targetType =
        target == null ? invocation.getMethod().getDeclaringClass() : target.getClass();
    return plans.computeIfAbsent(
        new PlanKey(invocation.getMethod(), targetType), key -> newPlan(key.method(), target));
  }

  private static MethodPlan newPlan(Method invoked, Object target) {
    Class<?> targetClass =
        target == null ? invoked.getDeclaringClass() : AopUtils.getTargetClass(target);
    Method method = AopUtils.getMostSpecificMethod(invoked, targetClass);
    CheckpointTargets.Found found = CheckpointTargets.find(method);
    if (found == null) {
      return null;
    }
    return MethodPlan.of(
        method,
        found.onMethod(),
        found.applies(),
        namingType(invoked, target, targetClass).getSimpleName(),
        SpringArguments.INSTANCE);
  }

  /**
   * The type a checkpoint is named after: the bean's class, or, for a bean that is an interface
   * proxy (a Spring Data repository, whose calls end in a class that does not declare them), the
   * first proxied interface that has the method.
   */
  private static Class<?> namingType(Method invoked, Object target, Class<?> targetClass) {
    if (target != null && Proxy.isProxyClass(target.getClass())) {
      Class<?>[] interfaces =
          target instanceof Advised advised
              ? advised.getProxiedInterfaces()
              : target.getClass().getInterfaces();
      for (Class<?> candidate : interfaces) {
        if (invoked.getDeclaringClass().isAssignableFrom(candidate)) {
          return candidate;
        }
      }
    }
    return ClassUtils.getUserClass(targetClass);
  }

  private record PlanKey(Method method, Class<?> targetType) {}
}
