using System.Net;
using System.Text;
using AngleSharp.Dom;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Feedback;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DanTienPortal.Tests.Statistics.StatisticsPortal;

namespace DanTienPortal.Tests.Statistics;

/// <summary>
/// <c>/thong-ke</c>, its CSV and the department pages, over cases with known dates, statuses and
/// ratings; "today" is 20/11/2026, so the months shown run from 12/2025 to 11/2026.
/// </summary>
public sealed class StatisticsPageTests(StatisticsPortal portal) : IClassFixture<StatisticsPortal>
{
    private const string Economy = "phong-kinh-te";
    private const string Culture = "phong-van-hoa-xa-hoi";
    private const string Gone = "ban-da-giai-the";

    private static readonly string[] Months =
        ["12/2025", "1/2026", "2/2026", "3/2026", "4/2026", "5/2026", "6/2026", "7/2026", "8/2026", "9/2026", "10/2026", "11/2026"];

    private static readonly string[] ReceivedPerMonth = ["1", "0", "0", "0", "0", "0", "1", "0", "0", "0", "2", "5"];
    private static readonly string[] EconomyPerMonth = ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1", "4"];
    private static readonly string[] AnsweredPerMonth = ["1", "0", "0", "0", "0", "0", "1", "0", "0", "0", "1", "2"];

    /// <summary>Content order of the departments, then the one found only in the cases.</summary>
    private static readonly string[] DepartmentRows =
        ["Phòng Văn hóa – Xã hội", "Văn phòng HĐND và UBND xã", "Trung tâm Phục vụ hành chính công xã", "Phòng Kinh tế", Gone];

    private static IEnumerable<FeedbackCase> Cases() =>
    [
        // Phòng Kinh tế, November: answered on time (rated 5), answered late (rated 2), open past its day, open within it.
        Case(Economy, At(2026, 11, 2), new DateOnly(2026, 11, 10), CaseStatus.Closed, At(2026, 11, 9), 5),
        Case(Economy, At(2026, 11, 3), new DateOnly(2026, 11, 10), CaseStatus.Answered, At(2026, 11, 12), 2),
        Case(Economy, At(2026, 11, 5), new DateOnly(2026, 11, 15), CaseStatus.Accepted),
        Case(Economy, At(2026, 11, 15), new DateOnly(2026, 11, 25), CaseStatus.Received),
        // Half past midnight on 1 October in Vietnam (still 30 September in UTC), answered at 23:30 on its last day: October, on time.
        Case(Economy, At(2026, 10, 1, 0, 30), new DateOnly(2026, 10, 10), CaseStatus.Answered, At(2026, 10, 10, 23, 30), 4),
        // Phòng VHXH: a rejection (neither on time nor overdue), a case in June, and one on 1 December 2025 in Vietnam.
        Case(Culture, At(2026, 10, 31, 23, 59), new DateOnly(2026, 11, 10), CaseStatus.Rejected),
        Case(Culture, At(2026, 6, 10), new DateOnly(2026, 6, 20), CaseStatus.Closed, At(2026, 6, 18), 3),
        Case(Culture, At(2025, 12, 1, 0, 30), new DateOnly(2025, 12, 10), CaseStatus.Closed, At(2025, 12, 5)),
        // November 2025 in Vietnam: before the twelve months, not counted.
        Case(Economy, At(2025, 11, 30, 19), new DateOnly(2025, 12, 10), CaseStatus.Answered, At(2025, 12, 1), 1),
        // A department no longer in the content still shows, by its slug.
        Case(Gone, At(2026, 11, 18), new DateOnly(2026, 12, 1), CaseStatus.Received),
    ];

    private async Task<HttpClient> ClientAsync()
    {
        await portal.SeedOnceAsync(Cases());
        return portal.CreateClient();
    }

