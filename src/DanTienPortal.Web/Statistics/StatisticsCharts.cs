using System.Globalization;
using System.Xml.Linq;

namespace DanTienPortal.Web.Statistics;

/// <summary>
/// The charts, drawn on the server as inline SVG: no script, no style attribute (the CSP forbids
/// inline style), colours as presentation attributes, every bar labelled with its number and the
/// answered bars hatched, so that the charts read without colour.
/// </summary>
public static class StatisticsCharts
{
    private const string Received = "#8b1a1a";
    private const string Answered = "#1d6b35";
    private const string Ink = "#1b1b1b";

    /// <summary>Received and answered cases per month, as pairs of vertical bars.</summary>
    public static string MonthBars(StatisticsReport report, string id)
    {
        const int width = 760, top = 44, plot = 220, left = 16, groupWidth = 61, bar = 22;
        var byMonth = report.ByMonth;
        var max = Math.Max(1, byMonth.Max(m => Math.Max(m.Figures.Received, m.Figures.Answered)));
        var baseline = top + plot;
        var hatch = $"{id}-hoa-van";
        int Height(int value) => (int)Math.Round((double)value * plot / max, MidpointRounding.AwayFromZero);

        var svg = Svg(id, width, baseline + 40,
            $"Số phản ánh, kiến nghị tiếp nhận và đã trả lời theo tháng, {StatisticsFormat.Period(report)}",
            string.Join("; ", byMonth.Select(m => $"{StatisticsFormat.Month(m.Month)}: tiếp nhận {m.Figures.Received}, đã trả lời {m.Figures.Answered}")) + ".");
        svg.Add(new XElement("defs",
            new XElement("pattern", new XAttribute("id", hatch), new XAttribute("width", 6), new XAttribute("height", 6),
                new XAttribute("patternUnits", "userSpaceOnUse"), new XAttribute("patternTransform", "rotate(45)"),
                new XElement("rect", new XAttribute("width", 6), new XAttribute("height", 6), new XAttribute("fill", "#ffffff")),
                new XElement("line", new XAttribute("x1", 0), new XAttribute("y1", 0), new XAttribute("x2", 0), new XAttribute("y2", 6),
                    new XAttribute("stroke", Answered), new XAttribute("stroke-width", 4)))));

        // Legend: a swatch and a word for each series.
        svg.Add(
            Rect(left, 10, 16, 16, Received, "legend"), Text(left + 22, 23, "Tiếp nhận", "start", 13),
            Rect(left + 120, 10, 16, 16, $"url(#{hatch})", "legend"), Text(left + 142, 23, "Đã trả lời (gạch chéo)", "start", 13));

        for (var i = 0; i < byMonth.Count; i++)
        {
            var (month, figures) = byMonth[i];
            var x = left + (i * groupWidth);
            var received = Height(figures.Received);
            var answered = Height(figures.Answered);
            svg.Add(
                Bar(x + 4, baseline - received, bar, received, Received, "bar bar-received", $"{StatisticsFormat.Month(month)}: tiếp nhận {figures.Received}"),
                Text(x + 4 + (bar / 2), baseline - received - 4, figures.Received.ToString(CultureInfo.InvariantCulture), "middle", 12, "value value-received"),
                Bar(x + 4 + bar + 4, baseline - answered, bar, answered, $"url(#{hatch})", "bar bar-answered", $"{StatisticsFormat.Month(month)}: đã trả lời {figures.Answered}"),
                Text(x + 4 + bar + 4 + (bar / 2), baseline - answered - 4, figures.Answered.ToString(CultureInfo.InvariantCulture), "middle", 12, "value value-answered"),
                Text(x + 4 + bar + 2, baseline + 20, StatisticsFormat.ShortMonth(month), "middle", 12, "axis-label"));
        }

        svg.Add(new XElement("line", new XAttribute("x1", left), new XAttribute("y1", baseline), new XAttribute("x2", width - 8), new XAttribute("y2", baseline),
            new XAttribute("stroke", Ink), new XAttribute("stroke-width", 1)));
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The share of answered cases answered on time, per department, as horizontal bars.</summary>
    public static string OnTimeBars(StatisticsReport report, string id)
    {
        const int width = 760, left = 8, track = 480, row = 56;
        var departments = report.ByDepartment;
        var svg = Svg(id, width, (departments.Count * row) + 8,
            $"Tỷ lệ phản ánh, kiến nghị được trả lời đúng hạn theo phòng, ban, {StatisticsFormat.Period(report)}",
            string.Join("; ", departments.Select(d => $"{report.NameOf(d.Department)}: {Share(d.Figures)}")) + ".");

        for (var i = 0; i < departments.Count; i++)
        {
            var (department, figures) = departments[i];
            var y = 8 + (i * row);
            var length = figures.OnTimeShare is { } share ? (int)Math.Round(share * track, MidpointRounding.AwayFromZero) : 0;
            svg.Add(
                Text(left, y + 14, report.NameOf(department), "start", 14, "axis-label"),
                new XElement("rect", new XAttribute("x", left), new XAttribute("y", y + 22), new XAttribute("width", track), new XAttribute("height", 20),
                    new XAttribute("fill", "#f6f1ec"), new XAttribute("stroke", "#767676"), new XAttribute("stroke-width", 1)),
                Bar(left, y + 22, length, 20, Answered, "bar bar-on-time", $"{report.NameOf(department)}: {Share(figures)}"),
                Text(left + track + 8, y + 37, Share(figures), "start", 13, "value value-on-time"));
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>"75% (3/4)", or why there is no share.</summary>
    public static string Share(Figures figures) => figures.OnTimeShare is null
        ? "chưa có phản ánh được trả lời"
        : $"{StatisticsFormat.Percent(figures.OnTimeShare)} đúng hạn ({figures.OnTime}/{figures.Answered})";

    private static XElement Svg(string id, int width, int height, string title, string description) => new("svg",
        new XAttribute("class", "chart"),
        new XAttribute("id", id),
        new XAttribute("viewBox", $"0 0 {width} {height}"),
        new XAttribute("width", width),
        new XAttribute("height", height),
        new XAttribute("role", "img"),
        new XAttribute("aria-labelledby", $"{id}-tieu-de"),
        new XAttribute("aria-describedby", $"{id}-mo-ta"),
        new XAttribute("font-family", "system-ui, sans-serif"),
        new XElement("title", new XAttribute("id", $"{id}-tieu-de"), title),
        new XElement("desc", new XAttribute("id", $"{id}-mo-ta"), description));

    private static XElement Rect(int x, int y, int width, int height, string fill, string cssClass) => new("rect",
        new XAttribute("class", cssClass), new XAttribute("x", x), new XAttribute("y", y), new XAttribute("width", width), new XAttribute("height", height),
        new XAttribute("fill", fill), new XAttribute("stroke", Ink), new XAttribute("stroke-width", 1));

    private static XElement Bar(int x, int y, int width, int height, string fill, string cssClass, string label)
    {
        var rect = Rect(x, y, width, height, fill, cssClass);
        rect.Add(new XAttribute("data-label", label));
        return rect;
    }

    private static XElement Text(int x, int y, string text, string anchor, int size, string? cssClass = null)
    {
        var element = new XElement("text", new XAttribute("x", x), new XAttribute("y", y), new XAttribute("text-anchor", anchor),
            new XAttribute("font-size", size), new XAttribute("fill", Ink), text);
        if (cssClass is not null)
        {
            element.Add(new XAttribute("class", cssClass));
        }

        return element;
    }
}
