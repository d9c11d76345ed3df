package dev.checkpoint.junit.internal;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.junit.RecordedCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The assets under one class path directory, read once per test run by {@code @CheckpointSource}
 * and once per {@code Equalizer.load}.
 */
public final class ClasspathAssets {

  private final String root;
  private final Map<String, Asset> assets;

  private ClasspathAssets(String root, Map<String, Asset> assets) {
    this.root = root;
    this.assets = assets;
  }

  /**
   * Reads every asset under a class path directory.
   *
   * @param root the directory, such as {@code checkpoints}
   * @param loader the class loader to read it with
   * @return the assets, by name relative to the directory
   */
  public static ClasspathAssets load(String root, ClassLoader loader) {
    String directory = root.replaceAll("^/+|/+$", "");
    Map<String, Asset> assets = new LinkedHashMap<>();
    try {
      for (String name : resourceNames(directory, loader)) {
        InputStream in = loader.getResourceAsStream(name);
        if (in != null) {
          assets.put(name.substring(directory.length() + 1), AssetFormat.read(in, name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the assets under " + directory + "/", e);
    }
    return new ClasspathAssets(directory, assets);
  }

  /* Sorted, and each name once: the class loader's first resource of a name wins. */
  private static TreeSet<String> resourceNames(String directory, ClassLoader loader)
      throws IOException {
    TreeSet<String> names = new TreeSet<>();
    Enumeration<URL> roots = loader.getResources(directory);
    while (roots.hasMoreElements()) {
      URL url = roots.nextElement();
      if (url.getProtocol().equals("file")) {
        Path base = path(url);
        try (Stream<Path> files = Files.walk(base)) {
          files
              .filter(file -> Files.isRegularFile(file) && file.toString().endsWith(".json"))
              .forEach(
                  file ->
                      names.add(
                          directory + "/" + base.relativize(file).toString().replace('\\', '/')));
        }
      } else if (url.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            if (name.startsWith(directory + "/") && name.endsWith(".json")) {
              names.add(name);
            }
          }
        }
      }
    }
    return names;
  }

  private static Path path(URL url) {
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("The class path holds an invalid URL: " + url, e);
    }
  }

  /**
   * Every call of a name, by asset name, then in the order of each asset.
   *
   * @param name the checkpoint name
   * @return the calls; empty when no asset holds one
   */
  public List<RecordedCall> calls(String name) {
    List<RecordedCall> calls = new ArrayList<>();
    for (Map.Entry<String, Asset> entry : assets.entrySet()) {
      Asset asset = entry.getValue();
      int position = 1;
      for (CheckpointNode call : CheckpointTrees.calls(asset.checkpoints(), name)) {
        calls.add(RecordedCall.of(entry.getKey(), position++, asset, call));
      }
    }
    return calls;
  }

  /**
   * Why there is no call of a name, and what to do about it.
   *
   * @param name the checkpoint name
   * @param wanted what wanted the calls, such as the test method
   * @return the one-line message
   */
  public String noCallNamed(String name, String wanted) {
    return "No recorded call named '"
        + name
        + "' for "
        + wanted
        + ": found "
        + describe()
        + ". Record a scenario that calls it and write its asset, or check the name.";
  }

  private String describe() {
    return assets.isEmpty()
        ? "no asset under " + root + "/ on the class path"
        : assets.size()
            + " assets under "
            + root
            + "/ ("
            + String.join(", ", assets.keySet())
            + ")";
  }
}
