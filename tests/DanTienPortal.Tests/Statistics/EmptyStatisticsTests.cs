using System.Net;
using System.Text;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Statistics;

/// <summary>The statistics of a commune that has received nothing yet: no chart, no division by zero, a clear message.</summary>
public sealed class EmptyStatisticsTests(StatisticsPortal portal) : IClassFixture<StatisticsPortal>
{
    [Theory]
    [InlineData("/thong-ke")]
    [InlineData("/thong-ke?co-quan=phong-kinh-te")]
    public async Task With_no_case_the_page_says_there_are_no_figures_yet(string path)
    {
        using var response = await portal.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = await Html.ParseAsync(response);
        PageChecks.AssertAccessibleStructure(page, path);

        Assert.Contains("Chưa có số liệu", page.QuerySelector(".stats-empty")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main svg"));
        Assert.Empty(page.QuerySelectorAll("main table"));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", html, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".stats-download a[href^='/thong-ke/du-lieu.csv']"));
    }

    [Fact]
    public async Task With_no_case_the_csv_has_every_department_and_month_at_zero()
    {
        var bytes = await portal.CreateClient().GetByteArrayAsync(new Uri("/thong-ke/du-lieu.csv", UriKind.Relative), TestContext.Current.CancellationToken);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)).Skip(1).ToList();

        Assert.Equal(4 * 12, rows.Count);
        Assert.All(rows, r => Assert.Equal(["0", "0", "0", "0", "0", ""], r[3..]));
    }

    [Fact]
    public async Task With_no_case_a_department_page_says_there_are_no_figures_yet()
    {
        var page = await Html.GetAsync(portal.CreateClient(), "/co-quan/phong-kinh-te");
        var section = page.QuerySelector("#phan-anh-co-quan")!.ParentElement!;
        Assert.Contains("Chưa có số liệu", section.TextContent, StringComparison.Ordinal);
        Assert.Empty(section.QuerySelectorAll("dd"));
        Assert.NotNull(section.QuerySelector("a[href='/thong-ke?co-quan=phong-kinh-te']"));
    }
}
