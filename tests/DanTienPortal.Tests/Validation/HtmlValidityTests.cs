using System.Net;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;

namespace DanTienPortal.Tests.Validation;

/// <summary>
/// Valid HTML: one page of every public type and the staff pages, fetched as served, pass the
/// Nu Html Checker with zero errors. All pages go through one run of the checker.
/// </summary>
public sealed class HtmlValidityTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private readonly string _folder = TestFolders.Create("vnu");
    private readonly List<string> _files = [];
    private bool _passed;

    [Fact]
    public async Task Every_public_page_type_and_the_staff_pages_have_no_html_errors()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var installing = NuHtmlChecker.EnsureInstalledAsync(cancellationToken);

        using var citizen = new FeedbackClient(portal);
        var receipt = await citizen.SubmitValidAsync();
        var caseId = (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Id;

        await SaveAsync(citizen.Http, "home", "/");
        await SaveAsync(citizen.Http, "procedures", "/thu-tuc");
        await SaveAsync(citizen.Http, "procedure", "/thu-tuc/dang-ky-khai-sinh");
        await SaveAsync(citizen.Http, "plan", "/ke-hoach/cai-cach-hanh-chinh-2026");
        await SaveAsync(citizen.Http, "plan-tasks", "/ke-hoach/cai-cach-hanh-chinh-2026/nhiem-vu");
        await SaveAsync(citizen.Http, "department", "/co-quan/phong-kinh-te");
        await SaveAsync(citizen.Http, "news", "/tin-tuc");
        await SaveAsync(citizen.Http, "news-article", "/tin-tuc/chuyen-doi-so-chinh-quyen-so");
        Assert.Contains("class=\"search-results\"", await SaveAsync(citizen.Http, "search-results", "/tim-kiem?q=khai+sinh"), StringComparison.Ordinal);
        Assert.Contains("Không tìm thấy kết quả nào", await SaveAsync(citizen.Http, "search-no-results", "/tim-kiem?q=zqxwvy+kjhgf"), StringComparison.Ordinal);
        await SaveAsync(citizen.Http, "feedback", "/phan-anh-kien-nghi");
        await SaveAsync(citizen.Http, "feedback-form", FeedbackClient.FormPath);
        await SaveAsync(citizen.Http, "feedback-lookup", FeedbackClient.TrackPath);
        await SaveAsync(citizen.Http, "feedback-case", receipt.Location);
        await SaveAsync(citizen.Http, "statistics", "/thong-ke");
        await SaveAsync(citizen.Http, "content-page", "/gioi-thieu");
        await SaveAsync(citizen.Http, "not-found", "/khong-co-trang-nay", HttpStatusCode.NotFound);
        await SaveAsync(citizen.Http, "staff-sign-in", "/can-bo/dang-nhap");

        // The form sent empty comes back with its error summary and the message beside each field.
        var form = await citizen.OpenFormAsync();
        using (var empty = FeedbackClient.Body(form, new Dictionary<string, string>()))
        using (var withErrors = await citizen.PostAsync(empty))
        {
            Assert.Equal(HttpStatusCode.OK, withErrors.StatusCode);
            var body = await withErrors.Content.ReadAsStringAsync(cancellationToken);
            Assert.Contains("error-summary", body, StringComparison.Ordinal);
            await SaveBodyAsync("feedback-form-errors", body);
        }

        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        await SaveAsync(admin.Client, "staff-home", "/can-bo");
        await SaveAsync(admin.Client, "staff-inbox", "/can-bo/phan-anh");
        await SaveAsync(admin.Client, "staff-case", $"/can-bo/phan-anh/{caseId}");
        await SaveAsync(admin.Client, "staff-news", "/can-bo/tin-tuc");
        await SaveAsync(admin.Client, "staff-news-editor", "/can-bo/tin-tuc/soan");
        await SaveAsync(admin.Client, "staff-users", "/can-bo/nguoi-dung");
        await SaveAsync(admin.Client, "staff-account", "/can-bo/tai-khoan");
        await SaveAsync(admin.Client, "staff-tasks", "/can-bo/nhiem-vu");

        await installing;
        var errors = await NuHtmlChecker.CheckAsync(_files, cancellationToken);
        Assert.True(
            errors.Count == 0,
            $"The Nu Html Checker {NuHtmlChecker.Version} found {errors.Count} error(s) in the pages saved to {_folder}:\n" +
            string.Join("\n", errors));
        _passed = true;
    }

    /// <summary>Fetches the page, checks its status, saves its body for the checker and returns it.</summary>
    private async Task<string> SaveAsync(HttpClient client, string name, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"{path}: expected {(int)expected}, got {(int)response.StatusCode}");
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await SaveBodyAsync(name, body);
        return body;
    }

    private async Task SaveBodyAsync(string name, string body)
    {
        var file = Path.Combine(_folder, $"{name}.html");
        await File.WriteAllTextAsync(file, body, TestContext.Current.CancellationToken);
        _files.Add(file);
    }

    public void Dispose()
    {
        // On failure the saved pages stay, for reading beside the checker's line numbers.
        if (_passed)
        {
            TestFolders.Delete(_folder);
        }
    }
}
