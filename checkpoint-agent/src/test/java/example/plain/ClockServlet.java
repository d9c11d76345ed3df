package example.plain;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * {@code GET /receipt}: a receipt stamped as services stamp things, with the JDK's own time and
 * random-id calls (no Checkpoint clock or id supplier), and the class names of what it used.
 */
final class ClockServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Clock clock = Clock.systemUTC();
    String receipt =
        "{\"id\":\""
            + UUID.randomUUID()
            + "\",\"issuedAt\":\""
            + Instant.now()
            + "\",\"millis\":"
            + System.currentTimeMillis()
            + ",\"day\":\""
            + LocalDate.now(ZoneOffset.UTC)
            + "\",\"local\":\""
            + LocalDateTime.now()
            + "\",\"offset\":\""
            + OffsetDateTime.now()
            + "\",\"zoned\":\""
            + ZonedDateTime.now(ZoneOffset.UTC)
            + "\",\"clock\":\""
            + clock.instant()
            + "\",\"clockClass\":\""
            + clock.getClass().getName()
            + "\",\"requestClass\":\""
            + request.getClass().getName()
            + "\"}";
    response.setContentType("application/json");
    response.getOutputStream().write(receipt.getBytes(StandardCharsets.UTF_8));
  }
}
