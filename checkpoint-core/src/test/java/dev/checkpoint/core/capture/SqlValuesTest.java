package dev.checkpoint.instrumentation.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JdbcValuesTest {

  @Test
  void plainValuesStayAsTheyAre() {
    assertThat(JdbcValues.toJson(null, 10)).isNull();
    assertThat(JdbcValues.toJson(42L, 10)).isEqualTo(42L);
    assertThat(JdbcValues.toJson(new BigDecimal("12.50"), 10)).isEqualTo(new BigDecimal("12.50"));
    assertThat(JdbcValues.toJson(true, 10)).isEqualTo(true);
    assertThat(JdbcValues.toJson("text", 10)).isEqualTo("text");
  }

  @Test
  void temporalValuesBecomeIsoTextAsTheDatabaseShowsThem() {
    assertThat(JdbcValues.toJson(Timestamp.valueOf(LocalDateTime.of(2026, 11, 23, 10, 15, 30)), 99))
        .isEqualTo("2026-11-23T10:15:30");
    assertThat(JdbcValues.toJson(Date.valueOf(LocalDate.of(2026, 11, 23)), 99))
        .isEqualTo("2026-11-23");
    assertThat(JdbcValues.toJson(Time.valueOf(LocalTime.of(10, 15, 30)), 99)).isEqualTo("10:15:30");
  }

  @Test
  void bytesBecomeBase64AndVendorObjectsTheirText() {
    assertThat(JdbcValues.toJson(new byte[] {0, 1, 2, (byte) 255}, 99)).isEqualTo("AAEC/w==");
    UUID id = UUID.fromString("4b1e8f6a-3c1d-4a6e-9c1e-0f8c9c1e6c1a");
    assertThat(JdbcValues.toJson(id, 99)).isEqualTo(id.toString());
  }

  @Test
  void streamsAreNeverReadButNamed() {
    assertThat(JdbcValues.toJson(new ByteArrayInputStream(new byte[3]), 99))
        .isEqualTo("<InputStream>");
    assertThat(JdbcValues.toJson(new StringReader("x"), 99)).isEqualTo("<Reader>");
  }

  @Test
  void longTextIsCutToBoundMemory() {
    assertThat(JdbcValues.toJson("abcdefghij", 4)).isEqualTo("abcd");
  }
}
