using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Tests.Cases;

/// <summary>A staff member's browser on the case pages, and direct reads of the case tables.</summary>
public static class CaseDeskClient
{
    public const string TokenField = "__RequestVerificationToken";

    public static string CasePath(long id) => $"/can-bo/phan-anh/{id}";

    public static async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await Html.ParseAsync(response));
    }

    /// <summary>
    /// Posts one action of the case page as the browser would, with the page's antiforgery token and
    /// the version the page was rendered with (read from the database when the page has no action form).
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, IDocument page, long id, string handler, IReadOnlyDictionary<string, string>? fields = null, string? connectionString = null)
    {
        var form = page.QuerySelectorAll("form").FirstOrDefault(f => f.GetAttribute("action")?.Contains($"handler={handler}", StringComparison.Ordinal) == true);
        var version = form?.QuerySelector("input[name=Version]")?.GetAttribute("value")
            ?? page.QuerySelector("input[name=Version]")?.GetAttribute("value")
            ?? (await VersionAsync(connectionString!, id)).ToString(CultureInfo.InvariantCulture);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TokenField] = page.QuerySelector($"input[name={TokenField}]")!.GetAttribute("value")!,
            ["Version"] = version,
        };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        using var body = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri($"{CasePath(id)}?handler={handler}", UriKind.Relative), body, TestContext.Current.CancellationToken);
    }

    public static PortalDbContext Db(string connectionString) => new(PortalDbContext.OptionsFor(connectionString));

    public static async Task<FeedbackCase> CaseAsync(string connectionString, long id)
    {
        await using var db = Db(connectionString);
        return await db.Cases.AsNoTracking().Include(c => c.Events).Include(c => c.Attachments).SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken);
    }

    public static async Task<uint> VersionAsync(string connectionString, long id)
    {
        await using var db = Db(connectionString);
        return await db.Cases.Where(c => c.Id == id).Select(c => c.Version).SingleAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<List<CaseAccess>> AccessesAsync(string connectionString, long id)
    {
        await using var db = Db(connectionString);
        return await db.CaseAccesses.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Today in Vietnam, as the portal counts due dates.</summary>
    public static DateOnly Today => Deadlines.LocalDate(DateTimeOffset.UtcNow);

    public static string Sql(DateOnly day) => $"'{day:yyyy-MM-dd}'";

    /// <summary>The codes listed in the inbox table.</summary>
    public static List<string> Codes(IDocument inbox) =>
        inbox.QuerySelectorAll("table.case-table tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();

    public static IElement? Row(IDocument inbox, string code) =>
        inbox.QuerySelectorAll("table.case-table tbody tr").FirstOrDefault(r => r.QuerySelector("td")!.TextContent.Trim() == code);
}
