package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.target.EmptyTargetSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Wraps {@link DataSource} beans with {@link CheckpointDataSource}. The bean is replaced by a proxy
 * of its own class (or of all its interfaces, for a class with final methods) that sends the {@link
 * DataSource} methods to the recording wrapper and every other method to the original, so that code
 * injecting the pool's concrete type, and the pool's lifecycle, go on working.
 */
public final class DataSourceWrapper implements BeanPostProcessor, Ordered {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(DataSourceWrapper.class.getName());

  private final ObjectProvider<Instrumenter> recorder;

  /**
   * Creates the post-processor.
   *
   * @param recorder the recorder, looked up when the first data source is wrapped
   */
  public DataSourceWrapper(ObjectProvider<Instrumenter> recorder) {
    this.recorder = recorder;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof DataSource dataSource)
        || bean instanceof CheckpointDataSource
        || ScopedProxyUtils.isScopedTarget(beanName)
        || isWrapped(dataSource)) {
      return bean;
    }
    try {
      return proxy(dataSource, CheckpointDataSource.wrap(dataSource, recorder.getObject()));
    } catch (RuntimeException e) {
      LOG.failed("Wrapping the DataSource bean '" + beanName + "'", e);
      return bean;
    }
  }

  @Override
  public int getOrder() {
    // Last, so that the wrapper sees the data source other post-processors produced.
    return Ordered.LOWEST_PRECEDENCE;
  }

  private static boolean isWrapped(DataSource dataSource) {
    try {
      return dataSource.isWrapperFor(CheckpointDataSource.class);
    } catch (Exception e) {
      return false;
    }
  }

  private static Object proxy(DataSource original, CheckpointDataSource recording) {
    Class<?> type = original.getClass();
    // No target: every call goes through the advice, and Spring AOP does not swap the original,
    // when unwrap returns it, for the proxy.
    ProxyFactory factory = new ProxyFactory();
    factory.setTargetSource(EmptyTargetSource.forClass(type));
    if (canSubclass(type)) {
      factory.setProxyTargetClass(true);
    } else {
      factory.setInterfaces(ClassUtils.getAllInterfaces(original));
    }
    factory.addAdvice(new Dispatch(original, recording));
    return factory.getProxy(type.getClassLoader());
  }

  /**
   * Whether a subclass proxy can route every public method: a final one would run on the proxy's
   * own, uninitialised fields instead of the original's.
   */
  private static boolean canSubclass(Class<?> type) {
    if (Modifier.isFinal(type.getModifiers())) {
      return false;
    }
    for (Method method : type.getMethods()) {
      if (method.getDeclaringClass() != Object.class && Modifier.isFinal(method.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** Sends the {@link DataSource} methods to the recording wrapper, the others to the original. */
  private static final class Dispatch implements MethodInterceptor {
    /** Each proxied method's {@link DataSource} counterpart, or {@link #NONE}. */
    private static final Map<Method, Method> TARGETS = new ConcurrentHashMap<>();

    private static final Method NONE = ReflectionUtils.findMethod(Object.class, "toString");

    private final DataSource original;
    private final CheckpointDataSource recording;

    Dispatch(DataSource original, CheckpointDataSource recording) {
      this.original = original;
      this.recording = recording;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
      Method method = invocation.getMethod();
      Method target = TARGETS.computeIfAbsent(method, Dispatch::dataSourceMethod);
      return target == NONE
          ? AopUtils.invokeJoinpointUsingReflection(original, method, invocation.getArguments())
          : AopUtils.invokeJoinpointUsingReflection(recording, target, invocation.getArguments());
    }

    private static Method dataSourceMethod(Method method) {
      Method dataSourceMethod =
          ReflectionUtils.findMethod(
              DataSource.class, method.getName(), method.getParameterTypes());
      return dataSourceMethod == null ? NONE : dataSourceMethod;
    }
  }
}
