package dev.checkpoint.assets.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns two sequences the way a text diff aligns lines: a longest common subsequence of equal
 * elements anchors the alignment, then the elements between two anchors are paired by the next,
 * looser test, again as a longest common subsequence, and so on. Whatever stays unpaired was
 * removed or added. An element inserted in the middle therefore shows as one addition, not as a
 * change of every element after it.
 */
final class Alignment {

  /** Compares element {@code i} of the first sequence with element {@code j} of the second. */
  interface Test {
    boolean test(int i, int j);
  }

  /*
   * Above this many cells the quadratic table would cost too much memory and time; the gap is
   * then matched greedily within a window, which finds the same pairs for the usual case of a
   * few scattered edits.
   */
  private static final long MAX_TABLE_CELLS = 1_000_000;
  private static final int GREEDY_WINDOW = 64;

  private Alignment() {}

  /**
   * The pairs {@code [i, j]}, increasing in both.
   *
   * @param tests from the strictest to the loosest
   */
  static List<int[]> align(int n, int m, Test... tests) {
    List<int[]> pairs = new ArrayList<>();
    align(0, n, 0, m, tests, 0, pairs);
    return pairs;
  }

  private static void align(
      int i0, int i1, int j0, int j1, Test[] tests, int level, List<int[]> out) {
    if (level == tests.length || i0 == i1 || j0 == j1) {
      return;
    }
    List<int[]> anchors = new ArrayList<>();
    lcs(i0, i1, j0, j1, tests[level], anchors);
    int i = i0;
    int j = j0;
    for (int[] anchor : anchors) {
      align(i, anchor[0], j, anchor[1], tests, level + 1, out);
      out.add(anchor);
      i = anchor[0] + 1;
      j = anchor[1] + 1;
    }
    align(i, i1, j, j1, tests, level + 1, out);
  }

  private static void lcs(int i0, int i1, int j0, int j1, Test test, List<int[]> out) {
    while (i0 < i1 && j0 < j1 && test.test(i0, j0)) {
      out.add(new int[] {i0++, j0++});
    }
    int suffix = 0;
    while (i0 < i1 - suffix && j0 < j1 - suffix && test.test(i1 - 1 - suffix, j1 - 1 - suffix)) {
      suffix++;
    }
    int n = i1 - suffix - i0;
    int m = j1 - suffix - j0;
    if (n > 0 && m > 0) {
      if ((long) (n + 1) * (m + 1) <= MAX_TABLE_CELLS) {
        table(i0, n, j0, m, test, out);
      } else {
        greedy(i0, n, j0, m, test, out);
      }
    }
    for (int k = suffix; k > 0; k--) {
      out.add(new int[] {i1 - k, j1 - k});
    }
  }

  private static void table(int i0, int n, int j0, int m, Test test, List<int[]> out) {
    int width = m + 1;
    int[] length = new int[(n + 1) * width];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        length[i * width + j] =
            test.test(i0 + i, j0 + j)
                ? length[(i + 1) * width + j + 1] + 1
                : Math.max(length[(i + 1) * width + j], length[i * width + j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (length[i * width + j] == length[(i + 1) * width + j + 1] + 1
          && test.test(i0 + i, j0 + j)) {
        out.add(new int[] {i0 + i++, j0 + j++});
      } else if (length[(i + 1) * width + j] >= length[i * width + j + 1]) {
        i++;
      } else {
        j++;
      }
    }
  }

  private static void greedy(int i0, int n, int j0, int m, Test test, List<int[]> out) {
    int next = 0;
    for (int i = 0; i < n && next < m; i++) {
      int end = Math.min(m, next + GREEDY_WINDOW);
      for (int j = next; j < end; j++) {
        if (test.test(i0 + i, j0 + j)) {
          out.add(new int[] {i0 + i, j0 + j});
          next = j + 1;
          break;
        }
      }
    }
  }
}