    private static List<string> Cells(IElement row) => row.Children.Select(c => c.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_month_table_and_its_chart_show_received_and_answered_per_Vietnam_month()
    {
        var client = await ClientAsync();
        using var response = await client.GetAsync(new Uri("/thong-ke", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var page = await Html.ParseAsync(response);

        var rows = page.QuerySelectorAll("#bang-theo-thang tbody tr").Select(Cells).ToList();
        Assert.Equal(Months.Select(m => $"Tháng {m}"), rows.Select(r => r[0]));
        Assert.Equal(ReceivedPerMonth, rows.Select(r => r[1]));
        Assert.Equal(AnsweredPerMonth, rows.Select(r => r[2]));
        Assert.Equal(["Tháng 11/2026", "5", "2", "1", "2", "3,5 (2)"], rows[^1]);
        Assert.Equal(["Tháng 10/2026", "2", "1", "1", "0", "4,0 (1)"], rows[^2]);
        Assert.Equal(["Tháng 1/2026", "0", "0", "0", "0", "— (0)"], rows[1]);
        Assert.Equal(["Cộng", "9", "5", "4", "2", "3,5 (4)"], Cells(page.QuerySelector("#bang-theo-thang tfoot tr")!));

        var chart = page.QuerySelector("svg#bieu-do-thang")!;
        Assert.Equal(12, chart.QuerySelectorAll("rect.bar-received").Length);
        Assert.Equal(12, chart.QuerySelectorAll("rect.bar-answered").Length);
        Assert.Equal(ReceivedPerMonth, chart.QuerySelectorAll("text.value-received").Select(t => t.TextContent));
        Assert.Equal(AnsweredPerMonth, chart.QuerySelectorAll("text.value-answered").Select(t => t.TextContent));
        Assert.Equal(Months, chart.QuerySelectorAll("text.axis-label").Select(t => t.TextContent));
        // The tallest bar is November's 5 received; bars scale with their numbers.
        var heights = chart.QuerySelectorAll("rect.bar-received").Select(r => int.Parse(r.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(heights.Max(), heights[^1]);
        Assert.Equal(heights[^1] * 2 / 5, heights[^2]);
        Assert.Equal(0, heights[1]);
        // Without colour: a legend in words, and the answered bars hatched.
        Assert.Contains("Đã trả lời (gạch chéo)", chart.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("url(#", chart.QuerySelector("rect.bar-answered")!.GetAttribute("fill"), StringComparison.Ordinal);
        Assert.Contains("Tháng 11/2026: tiếp nhận 5, đã trả lời 2", chart.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_department_table_and_chart_show_on_time_overdue_and_satisfaction_per_department()
    {
        var page = await Html.GetAsync(await ClientAsync(), "/thong-ke");

        var rows = page.QuerySelectorAll("#bang-theo-co-quan tbody tr").Select(Cells).ToList();
        Assert.Equal(DepartmentRows, rows.Select(r => r[0]));
        Assert.Equal(["Phòng Kinh tế", "5", "3", "2", "67%", "2", "3,7 (3)"], rows[3]);
        Assert.Equal(["Phòng Văn hóa – Xã hội", "3", "2", "2", "100%", "0", "3,0 (1)"], rows[0]);
        Assert.Equal(["Văn phòng HĐND và UBND xã", "0", "0", "0", "—", "0", "— (0)"], rows[1]);
        Assert.Equal([Gone, "1", "0", "0", "—", "0", "— (0)"], rows[4]);

        var chart = page.QuerySelector("svg#bieu-do-co-quan")!;
        Assert.Equal(5, chart.QuerySelectorAll("rect.bar-on-time").Length);
        Assert.Equal(DepartmentRows, chart.QuerySelectorAll("text.axis-label").Select(t => t.TextContent));
        var shares = chart.QuerySelectorAll("text.value-on-time").Select(t => t.TextContent).ToList();
        Assert.Equal("100% đúng hạn (2/2)", shares[0]);
        Assert.Equal("chưa có phản ánh được trả lời", shares[1]);
        Assert.Equal("67% đúng hạn (2/3)", shares[3]);
        var widths = chart.QuerySelectorAll("rect.bar-on-time").Select(r => int.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, widths[1]);
        Assert.Equal(Math.Round(widths[0] * 2 / 3.0), widths[3]);

        Assert.Contains("đúng hạn", page.QuerySelector(".stats-rule")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("quá hạn", page.QuerySelector(".stats-rule")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["9", "5", "4", "2", "3,5"], page.QuerySelectorAll(".stats-totals .stats-number").Select(n => n.TextContent.Trim()));
    }

    [Fact]
    public async Task The_department_filter_keeps_only_that_department_in_tables_charts_and_the_csv_link()
    {
        var page = await Html.GetAsync(await ClientAsync(), $"/thong-ke?co-quan={Economy}");

        Assert.Equal(Economy, page.QuerySelector("#co-quan option[selected]")?.GetAttribute("value"));
        Assert.Equal(["Cộng", "5", "3", "2", "2", "3,7 (3)"], Cells(page.QuerySelector("#bang-theo-thang tfoot tr")!));
        Assert.Equal(EconomyPerMonth, page.QuerySelectorAll("#bang-theo-thang tbody tr").Select(r => Cells(r)[1]));
        var only = Assert.Single(page.QuerySelectorAll("#bang-theo-co-quan tbody tr"));
        Assert.Equal("Phòng Kinh tế", Cells(only)[0]);
        Assert.Single(page.QuerySelectorAll("svg#bieu-do-co-quan rect.bar-on-time"));
        Assert.Equal($"/thong-ke/du-lieu.csv?co-quan={Economy}", page.QuerySelector(".stats-download a")!.GetAttribute("href"));
        Assert.Contains("Phòng Kinh tế", page.Title, StringComparison.Ordinal);

        var client = portal.CreateClient();
        using var unknown = await client.GetAsync(new Uri("/thong-ke?co-quan=khong-co", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var unknownCsv = await client.GetAsync(new Uri("/thong-ke/du-lieu.csv?co-quan=%3Cscript%3E", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknownCsv.StatusCode);
    }

    [Fact]
    public async Task The_csv_is_utf8_with_a_bom_and_has_one_row_per_department_and_month()
    {
        var client = await ClientAsync();
        using var response = await client.GetAsync(new Uri("/thong-ke/du-lieu.csv", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("thong-ke-phan-anh-kien-nghi.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());

        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));

        Assert.Equal(["Mã cơ quan", "Cơ quan", "Tháng", "Tiếp nhận", "Đã trả lời", "Đúng hạn", "Quá hạn", "Số lượt đánh giá", "Điểm hài lòng trung bình"], lines[0]);
        var rows = lines.Skip(1).ToList();
        Assert.Equal(5 * 12, rows.Count);
        Assert.Equal(5 * 12, rows.Select(r => (r[0], r[2])).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(9, r.Count));
        Assert.Equal(["phong-kinh-te", "Phòng Kinh tế", "2026-11", "4", "2", "1", "2", "2", "3.50"], rows.Single(r => r[0] == Economy && r[2] == "2026-11"));
        Assert.Equal(["phong-kinh-te", "Phòng Kinh tế", "2026-10", "1", "1", "1", "0", "1", "4.00"], rows.Single(r => r[0] == Economy && r[2] == "2026-10"));
        Assert.Equal(["phong-van-hoa-xa-hoi", "Phòng Văn hóa – Xã hội", "2025-12", "1", "1", "1", "0", "0", ""], rows.Single(r => r[0] == Culture && r[2] == "2025-12"));
        Assert.DoesNotContain(rows, r => r[2] == "2025-11");
        Assert.Equal(9, rows.Sum(r => int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));

        using var filtered = await client.GetAsync(new Uri($"/thong-ke/du-lieu.csv?co-quan={Culture}", UriKind.Relative), TestContext.Current.CancellationToken);
        var filteredRows = Csv.Parse(Encoding.UTF8.GetString(await filtered.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))[1..]).Skip(1).ToList();
        Assert.Equal(12, filteredRows.Count);
        Assert.All(filteredRows, r => Assert.Equal(Culture, r[0]));
        Assert.Equal(3, filteredRows.Sum(r => int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_department_page_shows_its_own_figures_and_links_to_its_statistics()
    {
        var client = await ClientAsync();
        var page = await Html.GetAsync(client, $"/co-quan/{Economy}");
        PageChecks.AssertAccessibleStructure(page, $"/co-quan/{Economy}");

        var section = page.QuerySelector("section[aria-labelledby=phan-anh-co-quan]")!;
        Assert.Equal("Phản ánh, kiến nghị", section.QuerySelector("h2")!.TextContent.Trim());
        string Figure(string name) => section.QuerySelector($"dd[data-figure={name}]")!.TextContent.Trim();
        Assert.Equal("5", Figure("received"));
        Assert.Equal("3", Figure("answered"));
        Assert.Equal("2", Figure("on-time"));
        Assert.Equal("2", Figure("overdue"));
        Assert.Equal("3,7 (3 lượt đánh giá)", Figure("rating"));
        Assert.NotNull(section.QuerySelector($"a[href='/thong-ke?co-quan={Economy}']"));

        var culture = await Html.GetAsync(client, $"/co-quan/{Culture}");
        Assert.Equal("3", culture.QuerySelector("dd[data-figure=received]")!.TextContent.Trim());

        var office = await Html.GetAsync(client, "/co-quan/van-phong-hdnd-ubnd");
        Assert.Contains("Chưa có số liệu", office.QuerySelector("#phan-anh-co-quan")!.ParentElement!.TextContent, StringComparison.Ordinal);

        // An outside body handles no cases: no section.
        var police = await Html.GetAsync(client, "/co-quan/cong-an-xa");
        Assert.Null(police.QuerySelector("#phan-anh-co-quan"));
    }

    [Fact]
    public async Task Overdue_counts_against_the_injected_today()
    {
        await portal.SeedOnceAsync(Cases());
        // Ten days on: the November case due on 25/11 is open past its day; the window now starts in January 2026.
        using var later = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(At(2026, 12, 5)))));
        var page = await Html.GetAsync(later.CreateClient(), $"/thong-ke?co-quan={Economy}");

        var rows = page.QuerySelectorAll("#bang-theo-thang tbody tr").Select(Cells).ToList();
        Assert.Equal("Tháng 1/2026", rows[0][0]);
        Assert.Equal(["Tháng 11/2026", "4", "2", "1", "3", "3,5 (2)"], rows[^2]);
        Assert.Equal(["Tháng 12/2026", "0", "0", "0", "0", "— (0)"], rows[^1]);
    }

    [Theory]
    [InlineData("/thong-ke")]
    [InlineData("/thong-ke?co-quan=phong-kinh-te")]
    public async Task The_page_is_accessible_tables_have_captions_and_headers_and_charts_are_labelled_images(string path)
    {
        var client = await ClientAsync();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = await Html.ParseAsync(response);
        PageChecks.AssertAccessibleStructure(page, path);
        Assert.Equal("Thống kê phản ánh, kiến nghị", page.QuerySelector("h1")!.TextContent.Trim());

        var tables = page.QuerySelectorAll("main table");
        Assert.Equal(2, tables.Length);
        foreach (var table in tables)
        {
            Assert.False(string.IsNullOrWhiteSpace(table.QuerySelector("caption")?.TextContent));
            Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
            Assert.All(table.QuerySelectorAll("tbody tr, tfoot tr"), tr => Assert.Equal("row", tr.QuerySelector("th")?.GetAttribute("scope")));
        }

        var charts = page.QuerySelectorAll("main svg");
        Assert.Equal(2, charts.Length);
        foreach (var svg in charts)
        {
            Assert.Equal("img", svg.GetAttribute("role"));
            var title = svg.QuerySelector("title")!;
            Assert.Equal(title.Id, svg.GetAttribute("aria-labelledby"));
            Assert.False(string.IsNullOrWhiteSpace(title.TextContent));
            var description = svg.QuerySelector("desc")!;
            Assert.Equal(description.Id, svg.GetAttribute("aria-describedby"));
            Assert.False(string.IsNullOrWhiteSpace(description.TextContent));
        }

        // The CSP allows no inline style or script: none is used.
        Assert.Empty(page.QuerySelectorAll("[style], style"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".main-nav a[href='/thong-ke'][aria-current]"));
    }
}
