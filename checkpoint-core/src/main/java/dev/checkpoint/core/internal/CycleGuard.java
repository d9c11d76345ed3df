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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Writes an object that refers back to one it is part of, such as a JPA entity's back-reference to
 * its parent ({@code pet.owner} inside {@code owner.pets}), as {@code {"cycle": "<class>"}} instead
 * of following it until Jackson's nesting limit of 1000 fails the whole value. Each bean being
 * written is kept in an identity set for the one {@code writeValue} call, so shared objects that
 * are not on the path are written in full.
 */
public final class CycleGuard extends BeanSerializerModifier {

  private static final long serialVersionUID = 1L;

  /** The per-call attribute holding the beans on the path being written. */
  private static final Object PATH = new Object();

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
      Set<Object> path = enter(value, generator, provider);
      if (path != null) {
        try {
          delegate.serialize(value, generator, provider);
        } finally {
          path.remove(value);
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
      Set<Object> path = enter(value, generator, provider);
      if (path != null) {
        try {
          delegate.serializeWithType(value, generator, provider, typeSerializer);
        } finally {
          path.remove(value);
        }
      }
    }

    /**
     * Puts a bean on the path being written, or, when it is on it already, writes the marker.
     *
     * @return the path, to take the bean off once written; {@code null} when the marker was written
     *     instead
     */
    private static Set<Object> enter(
        Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      Set<Object> path = path(provider);
      if (path.add(value)) {
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

    @SuppressWarnings("unchecked")
    private static Set<Object> path(SerializerProvider provider) {
      Object path = provider.getAttribute(PATH);
      if (path == null) {
        path = Collections.newSetFromMap(new IdentityHashMap<>());
        provider.setAttribute(PATH, path);
      }
      return (Set<Object>) path;
    }
  }
}
