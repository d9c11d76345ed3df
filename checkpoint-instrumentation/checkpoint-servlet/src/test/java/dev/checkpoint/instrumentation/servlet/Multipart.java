package dev.checkpoint.instrumentation.servlet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A {@code multipart/form-data} body written by hand, as a browser sends it. */
final class Multipart {

  private static final String BOUNDARY = "checkpoint-boundary-7MA4YWxkTrZu0gW";

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  Multipart field(String name, String value) {
    head("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  Multipart file(String name, String filename, String contentType, byte[] content) {
    head(
        "Content-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + filename
            + "\"\r\nContent-Type: "
            + contentType
            + "\r\n\r\n");
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + BOUNDARY;
  }

  byte[] bytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(body.toByteArray());
    all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return all.toByteArray();
  }

  private void head(String text) {
    body.writeBytes(("--" + BOUNDARY + "\r\n" + text).getBytes(StandardCharsets.UTF_8));
  }
}
