package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.instrumentation.http.ContentTypes;
import dev.checkpoint.instrumentation.http.FormFields;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The form fields of a request whose body the servlet container parsed itself, for {@code
 * getParameter} or {@code getParts}, so that no byte of it passed the filter's stream wrappers.
 */
final class ParsedForms {

  private ParsedForms() {}

  static boolean isUrlEncoded(String contentType) {
    return ContentTypes.mediaType(contentType).equals("application/x-www-form-urlencoded");
  }

  static boolean isMultipart(String contentType) {
    return ContentTypes.mediaType(contentType).startsWith("multipart/form-data");
  }

  /**
   * The body's fields among the request's parameters: the container puts the query string's values
   * of a name before the body's, so those are left out.
   */
  static FormFields fromParameters(Map<String, String[]> parameters, String query, int limit) {
    FormFields inQuery =
        query == null ? new FormFields(0) : FormFields.urlEncoded(query, Integer.MAX_VALUE);
    FormFields form = new FormFields(limit);
    parameters.forEach(
        (name, values) -> {
          List<Object> queried = inQuery.values(name);
          int fromBody = startsWith(values, queried) ? queried.size() : 0;
          for (int i = fromBody; i < values.length; i++) {
            form.add(name, values[i]);
          }
        });
    return form;
  }

  /**
   * The fields and files of a multipart body. Files are read up to their recorded prefix, fields up
   * to the room the form has left; the parts stay readable for the application.
   */
  static FormFields fromParts(Collection<Part> parts, int limit, Charset defaultCharset)
      throws IOException {
    FormFields form = new FormFields(limit);
    for (Part part : parts) {
      String name = part.getName();
      if (part.getSubmittedFileName() != null) {
        form.addFile(
            name,
            part.getSubmittedFileName(),
            part.getContentType(),
            part.getSize(),
            read(part, FormFields.FILE_PREFIX_BYTES));
      } else if (part.getSize() > form.room()) {
        form.omit(name, part.getSize());
      } else {
        form.add(
            name,
            new String(
                read(part, form.room()),
                ContentTypes.charset(part.getContentType(), defaultCharset)));
      }
    }
    return form;
  }

  private static boolean startsWith(String[] values, List<Object> prefix) {
    if (prefix.size() > values.length) {
      return false;
    }
    for (int i = 0; i < prefix.size(); i++) {
      if (!prefix.get(i).equals(values[i])) {
        return false;
      }
    }
    return true;
  }

  private static byte[] read(Part part, int atMost) throws IOException {
    try (InputStream in = part.getInputStream()) {
      return in.readNBytes(atMost);
    }
  }
}
