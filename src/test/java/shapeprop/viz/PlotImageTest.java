package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static image a reader sees where scripts don't run shows the data where the axes say it is. */
class PlotImageTest {

    // the plot area of a 720×440 figure: x from 70 to 690, y from 50 (top) to 380 (bottom)
    private static final int LEFT = 70;
    private static final int RIGHT = 690;
    private static final int TOP = 50;
    private static final int BOTTOM = 380;

    private static BufferedImage image(Plot plot) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(PlotImage.png(plot)));
    }

    private static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }

    @Test
    void aLineIsDrawnThroughItsPointsInItsColour() throws Exception {
        Plot diagonal = Plot.builder("diagonal").add(PlotTrace.line("y = x", new double[] {0, 10},
                new double[] {0, 10}, "#d62728")).build();
        BufferedImage png = image(diagonal);
        Color red = Palette.color("#d62728");
        int cx = (LEFT + RIGHT) / 2;
        int cy = (TOP + BOTTOM) / 2;
        assertTrue(distance(red, new Color(png.getRGB(cx, cy))) < 60, "the middle of the line is red");
        assertTrue(distance(Color.WHITE, new Color(png.getRGB(cx, TOP + 10))) < 30,
                "above the middle of the line is background");
    }

    @Test
    void onLogLogAxesAPowerLawIsAStraightLine() throws Exception {
        // y = x² from x = 1e-4 to 1: the middle decade (x = 1e-2, y = 1e-4) is the middle of the plot area
        double[] x = {1e-4, 1e-3, 1e-2, 1e-1, 1};
        double[] y = {1e-8, 1e-6, 1e-4, 1e-2, 1};
        Plot power = Plot.builder("power law").add(PlotTrace.line("x²", x, y, "#d62728")).logX().logY().build();
        assertTrue(power.isLog("xaxis") && power.isLog("yaxis"));
        BufferedImage png = image(power);
        Color red = Palette.color("#d62728");
        assertTrue(distance(red, new Color(png.getRGB((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2))) < 60,
                "1e-2 is half way across, 1e-4 half way up");
        assertTrue(distance(red, new Color(png.getRGB(LEFT + (RIGHT - LEFT) / 4, TOP + 3 * (BOTTOM - TOP) / 4))) < 60,
                "and 1e-3 a quarter of the way, 1e-6 a quarter up");
    }

    @Test
    void aHeatmapColoursEachCellByItsValueAndLeavesGapsBlank() throws Exception {
        // 2×2: 0 at top-left, 4 at top-right, a gap at bottom-left, 4 at bottom-right (y axis downwards)
        Plot heat = Plot.builder("cells").add(PlotTrace.of("heatmap", "z")
                        .set("z", new double[][] {{0, 4}, {Double.NaN, 4}}).set("colorscale", Palette.BLUES))
                .axis("yaxis", "autorange", "reversed").build();
        BufferedImage png = image(heat);
        int quarterX = LEFT + (RIGHT - LEFT) / 4;
        int threeQuarterX = LEFT + 3 * (RIGHT - LEFT) / 4;
        int quarterY = TOP + (BOTTOM - TOP) / 4;
        int threeQuarterY = TOP + 3 * (BOTTOM - TOP) / 4;
        assertEquals(Palette.color("#f7fbff").getRGB(), png.getRGB(quarterX, quarterY), "0 is the lightest blue");
        assertEquals(Palette.color("#08306b").getRGB(), png.getRGB(threeQuarterX, quarterY), "4 is the darkest");
        Color gap = new Color(png.getRGB(quarterX, threeQuarterY));
        assertTrue(gap.getRed() == gap.getBlue() && gap.getRed() > 230, "NaN is a gap (background), not " + gap);
    }

    @Test
    void aFigureCanBeSavedForATerminalUser(@TempDir Path dir) throws Exception {
        Plot plot = Plot.builder("saved").add(PlotTrace.line("a", new double[] {1, 2}, new double[] {1, 2}, "#1f77b4"))
                .size(400, 300).build();
        Path file = PlotImage.save(plot, dir.resolve("figures/loss.png"));
        BufferedImage png = ImageIO.read(Files.newInputStream(file));
        assertEquals(400, png.getWidth());
        assertEquals(300, png.getHeight());
    }
}
