using System.Globalization;

namespace DanTienPortal.Web.Statistics;

/// <summary>How the figures read in Vietnamese: "4,5", "75%", "Tháng 11/2026".</summary>
public static class StatisticsFormat
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Shown where a figure cannot be computed (no answered or rated case).</summary>
    public const string None = "—";

    public static string Average(double? value) => value is { } v ? v.ToString("0.0", Vietnamese) : None;

    public static string Percent(double? share) => share is { } s ? Math.Round(s * 100, MidpointRounding.AwayFromZero).ToString("0", Vietnamese) + "%" : None;

    public static string Month(DateOnly month) => month.ToString("'Tháng' M/yyyy", CultureInfo.InvariantCulture);

    public static string ShortMonth(DateOnly month) => month.ToString("M/yyyy", CultureInfo.InvariantCulture);

    public static string Period(StatisticsReport report) =>
        $"từ tháng {ShortMonth(report.Months[0])} đến tháng {ShortMonth(report.Months[^1])}";
}
