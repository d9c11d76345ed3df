package dev.checkpoint.core.internal.wrapper;

import net.bytebuddy.asm.Advice;

/**
 * A wrapper's {@code equals}: its identity, as a JDK proxy's, so that a wrapper equals itself
 * whatever the wrapped class's {@code equals} makes of its empty fields.
 */
final class IdentityEquals {

  private IdentityEquals() {}

  @Advice.OnMethodExit
  static void exit(
      @Advice.This Object self,
      @Advice.Argument(0) Object other,
      @Advice.Return(readOnly = false) boolean equal) {
    equal = self == other;
  }
}
