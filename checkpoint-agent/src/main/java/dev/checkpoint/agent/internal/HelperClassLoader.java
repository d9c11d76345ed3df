package dev.checkpoint.agent.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads the instrumentation that is compiled against an application library (the Servlet API,
 * OkHttp, Spring's {@code WebClient}, the RabbitMQ, Kafka and Redis clients) next to the class
 * loader that has that library, which the agent's own class loader does not see in a container or a
 * Spring Boot jar. One per application class loader.
 *
 * <p>It defines those classes itself from the agent jar; the rest of the agent (the recorder, the
 * shaded Jackson) comes from the agent's class loader, so that there is one recorder; everything
 * else from the application's class loader.
 */
final class HelperClassLoader extends ClassLoader {

  /**
   * Written with the library's package names: the shade plugin relocates these strings with the
   * classes.
   */
  private static final String[] OWN = {
    "dev.checkpoint.instrumentation.servlet.",
    "dev.checkpoint.instrumentation.httpclient.",
    "dev.checkpoint.instrumentation.messaging.",
    "dev.checkpoint.instrumentation.kafka.",
    "dev.checkpoint.instrumentation.redis.",
    "dev.checkpoint.instrumentation.spring.",
    "dev.checkpoint.agent.internal.adapters.",
  };

  private static final String AGENT = "dev.checkpoint.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader agent;

  HelperClassLoader(ClassLoader application, ClassLoader agent) {
    super("checkpoint-agent-helper", application);
    this.agent = agent;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(AGENT)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = owns(name) ? define(name) : agent.loadClass(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private static boolean owns(String name) {
    for (String prefix : OWN) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private Class<?> define(String name) throws ClassNotFoundException {
    String resource = name.replace('.', '/') + ".class";
    try (InputStream in = agent.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
