using System.Globalization;
using System.Text;

namespace DanTienPortal.Web.Statistics;

/// <summary>The figures as CSV: UTF-8 with a byte order mark (so that Excel shows Vietnamese), one row per department and month.</summary>
public static class StatisticsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Header =
    [
        "Mã cơ quan", "Cơ quan", "Tháng", "Tiếp nhận", "Đã trả lời", "Đúng hạn", "Quá hạn", "Số lượt đánh giá", "Điểm hài lòng trung bình",
    ];

    public static byte[] Write(StatisticsReport report)
    {
        var text = new StringBuilder();
        Line(text, Header);
        foreach (var department in report.Departments)
        {
            foreach (var month in report.Months)
            {
                var f = report.Cell(department, month);
                Line(text,
                [
                    department,
                    report.NameOf(department),
                    month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    Number(f.Received), Number(f.Answered), Number(f.OnTime), Number(f.Overdue), Number(f.Rated),
                    f.AverageRating is { } average ? average.ToString("0.00", CultureInfo.InvariantCulture) : "",
                ]);
            }
        }

        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    public static string FileName(string? department) =>
        department is null ? "thong-ke-phan-anh-kien-nghi.csv" : $"thong-ke-phan-anh-kien-nghi-{department}.csv";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Field));
        text.Append("\r\n");
    }

    /// <summary>Quotes a field that needs it; a leading formula character is neutralised, as spreadsheets would run it.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
