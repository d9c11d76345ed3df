package dev.checkpoint.instrumentation.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.RunId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApplicationIdentityTest {

  private static final Instant STARTED = Instant.parse("2026-12-05T10:15:30.250Z");

  static final class ClinicApplication {}

  static final class HTTPGatewayApplication {}

  static final class Application {}

  static final class Orders2Service {}

  @Test
  void theMainClassNamesTheServiceInKebabCaseWithoutApplication() {
    assertThat(name(ClinicApplication.class)).isEqualTo("clinic");
    assertThat(name(HTTPGatewayApplication.class)).isEqualTo("http-gateway");
    assertThat(name(Application.class)).isEqualTo("application");
    assertThat(name(Orders2Service.class)).isEqualTo("orders2-service");
    assertThat(new ApplicationIdentity(" billing ", Application.class, STARTED).serviceName())
        .isEqualTo("billing");
    assertThat(new ApplicationIdentity(null, null, STARTED).serviceName()).isNull();
  }

  @Test
  void theManualRunIsAValidRunIdWhateverTheServiceName() {
    ApplicationIdentity application = new ApplicationIdentity(null, null, STARTED);

    assertThat(application.manualRunId("clinic")).isEqualTo("manual-clinic-20261205T101530Z");
    assertThat(application.manualRunId("pet clinic/eu"))
        .isEqualTo("manual-pet-clinic-eu-20261205T101530Z");
    assertThat(application.manualRunId("x".repeat(300)))
        .satisfies(RunId::isValid)
        .hasSizeLessThan(129);
  }

  private static String name(Class<?> mainClass) {
    return new ApplicationIdentity(null, mainClass, STARTED).serviceName();
  }
}
