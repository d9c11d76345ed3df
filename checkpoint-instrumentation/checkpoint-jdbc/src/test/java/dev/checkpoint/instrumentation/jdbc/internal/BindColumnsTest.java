package dev.checkpoint.instrumentation.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.capture.Redaction;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindColumnsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "INSERT INTO users (id, name, password) VALUES (?, ?, ?) | {1=id, 2=name, 3=password}",
        "insert into public.\"users\" (\"id\", `Pass_Word`) values (?, ?), (?, ?)"
            + " | {1=id, 2=Pass_Word, 3=id, 4=Pass_Word}",
        "INSERT INTO t (a, b, c) VALUES (?, lower(?), ?) | {1=a, 3=c}",
        "INSERT INTO t (a, b) VALUES ('?', ?) | {1=b}",
        "INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO UPDATE SET b = ? | {1=a, 2=b, 3=b}",
        "INSERT INTO t VALUES (?, ?) | {}",
        "INSERT INTO t (a, b) SELECT ?, x FROM s WHERE y = ? | {2=y}",
        "UPDATE users SET password = ?, name = ? WHERE id = ? | {1=password, 2=name, 3=id}",
        "update users u set u.api_token=? where u.id=? | {1=api_token, 2=id}",
        "SELECT * FROM t WHERE a LIKE ? AND b IN (?, ?) AND c >= ? AND d <> ? | {}",
        "-- password = ?\\n SELECT * FROM t WHERE token = ? | {1=token}",
        "{? = call shout(?)} | {}",
        "'broken | {}",
      })
  void mapsParametersToColumnsWhereAScanCanTell(String sql, String columns) {
    assertThat(BindColumns.columns(sql.replace("\\n", "\n")).toString()).isEqualTo(columns);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "INSERT INTO users (id, user_password, apiKey, ssn) VALUES (?, ?, ?, ?) | [2, 3, 4]",
        "UPDATE users SET auth_token = ? WHERE id = ? | [1]",
      })
  void secretIndexesFollowTheRedactionKeys(String sql, String indexes) {
    assertThat(BindColumns.secretIndexes(sql, Redaction.withExtra(List.of("ssn"))))
        .hasToString(indexes);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "INSERT INTO users (name, password) VALUES ('a', 'b'), ('c', 'd''e')"
            + " | INSERT INTO users (name, password) VALUES ('a', '[REDACTED]'), ('c', '[REDACTED]')",
        "UPDATE users SET passphrase='x', name='y' WHERE api_token = 'z' AND note LIKE 'n'"
            + " | UPDATE users SET passphrase='[REDACTED]', name='y' WHERE api_token = '[REDACTED]'"
            + " AND note LIKE 'n'",
        "SELECT * FROM users WHERE \"Secret\" LIKE 's%' AND pin = '1234'"
            + " | SELECT * FROM users WHERE \"Secret\" LIKE '[REDACTED]' AND pin = '[REDACTED]'",
        "-- password = 'x'\\nSELECT 'password' FROM t WHERE status = 'PAID'"
            + " | -- password = 'x'\\nSELECT 'password' FROM t WHERE status = 'PAID'",
        "UPDATE t SET token = 'unterminated | UPDATE t SET token = '[REDACTED]'",
      })
  void literalsOfSecretColumnsAreRedacted(String sql, String expected) {
    assertThat(BindColumns.redactLiterals(sql.replace("\\n", "\n"), Redaction.defaults()))
        .isEqualTo(expected.replace("\\n", "\n"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"SELECT 1", "UPDATE t SET status = 'PAID' WHERE id = ?"})
  void statementsWithoutSecretLiteralsAreTheSameInstance(String sql) {
    assertThat(BindColumns.redactLiterals(sql, Redaction.defaults())).isSameAs(sql);
  }
}
