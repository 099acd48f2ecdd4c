using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.News;

/// <summary>An editor at the news editor: opens its form and posts it back as a browser would, hidden fields included.</summary>
public sealed class NewsDesk(StaffSession session)
{
    public const string NewPost = "/can-bo/tin-tuc/soan";

    public HttpClient Client => session.Client;

    public Task<IDocument> OpenAsync(string path) => Html.GetAsync(Client, path);

    /// <summary>
    /// Posts the editor's form at <paramref name="path"/> with the button <paramref name="command"/>: the
    /// fields the form holds, overridden by <paramref name="fields"/>, and a cover file when given.
    /// <paramref name="form"/> is the page the browser had open (opened now when null).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(
        string path, string command, IReadOnlyDictionary<string, string>? fields = null, (byte[] Bytes, string FileName)? cover = null, IDocument? form = null)
    {
        form ??= await OpenAsync(path);
        var values = form.QuerySelectorAll("form.news-form input[name], form.news-form textarea[name]")
            .Where(e => e.GetAttribute("type") is not ("file" or "checkbox"))
            .ToDictionary(e => e.GetAttribute("name")!, e => e is AngleSharp.Html.Dom.IHtmlTextAreaElement area ? area.Value : e.GetAttribute("value") ?? "");
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        values["Command"] = command;
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }

        if (cover is { } file)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "Cover", file.FileName);
        }

        return await Client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    /// <summary>Writes a post and saves it with <paramref name="command"/>; returns the address of its edit page.</summary>
    public async Task<string> CreateAsync(string title, string command = "draft", string summary = "Tóm tắt bài.", string body = "Nội dung bài.",
        IReadOnlyDictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string> { ["Form.Title"] = title, ["Form.Summary"] = summary, ["Form.Body"] = body };
        foreach (var (name, value) in more ?? new Dictionary<string, string>())
        {
            fields[name] = value;
        }

        using var response = await SubmitAsync(NewPost, command, fields);
        return await SavedAtAsync(response);
    }

    /// <summary>The edit page a successful save redirects to; a failure shows the page's error summary.</summary>
    public static async Task<string> SavedAtAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await Html.ParseAsync(response);
            Assert.Fail($"Not saved ({(int)response.StatusCode}): {page.QuerySelector(".error-summary")?.TextContent ?? page.Title}");
        }

        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/can-bo/tin-tuc/soan/", location, StringComparison.Ordinal);
        return location.Split('?')[0];
    }
}
