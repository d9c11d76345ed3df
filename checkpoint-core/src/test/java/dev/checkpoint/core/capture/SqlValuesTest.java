package dev.checkpoint.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLData;
import java.sql.SQLException;
import java.sql.SQLInput;
import java.sql.SQLOutput;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;
import javax.sql.rowset.serial.SerialStruct;
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
  void streamsAreNeverReadButNamed() throws Exception {
    ByteArrayInputStream bytes = new ByteArrayInputStream(new byte[3]);
    StringReader text = new StringReader("x");

    assertThat(SqlValues.toJson(bytes, 99)).isEqualTo("<InputStream>");
    assertThat(SqlValues.toJson(text, 99)).isEqualTo("<Reader>");
    assertThat(bytes.available()).isEqualTo(3);
    assertThat(text.read()).isEqualTo('x');
  }

  @Test
  void largeAndVendorObjectsOfADriverAreNamedByTheirJdbcType() throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:h2:mem:sql-values-" + UUID.randomUUID());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT 1")) {
      Blob blob = connection.createBlob();
      blob.setBytes(1, new byte[] {1, 2});
      Clob clob = connection.createClob();
      clob.setString(1, "text");
      NClob nclob = connection.createNClob();
      nclob.setString(1, "text");
      SQLXML xml = connection.createSQLXML();
      xml.setString("<a/>");

      assertThat(SqlValues.toJson(blob, 99)).isEqualTo("<Blob>");
      assertThat(SqlValues.toJson(clob, 99)).isEqualTo("<Clob>");
      assertThat(SqlValues.toJson(nclob, 99)).isEqualTo("<Clob>");
      assertThat(SqlValues.toJson(xml, 99)).isEqualTo("<SQLXML>");
      assertThat(SqlValues.toJson(connection.createArrayOf("INTEGER", new Object[] {1}), 99))
          .isEqualTo("<Array>");
      assertThat(SqlValues.toJson(result, 99)).isEqualTo("<ResultSet>");
      assertThat(result.next()).isTrue();
    }
    assertThat(SqlValues.toJson(new SerialStruct(new Point(1, 2), Map.of()), 99))
        .isEqualTo("<Struct>");
  }

  /*
   * No driver in the build gives a Ref or a RowId, so these stand in for a vendor's: any read of
   * them fails the test, which is the point of a placeholder.
   */
  @Test
  void referencesAndRowIdsAreNamedWithoutBeingRead() {
    assertThat(SqlValues.toJson(unreadable(Ref.class), 99)).isEqualTo("<Ref>");
    assertThat(SqlValues.toJson(unreadable(RowId.class), 99)).isEqualTo("<RowId>");
  }

  private static <T> T unreadable(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            SqlValuesTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new AssertionError(type.getSimpleName() + " was read: " + method.getName());
            }));
  }

  /** A user-defined SQL type, as an application maps one with {@link SQLData}. */
  private record Point(int x, int y) implements SQLData {
    @Override
    public String getSQLTypeName() {
      return "POINT";
    }

    @Override
    public void readSQL(SQLInput stream, String typeName) {
      throw new UnsupportedOperationException("Point is only written");
    }

    @Override
    public void writeSQL(SQLOutput stream) throws SQLException {
      stream.writeInt(x);
      stream.writeInt(y);
    }
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
