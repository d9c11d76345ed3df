package dev.checkpoint.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration used to capture application values. */
public final class JsonCodec {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new Jdk8Module())
          // Entity graphs refer back to their parents: cut the cycle where it closes.
          .registerModule(new SimpleModule().setSerializerModifier(new CycleGuard()))
          // An object without properties is recorded as {} rather than failing the capture.
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          // ISO-8601 text is readable in assets and recognised by the timestamp detector.
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private JsonCodec() {}

  /**
   * The shared, thread-safe mapper.
   *
   * @return the mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
