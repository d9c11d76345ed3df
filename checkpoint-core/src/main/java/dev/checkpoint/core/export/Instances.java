package dev.checkpoint.core.export;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Names this process for the batch resource. */
final class Instances {

  private Instances() {}

  static String current() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }
}
