package dev.checkpoint.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SqlValuesTest {

  @Test
  void plainValuesStayAsTheyAre() {
    assertThat(SqlValues.toJson(null, 10)).isNull();
    assertThat(SqlValues.toJson(42L, 10)).isEqualTo(42L);
    assertThat(SqlValues.toJson(new BigDecimal("12.50"), 10)).isEqualTo(new BigDecimal("12.50"));
    assertThat(SqlValues.toJson(true, 10)).isEqualTo(true);
    assertThat(SqlValues.toJson("text", 10)).isEqualTo("text");
  }

  @Test
  void numbersOfEveryWidthKeepTheirType() {
    assertThat(SqlValues.toJson(7, 10)).isEqualTo(7);
    assertThat(SqlValues.toJson((short) 7, 10)).isEqualTo((short) 7);
    assertThat(SqlValues.toJson((byte) 7, 10)).isEqualTo((byte) 7);
    assertThat(SqlValues.toJson(1.5d, 10)).isEqualTo(1.5d);
    assertThat(SqlValues.toJson(1.5f, 10)).isEqualTo(1.5f);
    assertThat(SqlValues.toJson(new BigInteger("123456789012345678901234567890"), 10))
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void temporalValuesBecomeIsoTextAsTheDatabaseShowsThem() {
    assertThat(SqlValues.toJson(Timestamp.valueOf(LocalDateTime.of(2026, 11, 23, 10, 15, 30)), 99))
        .isEqualTo("2026-11-23T10:15:30");
    assertThat(SqlValues.toJson(Date.valueOf(LocalDate.of(2026, 11, 23)), 99))
        .isEqualTo("2026-11-23");
    assertThat(SqlValues.toJson(Time.valueOf(LocalTime.of(10, 15, 30)), 99)).isEqualTo("10:15:30");
  }

  @Test
  void bytesBecomeBase64AndVendorObjectsTheirText() {
    assertThat(SqlValues.toJson(new byte[] {0, 1, 2, (byte) 255}, 99)).isEqualTo("AAEC/w==");
    UUID id = UUID.fromString("4b1e8f6a-3c1d-4a6e-9c1e-0f8c9c1e6c1a");
    assertThat(SqlValues.toJson(id, 99)).isEqualTo(id.toString());
  }

  @Test
  void streamsAreNeverReadButNamed() {
    assertThat(SqlValues.toJson(new ByteArrayInputStream(new byte[3]), 99))
        .isEqualTo("<InputStream>");
    assertThat(SqlValues.toJson(new StringReader("x"), 99)).isEqualTo("<Reader>");
  }

  @Test
  void longTextIsCutToBoundMemory() {
    assertThat(SqlValues.toJson("abcdefghij", 4)).isEqualTo("abcd");
    assertThat(SqlValues.toJson(new byte[] {0, 1, 2, (byte) 255}, 4)).isEqualTo("AAEC");
  }

  @Test
  void sizesAreEstimatedFromTheJsonForm() {
    assertThat(SqlValues.estimatedSize("abc")).isEqualTo(5);
    assertThat(SqlValues.estimatedSize(42L)).isEqualTo(8);
    assertThat(SqlValues.estimatedSize(null)).isEqualTo(8);
  }
}
