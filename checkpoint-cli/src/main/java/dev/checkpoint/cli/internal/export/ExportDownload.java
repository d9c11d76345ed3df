package dev.checkpoint.cli.internal.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One download from a checkpoint server's {@code GET /api/v1/export}: a file, or a zip of files,
 * each named by the server, normalised with the noise rules the runner stored with its run.
 */
public final class ExportDownload {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private final Map<String, byte[]> files;

  private ExportDownload(Map<String, byte[]> files) {
    this.files = files;
  }

  /**
   * Downloads a selection.
   *
   * @param server the server's base URL
   * @param query the export's query parameters ({@code run}, {@code trace}, ...); null values are
   *     left out
   * @param token a read token, or {@code null}
   * @return the files, by the names the server gives them
   * @throws IllegalArgumentException with the server's explanation when it refuses, or when it
   *     cannot be reached
   */
  public static ExportDownload fetch(String server, Map<String, String> query, String token) {
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    URI uri = URI.create(base + "/api/v1/export?" + query(query));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new IllegalArgumentException(
          "Cannot reach the checkpoint server at "
              + base
              + " (connection refused). Start it with 'checkpoint server', or give its URL with"
              + " --server.",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot reach the checkpoint server at " + base + " (" + e + "). Check --server.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("Interrupted while exporting from " + base + ".", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalArgumentException(refusal(base, response));
    }
    String name =
        response
            .headers()
            .firstValue("Content-Disposition")
            .map(FILE_NAME::matcher)
            .filter(Matcher::find)
            .map(matcher -> matcher.group(1))
            .orElse("checkpoints.json");
    boolean zip =
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/zip");
    return new ExportDownload(zip ? unzip(response.body()) : Map.of(name, response.body()));
  }

  private static String refusal(String base, HttpResponse<byte[]> response) {
    String detail;
    try {
      JsonNode error = JSON.readTree(response.body());
      detail = error.path("detail").asText(error.path("error").asText(""));
    } catch (IOException e) {
      detail = new String(response.body(), StandardCharsets.UTF_8).strip();
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      return "The checkpoint server at "
          + base
          + " refused the export (HTTP "
          + response.statusCode()
          + "): "
          + detail
          + " Give a read token with --token (or CHECKPOINT_READ_TOKEN).";
    }
    return "The checkpoint server at "
        + base
        + " cannot export that (HTTP "
        + response.statusCode()
        + "): "
        + detail;
  }

  private static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (!entry.isDirectory()) {
          files.put(entry.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("The server's export is not a readable zip: " + e, e);
    }
    return files;
  }

  private static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /**
   * The names of the files, as the server gave them.
   *
   * @return the names, in the server's order
   */
  public List<String> names() {
    return List.copyOf(files.keySet());
  }

  /**
   * Writes the files into a directory.
   *
   * @param output the directory, created when missing
   * @param rename the single file's path relative to {@code output} instead of the server's name,
   *     such as {@code clinic/find-owner.json}; {@code null} for the server's names
   * @param force whether files already there are overwritten
   * @return the files written
   * @throws IllegalArgumentException when a file is there already and {@code force} is not given,
   *     or a name would leave {@code output}
   * @throws IOException when a file cannot be written
   */
  public List<Path> write(Path output, String rename, boolean force) throws IOException {
    if (rename != null && files.size() != 1) {
      throw new IllegalArgumentException(
          "--name names one file, but the export has "
              + files.size()
              + " ("
              + String.join(", ", files.keySet())
              + "). Leave --name out to keep the server's names, or export one tree (--trace).");
    }
    Path root = output.toAbsolutePath().normalize();
    Map<Path, byte[]> targets = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = root.resolve(rename != null ? rename : file.getKey()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new IllegalArgumentException(
            "The export's file name '" + file.getKey() + "' would land outside " + output + ".");
      }
      targets.put(target, file.getValue());
    }
    List<Path> existing = targets.keySet().stream().filter(Files::exists).toList();
    if (!force && !existing.isEmpty()) {
      throw new IllegalArgumentException(
          "Not overwriting "
              + existing.stream().map(Path::toString).collect(Collectors.joining(", "))
              + ": pass --force to replace "
              + (existing.size() == 1 ? "it" : "them")
              + ", or choose another --output.");
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<Path, byte[]> target : targets.entrySet()) {
      Files.createDirectories(target.getKey().getParent());
      Files.write(target.getKey(), target.getValue());
      written.add(target.getKey());
    }
    return written;
  }
}
