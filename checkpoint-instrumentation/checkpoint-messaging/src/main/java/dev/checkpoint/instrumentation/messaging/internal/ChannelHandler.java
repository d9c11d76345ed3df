package dev.checkpoint.instrumentation.messaging.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Recoverable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Behind a recording {@link Channel}: records {@code basicPublish} and {@code basicGet}, and wraps
 * the {@link Consumer} or {@link DeliverCallback} given to {@code basicConsume}. Every other method
 * goes straight to the channel.
 */
public final class ChannelHandler implements InvocationHandler {

  private final Channel delegate;
  private final MessageRecording recording;

  private ChannelHandler(Channel delegate, MessageRecording recording) {
    this.delegate = delegate;
    this.recording = recording;
  }

  /**
   * Wraps a channel. The wrapper is also {@link Recoverable} when the channel is, so that recovery
   * listeners can still be added to an auto-recovering channel.
   *
   * @param channel the channel
   * @param recording the recording
   * @return the recording channel
   */
  public static Channel wrap(Channel channel, MessageRecording recording) {
    Class<?>[] types =
        channel instanceof Recoverable
            ? new Class<?>[] {Channel.class, Recoverable.class}
            : new Class<?>[] {Channel.class};
    return (Channel)
        Proxy.newProxyInstance(
            ChannelHandler.class.getClassLoader(), types, new ChannelHandler(channel, recording));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    int arity = args == null ? 0 : args.length;
    switch (method.getName()) {
      case "equals" -> {
        if (arity == 1) {
          return proxy == args[0];
        }
      }
      case "hashCode" -> {
        if (arity == 0) {
          return System.identityHashCode(proxy);
        }
      }
      case "basicPublish" -> {
        // Off, nothing but the proxy's own argument array: no parameter types, lambda or copy.
        return recording.isEnabled() ? publish(method, args) : call(method, args);
      }
      case "basicConsume" -> {
        return call(method, withRecordingConsumer(args));
      }
      case "basicGet" -> {
        GetResponse response = (GetResponse) call(method, args);
        recording.received((String) args[0], response);
        return response;
      }
      default -> {}
    }
    return call(method, args);
  }

  private Object publish(Method method, Object[] args) throws Throwable {
    Class<?>[] types = method.getParameterTypes();
    int propertiesAt = indexOf(types, AMQP.BasicProperties.class);
    if (propertiesAt < 0) {
      return call(method, args);
    }
    return recording.publish(
        (String) args[0],
        (String) args[1],
        (AMQP.BasicProperties) args[propertiesAt],
        (byte[]) args[args.length - 1],
        properties -> {
          Object[] sent = args.clone();
          sent[propertiesAt] = properties;
          return call(method, sent);
        });
  }

  private Object[] withRecordingConsumer(Object[] args) {
    String queue = (String) args[0];
    Object[] wrapped = args.clone();
    for (int i = 1; i < wrapped.length; i++) {
      if (wrapped[i] instanceof RecordingConsumer) {
        continue;
      }
      if (wrapped[i] instanceof Consumer consumer) {
        wrapped[i] = new RecordingConsumer(consumer, queue, recording);
      } else if (wrapped[i] instanceof DeliverCallback callback) {
        wrapped[i] =
            (DeliverCallback)
                (tag, delivery) ->
                    recording.consume(
                        queue,
                        delivery.getEnvelope(),
                        delivery.getProperties(),
                        delivery.getBody(),
                        () -> callback.handle(tag, delivery));
      }
    }
    return wrapped;
  }

  private static int indexOf(Class<?>[] types, Class<?> type) {
    for (int i = 0; i < types.length; i++) {
      if (types[i] == type) {
        return i;
      }
    }
    return -1;
  }

  private Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
