package dev.checkpoint.contracts.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path and query of a recorded URL. Read by hand rather than with {@link java.net.URI}, since
 * the same is read from the URL's normalised form, whose placeholders ({@code <port>}) are not
 * legal in a URI.
 */
public final class Urls {
  private Urls() {}

  /** The path, {@code /} when the URL has none, without decoding. */
  public static String path(String url) {
    String rest = afterAuthority(url);
    int query = rest.indexOf('?');
    String path = query < 0 ? rest : rest.substring(0, query);
    int fragment = path.indexOf('#');
    path = fragment < 0 ? path : path.substring(0, fragment);
    return path.isEmpty() ? "/" : path;
  }

  /** The query's parameters, decoded, in order, each with its values. */
  public static Map<String, List<String>> query(String url) {
    String rest = afterAuthority(url);
    int start = rest.indexOf('?');
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (start < 0) {
      return parameters;
    }
    String query = rest.substring(start + 1);
    int fragment = query.indexOf('#');
    query = fragment < 0 ? query : query.substring(0, fragment);
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  /** A name as one segment of a JSON Pointer. */
  public static String pointerSegment(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static String afterAuthority(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int path = url.indexOf('/', scheme + 3);
    int query = url.indexOf('?', scheme + 3);
    int start = path < 0 ? query : query < 0 ? path : Math.min(path, query);
    return start < 0 ? "" : url.substring(start);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
