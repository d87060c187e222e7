package dev.rotor.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top frames of a JFR recording's CPU samples ({@code jdk.ExecutionSample}), for BENCHMARKS.md:
 * "self" counts the frame a sample was taken in, "total" every method on the sample's stack once. A
 * stack cut at the recording's depth limit is counted and reported, so a too shallow recording
 * shows itself (run.sh --profile records 256 frames).
 *
 * <pre>java -cp target/test-classes dev.rotor.bench.ProfileSummary FILE.jfr [TOP] [PREFIX]</pre>
 *
 * PREFIX (default {@code dev.rotor.}) selects a third list: the total of the methods whose class
 * starts with it, where Rotor's own code spends the samples.
 */
public final class ProfileSummary {

  private ProfileSummary() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    String prefix = args.length > 2 ? args[2] : "dev.rotor.";
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    int samples = 0;
    int truncated = 0;
    int deepest = 0;
    for (var event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      if (stack.isTruncated()) {
        truncated++;
      }
      List<RecordedFrame> frames = stack.getFrames();
      deepest = Math.max(deepest, frames.size());
      self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String name = name(frame);
        if (seen.add(name)) {
          total.merge(name, 1, Integer::sum);
        }
      }
    }
    System.out.printf(
        "%s: %d CPU samples, deepest stack %d frames, %d stacks truncated%n",
        file.getFileName(), samples, deepest, truncated);
    print("self (the sampled frame)", self, samples, top, "");
    print("total (on the stack)", total, samples, top, "");
    print("total, " + prefix + "*", total, samples, top, prefix);
  }

  private static String name(RecordedFrame frame) {
    var method = frame.getMethod();
    return method.getType().getName() + "." + method.getName();
  }

  private static void print(
      String title, Map<String, Integer> counts, int samples, int top, String prefix) {
    System.out.printf("%n%s%n", title);
    counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    "%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
  }
}
