package dev.dualstack.operator.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The scale curve's data and its plot. The real-server harness appends one row per counted run to a
 * tab-separated file ({@code --results=FILE}), so that the curve can be measured in several
 * invocations (one N per exclusive hold of the machine); {@code --plot=FILE.png} then draws every
 * row of the file: time to all Ready from a cold start (operator and fair limit: median, whiskers
 * min–max) and the steady-state create→Ready p50/p99, against N.
 *
 * <p>{@code main(results.tsv, plot.png)} draws an existing file without running anything.
 */
final class ScaleCurve {
  static final String HEADER =
      String.join(
          "\t",
          "utc",
          "clusters",
          "load1",
          "limit_before_s",
          "operator_s",
          "limit_after_s",
          "limit_s",
          "operator_over_limit",
          "steady_clusters",
          "steady_ready_p50_ms",
          "steady_ready_p99_ms",
          "steady_create_p50_ms",
          "steady_create_p99_ms",
          "steady_admission_reviews",
          "not_ready");

  /** One counted run. */
  record Row(
      String utc,
      int clusters,
      double load1,
      double limitBefore,
      double operator,
      double limitAfter,
      double limit,
      double ratio,
      int steadyClusters,
      double readyP50,
      double readyP99,
      double createP50,
      double createP99,
      double admissionReviews,
      long notReady) {

    String line() {
      return String.format(
          Locale.ROOT,
          "%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.0f\t%d",
          utc,
          clusters,
          load1,
          limitBefore,
          operator,
          limitAfter,
          limit,
          ratio,
          steadyClusters,
          readyP50,
          readyP99,
          createP50,
          createP99,
          admissionReviews,
          notReady);
    }

    static Row parse(String line) {
      String[] f = line.split("\t");
      return new Row(
          f[0],
          Integer.parseInt(f[1]),
          Double.parseDouble(f[2]),
          Double.parseDouble(f[3]),
          Double.parseDouble(f[4]),
          Double.parseDouble(f[5]),
          Double.parseDouble(f[6]),
          Double.parseDouble(f[7]),
          Integer.parseInt(f[8]),
          Double.parseDouble(f[9]),
          Double.parseDouble(f[10]),
          Double.parseDouble(f[11]),
          Double.parseDouble(f[12]),
          Double.parseDouble(f[13]),
          Long.parseLong(f[14]));
    }
  }

  private ScaleCurve() {}

  public static void main(String[] args) throws IOException {
    List<Row> rows = read(Path.of(args[0]));
    plot(rows, Path.of(args[1]));
    System.out.print(summary(rows));
  }

