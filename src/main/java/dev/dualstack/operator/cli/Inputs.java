package dev.dualstack.operator.cli;

import dev.dualstack.operator.cli.BoundedYaml.YamlProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the PATH arguments of {@code check} and {@code local} stand for, and reading them bounded.
 *
 * <ul>
 *   <li>{@code -} is standard input;
 *   <li>a directory stands for the {@code *.yaml}/{@code *.yml} regular files directly in it,
 *       sorted by name (subdirectories are not entered);
 *   <li>anything else is read as one file, whatever its name: a regular file only when it has at
 *       most {@value BoundedYaml#MAX_BYTES} bytes, a pipe, FIFO or device (and standard input) by
 *       reading at most that many bytes, so {@code /dev/zero} ends at the limit.
 * </ul>
 *
 * Failures are named as what they are: no such file, a dangling symbolic link, a symbolic link
 * loop, permission denied.
 */
final class Inputs {
  /** How standard input is named in messages. */
  static final Path STDIN = Path.of("<stdin>");

  private static Supplier<InputStream> stdin = () -> System.in;

  private Inputs() {}

  /** Replaces standard input (tests). */
  static void stdin(Supplier<InputStream> in) {
    stdin = in;
  }

  static void resetStdin() {
    stdin = () -> System.in;
  }

  /** One input: a file or standard input. {@code regular} inputs can be read again. */
  record Input(Path path, boolean regular) {
    boolean isStdin() {
      return path == STDIN;
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** A path that could not be resolved, with the reason. */
  static final class Unreadable extends Exception {
    private final Path path;

    Unreadable(Path path, String message) {
      super(message, null, false, false);
      this.path = path;
    }

    Path path() {
      return path;
    }
  }

  /** The inputs of one path argument ({@code -} for standard input). */
  static List<Input> resolve(Path path) throws Unreadable {
    if (path.toString().equals("-")) {
      return List.of(new Input(STDIN, false));
    }
    BasicFileAttributes attributes = attributes(path);
    if (!attributes.isDirectory()) {
      return List.of(new Input(path, attributes.isRegularFile()));
    }
    List<Input> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.{yaml,yml}")) {
      for (Path p : dir) {
        if (Files.isRegularFile(p)) {
          files.add(new Input(p, true));
        }
      }
    } catch (IOException e) {
      throw new Unreadable(path, "cannot list the directory: " + reason(path, e));
    }
    files.sort(Comparator.comparing(i -> i.path().getFileName().toString()));
    return files;
  }

  private static BasicFileAttributes attributes(Path path) throws Unreadable {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new Unreadable(path, reason(path, e));
    }
  }

  /** The reason an I/O operation on {@code path} failed, in a few words. */
  static String reason(Path path, IOException e) {
    if (e instanceof NoSuchFileException) {
      return Files.isSymbolicLink(path)
          ? "a symbolic link to a file that does not exist"
          : "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      String r = f.getReason();
      if (r.toLowerCase(Locale.ROOT).contains("too many levels of symbolic links")) {
        return "a symbolic link loop (too many levels of symbolic links)";
      }
      if (r.toLowerCase(Locale.ROOT).contains("is a directory")) {
        return "is a directory";
      }
      return r;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The bytes of an input, at most {@value BoundedYaml#MAX_BYTES}. */
  static byte[] read(Input input) throws YamlProblem, Unreadable {
    if (input.isStdin()) {
      return bounded(input.path(), stdin.get());
    }
    Path file = input.path();
    try {
      if (input.regular()) {
        long size = Files.size(file);
        if (size > BoundedYaml.MAX_BYTES) {
          throw new YamlProblem(
              "file has "
                  + size
                  + " bytes, more than the limit of "
                  + BoundedYaml.MAX_BYTES
                  + " bytes (16 MiB) per file",
              0,
              0);
        }
        return Files.readAllBytes(file);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return bounded(file, in);
      }
    } catch (IOException e) {
      throw new Unreadable(file, reason(file, e));
    }
  }

  private static byte[] bounded(Path name, InputStream in) throws YamlProblem, Unreadable {
    try {
      byte[] bytes = in.readNBytes(BoundedYaml.MAX_BYTES + 1);
      if (bytes.length > BoundedYaml.MAX_BYTES) {
        throw new YamlProblem(
            "more than the limit of "
                + BoundedYaml.MAX_BYTES
                + " bytes (16 MiB) per file or stream; stopped reading there",
            0,
            0);
      }
      return bytes;
    } catch (IOException e) {
      throw new Unreadable(name, reason(name, e));
    }
  }
}
