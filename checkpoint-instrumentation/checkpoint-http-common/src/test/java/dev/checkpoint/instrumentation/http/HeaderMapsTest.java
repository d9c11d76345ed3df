package dev.checkpoint.instrumentation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMapsTest {

  @Test
  void namesAreLowerCasedSortedAndRepeatedValuesJoined() {
    Map<String, String> headers = HeaderMaps.empty();
    HeaderMaps.add(headers, "Content-Type", "application/json");
    HeaderMaps.add(headers, "X-Trace", "a");
    HeaderMaps.add(headers, "accept", "text/html");
    HeaderMaps.add(headers, "x-TRACE", "b");
    HeaderMaps.add(headers, "Content-Type", "text/plain");

    assertThat(headers)
        .containsExactly(
            Map.entry("accept", "text/html"),
            Map.entry("content-type", "application/json, text/plain"),
            Map.entry("x-trace", "a, b"));
  }

  @Test
  void ofSkipsPseudoHeadersAndNullNames() {
    Map<String, List<String>> given = new HashMap<>();
    given.put(null, List.of("HTTP/1.1 200 OK"));
    given.put(":status", List.of("200"));
    given.put("Set-Cookie", List.of("a=1", "b=2"));

    assertThat(HeaderMaps.of(given)).containsExactly(Map.entry("set-cookie", "a=1, b=2"));
  }

  @Test
  void namesBeyondTheKeptOnesAreStillLowerCasedAndNotKept() {
    for (int i = 0; i < HeaderMaps.NAMES_KEPT * 3; i++) {
      assertThat(HeaderMaps.lowerCase("X-Name-" + i)).isEqualTo("x-name-" + i);
    }
    assertThat(HeaderMaps.lowerCase("Content-Type")).isEqualTo("content-type");
    assertThat(HeaderMaps.lowerCase("ALREADY")).isEqualTo("already");
    assertThat(HeaderMaps.namesKept()).isEqualTo(HeaderMaps.NAMES_KEPT);
  }

  @Test
  void aNameInLowerCaseIsGivenBackAsItIs() {
    String name = new String("content-length");
    assertThat(HeaderMaps.lowerCase(name)).isSameAs(name);
  }
}
