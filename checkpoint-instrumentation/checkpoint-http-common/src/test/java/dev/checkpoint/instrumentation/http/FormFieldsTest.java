package dev.checkpoint.instrumentation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldsTest {

  @Test
  void urlEncodedFieldsAreDecodedAndRepeatedOnesBecomeArrays() {
    FormFields form = FormFields.urlEncoded("a=1&b=x+y%21&a=2&flag&bad=%zz", 1000);

    assertThat(form.value())
        .isEqualTo(Map.of("a", List.of("1", "2"), "b", "x y!", "flag", "", "bad", "%zz"));
    assertThat(form.values("a")).containsExactly("1", "2");
    assertThat(form.values("missing")).isEmpty();
    assertThat(form.overflowed()).isFalse();
  }

  @Test
  void fieldsPastTheLimitAreCountedNotKept() {
    FormFields form = new FormFields(40);
    form.add("first", "kept");
    form.add("second", "x".repeat(100));
    form.add("third", "small");

    assertThat(form.value()).containsOnlyKeys("first");
    assertThat(form.overflowed()).isTrue();
    assertThat(form.room()).isZero();
    assertThat(form.size()).isGreaterThan(100);
  }

  @Test
  void anOmittedValueMarksTheFormTruncatedWhateverItsSize() {
    FormFields form = new FormFields(1000);
    form.add("kept", "1");
    form.omit("big", 3);

    assertThat(form.overflowed()).isTrue();
    assertThat(form.value()).containsOnlyKeys("kept");
  }

  @Test
  void aFileKeepsABoundedPrefix() {
    FormFields form = new FormFields(1000);
    byte[] start = new byte[FormFields.FILE_PREFIX_BYTES + 10];
    start[0] = 1;

    form.addFile("photo", null, null, 5000, start);

    @SuppressWarnings("unchecked")
    Map<String, Object> file = (Map<String, Object>) form.value().get("photo");
    assertThat(file).containsEntry("size", 5000L).containsEntry("filename", null);
    assertThat(Base64.getDecoder().decode((String) file.get("prefix")))
        .hasSize(FormFields.FILE_PREFIX_BYTES)
        .startsWith((byte) 1);
  }
}
