using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Content;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Content;

/// <summary>The real content, served: every page the sitemap lists, the catalogue, the plan and its tracker.</summary>
public sealed class ContentPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>The 48 procedures of shared/reference/procedures-required.md, by the slug of their page.</summary>
    public static readonly TheoryData<string> RequiredProcedures = new(
        "dang-ky-khai-sinh", "dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai", "dang-ky-lai-khai-sinh", "dang-ky-ket-hon",
        "dang-ky-ket-hon-co-yeu-to-nuoc-ngoai", "dang-ky-khai-tu", "dang-ky-nhan-cha-me-con", "dang-ky-khai-sinh-ket-hop-nhan-cha-me-con",
        "dang-ky-giam-ho", "dang-ky-cham-dut-giam-ho", "thay-doi-cai-chinh-bo-sung-thong-tin-ho-tich", "xac-nhan-tinh-trang-hon-nhan",
        "cap-ban-sao-trich-luc-ho-tich", "dang-ky-nuoi-con-nuoi-trong-nuoc", "lien-thong-khai-sinh-thuong-tru-bhyt",
        "lien-thong-khai-tu-xoa-thuong-tru-mai-tang-phi", "chung-thuc-ban-sao-tu-ban-chinh", "chung-thuc-chu-ky",
        "chung-thuc-chu-ky-nguoi-dich", "chung-thuc-hop-dong-giao-dich", "chung-thuc-di-chuc", "chung-thuc-van-ban-thoa-thuan-phan-chia-di-san",
        "dang-ky-dat-dai-cap-giay-chung-nhan-lan-dau", "dang-ky-bien-dong-dat-dai", "hoa-giai-tranh-chap-dat-dai", "chuyen-muc-dich-su-dung-dat",
        "cap-giay-phep-xay-dung-nha-o-rieng-le", "cap-giay-phep-sua-chua-cai-tao-cong-trinh", "dang-ky-thanh-lap-ho-kinh-doanh",
        "dang-ky-thay-doi-noi-dung-ho-kinh-doanh", "tam-ngung-tiep-tuc-kinh-doanh-ho-kinh-doanh", "cham-dut-hoat-dong-ho-kinh-doanh",
        "tro-cap-xa-hoi-hang-thang", "ho-tro-chi-phi-mai-tang-bao-tro-xa-hoi", "xac-dinh-muc-do-khuyet-tat", "cong-nhan-ho-ngheo-ho-can-ngheo",
        "tro-cap-mai-tang-phi-nguoi-co-cong", "chuyen-truong-tieu-hoc-trung-hoc-co-so", "thanh-lap-nhom-tre-lop-mau-giao-doc-lap",
        "giai-quyet-khieu-nai-lan-dau", "giai-quyet-to-cao", "tiep-nhan-xu-ly-phan-anh-kien-nghi", "cong-nhan-hoa-giai-vien-thanh-lap-to-hoa-giai",
        "thong-bao-to-chuc-le-hoi", "ho-tro-khac-phuc-thiet-hai-thien-tai", "dang-ky-thuong-tru", "cap-the-can-cuoc", "cap-doi-the-bao-hiem-y-te");

    private readonly HttpClient _client = portal.CreateClient();

    private ContentSnapshot Content => portal.Services.GetRequiredService<ContentStore>().Current;

    [Fact]
    public void The_catalogue_holds_exactly_the_48_required_procedures()
    {
        var required = RequiredProcedures.Select(row => row.Data).ToHashSet();
        Assert.Equal(48, required.Count);
        Assert.Equal(required.Order(), Content.Procedures.Select(p => p.Slug).Order());
        Assert.Empty(Content.Problems);
    }

    [Theory]
    [MemberData(nameof(RequiredProcedures))]
    public async Task Each_procedure_page_has_its_summary_checklist_sections_and_structured_data(string slug)
    {
        var procedure = Content.ProceduresBySlug[slug];
        using var response = await _client.GetAsync(new Uri($"/thu-tuc/{slug}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        PageChecks.AssertAccessibleStructure(page, slug);

        Assert.Equal(procedure.Title, page.QuerySelector("h1")!.TextContent.Trim());
        var summary = page.QuerySelector(".summary-box dl")!;
        var terms = summary.QuerySelectorAll("dt").Select(dt => dt.TextContent.Trim()).ToList();
        Assert.Subset(terms.ToHashSet(), new HashSet<string> { "Thời hạn giải quyết", "Lệ phí", "Nơi nộp", "Trực tuyến", "Cơ quan thực hiện" });
        Assert.Contains(procedure.Fee, summary.TextContent, StringComparison.Ordinal);

        // Facts listed as unconfirmed are marked beside their value.
        foreach (var (key, term) in new[] { ("processing_time", "Thời hạn giải quyết"), ("fee", "Lệ phí"), ("online", "Trực tuyến") })
        {
            var value = summary.QuerySelectorAll("div").First(d => d.QuerySelector("dt")!.TextContent.Trim() == term).QuerySelector("dd")!;
            Assert.Equal(procedure.Unconfirmed.Contains(key), value.QuerySelector(".unconfirmed") is not null);
        }

        var checklist = page.QuerySelector("#thanh-phan-ho-so ~ ul.checklist");
        Assert.NotNull(checklist);
        Assert.NotEmpty(checklist.QuerySelectorAll("li"));
        var sections = page.QuerySelectorAll(".prose h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(ContentLoader.ProcedureSections, sections.Where(ContentLoader.ProcedureSections.Contains));

        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("GovernmentService", json.RootElement.GetProperty("@type").GetString());
        Assert.Equal(procedure.Title, json.RootElement.GetProperty("name").GetString());
        Assert.Equal("GovernmentOrganization", json.RootElement.GetProperty("provider").GetProperty("@type").GetString());

        Assert.Contains(Display.Date(procedure.LastReviewed), page.QuerySelector(".procedure-footer")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/co-quan/{procedure.AgencySlug}']"));
    }

    [Fact]
    public async Task Every_page_in_the_sitemap_answers_200_with_an_accessible_structure()
    {
        using var response = await _client.GetAsync(new Uri("/sitemap.xml", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var paths = sitemap.Descendants(ns + "loc").Select(loc => new Uri(loc.Value).PathAndQuery).ToList();

        Assert.Equal(paths.Count, paths.Distinct().Count());
        Assert.All(RequiredProcedures, row => Assert.Contains($"/thu-tuc/{row.Data}", paths));
        Assert.All(Content.Agencies, agency => Assert.Contains($"/co-quan/{agency.Slug}", paths));
        Assert.Contains("/ke-hoach/cai-cach-hanh-chinh-2026", paths);
        Assert.Contains("/ke-hoach/cai-cach-hanh-chinh-2026/nhiem-vu", paths);
        Assert.Contains("/gioi-thieu", paths);
        Assert.Contains("/lien-he", paths);
        Assert.Contains("/tin-tuc", paths);

        foreach (var path in paths.Where(p => !p.StartsWith("/thu-tuc/", StringComparison.Ordinal)))
        {
            using var pageResponse = await _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(pageResponse.StatusCode == HttpStatusCode.OK, $"{path} answered {pageResponse.StatusCode}");
            PageChecks.AssertAccessibleStructure(await Html.ParseAsync(pageResponse), path);
        }
    }

    [Fact]
    public async Task Robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages()
    {
        var robots = await _client.GetStringAsync(new Uri("/robots.txt", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /can-bo/", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /phan-anh-kien-nghi/tra-cuu", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_configured_public_address_no_request_host_reaches_links_or_the_sitemap()
    {
        await using var app = portal.WithWebHostBuilder(b => b.UseSetting("Site:PublicUrl", "https://dantien.example.vn"));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Host = "attacker.example";

        var page = await Html.GetAsync(client, "/thu-tuc/dang-ky-khai-sinh");
        Assert.Equal("https://dantien.example.vn/thu-tuc/dang-ky-khai-sinh", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("https://dantien.example.vn/thu-tuc/dang-ky-khai-sinh", page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.Contains("https://dantien.example.vn/thu-tuc/dang-ky-khai-sinh", page.QuerySelector("script[type='application/ld+json']")!.TextContent, StringComparison.Ordinal);

        var sitemap = await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("<loc>https://dantien.example.vn/thu-tuc</loc>", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", sitemap, StringComparison.Ordinal);
        var robots = await client.GetStringAsync(new Uri("/robots.txt", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("Sitemap: https://dantien.example.vn/sitemap.xml", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_is_published_whole_with_its_contents_and_typos_corrected()
    {
        var page = await Html.GetAsync(_client, "/ke-hoach/cai-cach-hanh-chinh-2026");

        Assert.Equal("Kế hoạch cải cách hành chính xã Dân Tiến năm 2026", page.QuerySelector("h1")!.TextContent.Trim());
        var toc = page.QuerySelectorAll("nav.toc a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("I. MỤC ĐÍCH, YÊU CẦU", toc);
        Assert.Contains("II. NỘI DUNG KẾ HOẠCH", toc);
        Assert.Contains("III. TỔ CHỨC THỰC HIỆN", toc);
        Assert.Contains("6. Xây dựng và phát triển chính quyền điện tử, chính quyền số", toc);
        Assert.Contains("1. Cải cách thể chế", toc);
        Assert.Contains("7. Tuyên truyền về cải cách hành chính", toc);
        Assert.Contains("4. Phòng Kinh tế xã", toc);

        var text = page.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("VHXXH", text, StringComparison.Ordinal);
        Assert.Contains("Lưu: VT, VHXH.", text, StringComparison.Ordinal);
        Assert.Contains("Cổng Dịch vụ công quốc gia đúng quy định", text, StringComparison.Ordinal);
        Assert.Contains("Luật Cán bộ, công chức; Luật Viên chức", text, StringComparison.Ordinal);
        Assert.Contains("Mông Thị Tuyết Nhung", text, StringComparison.Ordinal);
        Assert.Equal(12, page.QuerySelectorAll(".task-table tbody tr").Length);
    }

    [Fact]
    public async Task The_task_tracker_shows_each_task_with_linked_agencies_deadline_and_status()
    {
        var page = await Html.GetAsync(_client, "/ke-hoach/cai-cach-hanh-chinh-2026/nhiem-vu");
        var rows = page.QuerySelectorAll(".task-table tbody tr");

        Assert.Equal([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13], rows.Select(r => int.Parse(r.Children[0].TextContent, System.Globalization.CultureInfo.InvariantCulture)));
        var task3 = rows[2];
        Assert.Equal("/co-quan/trung-tam-phuc-vu-hanh-chinh-cong", task3.Children[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Tháng 01/2026", task3.Children[4].TextContent.Trim());
        Assert.Equal("Chưa cập nhật", task3.Children[5].TextContent.Trim());
        var task4Partners = rows[3].Children[3];
        Assert.Equal("/co-quan/phong-van-hoa-xa-hoi", task4Partners.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Các cơ quan, ban, ngành xã", task4Partners.TextContent, StringComparison.Ordinal);

        foreach (var href in page.QuerySelectorAll(".task-table a").Select(a => a.GetAttribute("href")!).Distinct())
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri(href, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        }

        var filtered = await Html.GetAsync(_client, "/ke-hoach/cai-cach-hanh-chinh-2026/nhiem-vu?co-quan=phong-kinh-te");
        var only = Assert.Single(filtered.QuerySelectorAll(".task-table tbody tr"));
        Assert.Equal("12", only.Children[0].TextContent.Trim());
    }

    [Fact]
    public async Task A_department_page_lists_its_duties_procedures_and_tasks()
    {
        var page = await Html.GetAsync(_client, "/co-quan/phong-kinh-te");

        Assert.Equal("Phòng Kinh tế", page.QuerySelector("h1")!.TextContent.Trim());
        var procedures = page.QuerySelectorAll("#thu-tuc-co-quan ~ .procedure-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Content.ProceduresOf("phong-kinh-te").Select(p => p.Url), procedures);
        Assert.Contains("/thu-tuc/dang-ky-thanh-lap-ho-kinh-doanh", procedures);
        Assert.Single(page.QuerySelectorAll(".task-table tbody tr"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#nhiem-vu-co-quan + .prose")?.TextContent));
        Assert.Contains("Chưa công bố", page.QuerySelector(".contact")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?linh-vuc=chung-thuc", 6)]
    [InlineData("?linh-vuc=ho-tich", 16)]
    [InlineData("?co-quan=cong-an-xa", 2)]
    [InlineData("?linh-vuc=ho-tich&co-quan=phong-kinh-te", 0)]
    [InlineData("?linh-vuc=khong-co&truc-tuyen=%3Cscript%3E", 0)]
    public async Task The_catalogue_filters_by_field_agency_and_online_level_in_the_query_string(string query, int expected)
    {
        using var response = await _client.GetAsync(new Uri($"/thu-tuc{query}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);

        Assert.Equal(expected, page.QuerySelectorAll(".procedure-list li").Length);
        Assert.Equal($"{expected} thủ tục", page.QuerySelector(".result-count")!.TextContent.Trim());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_online_filter_keeps_only_procedures_of_that_level_and_the_form_remembers_the_choice()
    {
        var page = await Html.GetAsync(_client, "/thu-tuc?truc-tuyen=khong");
        var expected = Content.Procedures.Where(p => p.Online == OnlineLevel.None).Select(p => p.Url).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), page.QuerySelectorAll(".procedure-list a").Select(a => a.GetAttribute("href")!).Order());
        Assert.Equal("khong", page.QuerySelector("#truc-tuyen option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task The_unfiltered_catalogue_groups_all_procedures_by_field()
    {
        var page = await Html.GetAsync(_client, "/thu-tuc");
        Assert.Equal(48, page.QuerySelectorAll(".procedure-list li").Length);
        var groups = page.QuerySelectorAll(".field-group h2").Select(h => h.Id).ToList();
        Assert.Equal(Content.Fields.Where(f => Content.Procedures.Any(p => p.FieldKey == f.Key)).Select(f => $"lv-{f.Key}"), groups);
    }

    [Fact]
    public async Task The_home_page_shows_most_used_procedures_latest_news_plan_summary_and_feedback_call()
    {
        var page = await Html.GetAsync(_client, "/");

        var popular = page.QuerySelectorAll("#popular-title ~ .procedure-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Content.Popular.Take(8).Select(p => p.Url), popular);
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", popular[0]);
        Assert.Equal(Content.News.Take(3).Select(n => n.Url), page.QuerySelectorAll("#news-title ~ .news-list a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector(".plan-summary a[href='/ke-hoach/cai-cach-hanh-chinh-2026']"));
        Assert.Contains("12", page.QuerySelector(".plan-summary .summary-counts")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".cta a[href='/phan-anh-kien-nghi/gui']"));
    }

    [Theory]
    [InlineData("/thu-tuc/khong-co-thu-tuc-nay")]
    [InlineData("/co-quan/khong-co")]
    [InlineData("/tin-tuc/khong-co")]
    [InlineData("/ke-hoach/ke-hoach-khac")]
    [InlineData("/khong-co-trang")]
    [InlineData("/tin-tuc?trang=99")]
    public async Task Unknown_content_answers_the_404_page(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Không tìm thấy trang", (await Html.ParseAsync(response)).QuerySelector("h1")!.TextContent.Trim());
    }
}
