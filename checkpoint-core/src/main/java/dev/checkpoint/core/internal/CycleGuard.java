package dev.checkpoint.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes an object that refers back to one it is part of, such as a JPA entity's back-reference to
 * its parent ({@code pet.owner} inside {@code owner.pets}), as {@code {"cycle": "<class>"}} instead
 * of following it until Jackson's nesting limit of 1000 fails the whole value. Each bean being
 * written is kept on its thread's path with the serializer provider of its {@code writeValue} call
 * (a new one per call), so shared objects that are not on the path are written in full, and a
 * capture started inside another on the same thread (a lazy getter that records its own checkpoint)
 * sees only its own beans.
 */
public final class CycleGuard extends BeanSerializerModifier {

  private static final long serialVersionUID = 1L;

  /**
   * The beans being written on each thread, outermost first. A path per thread instead of a set per
   * call: a captured object is written with a new provider, and an identity set and the provider's
   * attribute map for each were a few percent of what recording allocates.
   */
  private static final ThreadLocal<Path> PATHS = ThreadLocal.withInitial(Path::new);

  @Override
  @SuppressWarnings("unchecked")
  public JsonSerializer<?> modifySerializer(
      SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
    return serializer instanceof BeanSerializerBase
        ? new Guarded((JsonSerializer<Object>) serializer)
        : serializer;
  }

  private static final class Guarded extends JsonSerializer<Object>
      implements ContextualSerializer, ResolvableSerializer {

    private final JsonSerializer<Object> delegate;

    Guarded(JsonSerializer<Object> delegate) {
      this.delegate = delegate;
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      Path path = enter(value, generator, provider);
      if (path != null) {
        try {
          delegate.serialize(value, generator, provider);
        } finally {
          path.pop();
        }
      }
    }

    @Override
    public void serializeWithType(
        Object value,
        JsonGenerator generator,
        SerializerProvider provider,
        TypeSerializer typeSerializer)
        throws IOException {
      Path path = enter(value, generator, provider);
      if (path != null) {
        try {
          delegate.serializeWithType(value, generator, provider, typeSerializer);
        } finally {
          path.pop();
        }
      }
    }

    /**
     * Puts a bean on the path being written, or, when it is on it already, writes the marker.
     *
     * @return the path, to take the bean off once written; {@code null} when the marker was written
     *     instead
     */
    private static Path enter(Object value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      Path path = PATHS.get();
      if (!path.contains(provider, value)) {
        path.push(provider, value);
        return path;
      }
      generator.writeStartObject();
      generator.writeStringField("cycle", value.getClass().getName());
      generator.writeEndObject();
      return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
        throws JsonMappingException {
      if (!(delegate instanceof ContextualSerializer contextual)) {
        return this;
      }
      JsonSerializer<?> created = contextual.createContextual(provider, property);
      return created == delegate ? this : new Guarded((JsonSerializer<Object>) created);
    }

    @Override
    public void resolve(SerializerProvider provider) throws JsonMappingException {
      if (delegate instanceof ResolvableSerializer resolvable) {
        resolvable.resolve(provider);
      }
    }

    // An unwrapped bean writes its fields into its parent's object: no room for a marker there.
    @Override
    public JsonSerializer<Object> unwrappingSerializer(NameTransformer unwrapper) {
      return delegate.unwrappingSerializer(unwrapper);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Object value) {
      return delegate.isEmpty(provider, value);
    }

    @Override
    public boolean usesObjectId() {
      return delegate.usesObjectId();
    }

    @Override
    public Class<Object> handledType() {
      return delegate.handledType();
    }
  }

  /**
   * The beans on one thread's path, each with the provider of the {@code writeValue} call writing
   * it. A linear scan: a path is as deep as the value's nesting of beans, a few levels in practice
   * and at most Jackson's nesting limit.
   */
  private static final class Path {

    /** Above this many slots an emptied path gives its array back, so a deep value is not kept. */
    private static final int KEPT_SLOTS = 64;

    private Object[] slots = new Object[16];
    private int size;

    boolean contains(SerializerProvider provider, Object value) {
      for (int i = size - 2; i >= 0; i -= 2) {
        if (slots[i + 1] == value && slots[i] == provider) {
          return true;
        }
      }
      return false;
    }

    void push(SerializerProvider provider, Object value) {
      if (size == slots.length) {
        slots = Arrays.copyOf(slots, size * 2);
      }
      slots[size++] = provider;
      slots[size++] = value;
    }

    void pop() {
      slots[--size] = null;
      slots[--size] = null;
      if (size == 0 && slots.length > KEPT_SLOTS) {
        slots = new Object[16];
      }
    }
  }
}