  static void append(Path file, Row row) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    if (!Files.exists(file)) {
      Files.writeString(file, HEADER + "\n");
    }
    Files.writeString(file, row.line() + "\n", StandardOpenOption.APPEND);
  }

  static List<Row> read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("utc\t") && !line.startsWith("#")) {
        rows.add(Row.parse(line));
      }
    }
    return rows;
  }

  /** Median, min and max of {@code f} over the rows. */
  record Spread(double median, double min, double max, int runs) {
    static Spread of(List<Row> rows, ToDoubleFunction<Row> f) {
      double[] v = rows.stream().mapToDouble(f).sorted().toArray();
      double median =
          v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      return new Spread(median, v[0], v[v.length - 1], v.length);
    }

    String text(String format) {
      String m = String.format(Locale.ROOT, format, median);
      return runs == 1
          ? m + " (1 run)"
          : m
              + String.format(
                  Locale.ROOT, " (" + format + "–" + format + ", %d runs)", min, max, runs);
    }
  }

  static Map<Integer, List<Row>> byN(List<Row> rows) {
    Map<Integer, List<Row>> m = new TreeMap<>();
    rows.forEach(r -> m.computeIfAbsent(r.clusters(), k -> new ArrayList<>()).add(r));
    return m;
  }

  /** The curve as a Markdown table (the same figures the plot shows). */
  static String summary(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| N | runs | operator, cold start to all Ready (s) | fair limit (s) | operator/limit |"
            + " Clusters/s (operator) | steady create→Ready p50 (ms) | p99 (ms) | create call p50 /"
            + " p99 (ms) | load (1 min) |\n");
    sb.append("|---:|---:|---|---|---|---:|---|---|---|---|\n");
    for (var e : byN(rows).entrySet()) {
      List<Row> rs = e.getValue();
      Spread op = Spread.of(rs, Row::operator);
      List<Row> steady = rs.stream().filter(r -> r.steadyClusters() > 0).toList();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %,d | %d | %s | %s | %s | %.0f | %s | %s | %s | %s |%n",
              e.getKey(),
              rs.size(),
              op.text("%.1f"),
              Spread.of(rs, Row::limit).text("%.1f"),
              Spread.of(rs, Row::ratio).text("%.2f"),
              e.getKey() / op.median(),
              steady.isEmpty() ? "—" : Spread.of(steady, Row::readyP50).text("%.0f"),
              steady.isEmpty() ? "—" : Spread.of(steady, Row::readyP99).text("%.0f"),
              steady.isEmpty()
                  ? "—"
                  : String.format(
                      Locale.ROOT,
                      "%.0f / %.0f",
                      Spread.of(steady, Row::createP50).median(),
                      Spread.of(steady, Row::createP99).median()),
              Spread.of(rs, Row::load1).text("%.1f")));
    }
    return sb.toString();
  }

  /** Two panels side by side: time to all Ready, steady-state latency. */
  static void plot(List<Row> rows, Path png) throws IOException {
    Map<Integer, List<Row>> byN = byN(rows);
    YIntervalSeries operator = new YIntervalSeries("operator (cold start, N waiting)");
    YIntervalSeries limit = new YIntervalSeries("fair limit (status PATCH + Event per Cluster)");
    YIntervalSeries p50 = new YIntervalSeries("create→Ready p50 (webhook in the path)");
    YIntervalSeries p99 = new YIntervalSeries("create→Ready p99");
    YIntervalSeries call = new YIntervalSeries("the create call alone p50 (admission, etcd)");
    double maxLoad = 0;
    for (var e : byN.entrySet()) {
      List<Row> rs = e.getValue();
      add(operator, e.getKey(), Spread.of(rs, Row::operator));
      add(limit, e.getKey(), Spread.of(rs, Row::limit));
      List<Row> steady = rs.stream().filter(r -> r.steadyClusters() > 0).toList();
      if (!steady.isEmpty()) {
        add(p50, e.getKey(), Spread.of(steady, Row::readyP50));
        add(p99, e.getKey(), Spread.of(steady, Row::readyP99));
        add(call, e.getKey(), Spread.of(steady, Row::createP50));
      }
      maxLoad = Math.max(maxLoad, Spread.of(rs, Row::load1).max());
    }
    String when =
        rows.isEmpty()
            ? ""
            : rows.get(0).utc().substring(0, Math.min(10, rows.get(0).utc().length()));
    JFreeChart left =
        chart(
            "Time to all Ready from a cold start",
            "Clusters (N)",
            "seconds",
            List.of(operator, limit));
    JFreeChart right =
        chart(
            "Steady state: one Cluster created at a time",
            "Clusters already cached (N)",
            "milliseconds",
            List.of(p50, p99, call));
    String foot =
        String.format(
            Locale.ROOT,
            "kube-apiserver 1.36.3 + etcd (built from source), 2 shared cores, %s; median of the"
                + " runs, whiskers min–max; 1-minute load up to %.1f",
            when,
            maxLoad);
    left.addSubtitle(new TextTitle(foot, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
    right.addSubtitle(new TextTitle(" ", new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
    int w = 1400;
    int h = 560;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    left.draw(g, new Rectangle2D.Double(0, 0, w / 2.0, h));
    right.draw(g, new Rectangle2D.Double(w / 2.0, 0, w / 2.0, h));
    g.dispose();
    if (png.getParent() != null) {
      Files.createDirectories(png.getParent());
    }
    ImageIO.write(img, "png", png.toFile());
  }

  private static void add(YIntervalSeries s, int n, Spread v) {
    s.add(n, v.median(), v.min(), v.max());
  }

  private static JFreeChart chart(String title, String x, String y, List<YIntervalSeries> series) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    series.forEach(data::addSeries);
    NumberAxis xAxis = new NumberAxis(x);
    xAxis.setAutoRangeIncludesZero(true);
    xAxis.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
    NumberAxis yAxis = new NumberAxis(y);
    yAxis.setAutoRangeIncludesZero(true);
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setDefaultLinesVisible(true);
    r.setDefaultShapesVisible(true);
    r.setErrorStroke(new BasicStroke(1.5f));
    r.setCapLength(8);
    Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x7f7f7f)};
    for (int i = 0; i < series.size(); i++) {
      r.setSeriesPaint(i, colors[i % colors.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
