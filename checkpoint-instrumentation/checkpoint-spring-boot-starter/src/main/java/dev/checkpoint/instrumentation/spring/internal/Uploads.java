package dev.checkpoint.instrumentation.spring.internal;

import jakarta.servlet.http.Part;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded file as a handler argument, recorded by name, file name, size and type: the content
 * is in the request's recorded body, as a bounded prefix. Loaded only when the upload types are on
 * the class path.
 */
final class Uploads {

  private Uploads() {}

  static Object multipartFile(Object argument) {
    MultipartFile file = (MultipartFile) argument;
    return summary(
        file.getName(), file.getOriginalFilename(), file.getSize(), file.getContentType());
  }

  static Object part(Object argument) {
    Part part = (Part) argument;
    return summary(
        part.getName(), part.getSubmittedFileName(), part.getSize(), part.getContentType());
  }

  private static Map<String, Object> summary(
      String name, String filename, long size, String contentType) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("name", name);
    summary.put("filename", filename);
    summary.put("size", size);
    summary.put("contentType", contentType);
    return summary;
  }
}
