using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace DanTienPortal.Tests.Feedback;

/// <summary>A file to attach: its name and type as the browser claims them, and its bytes.</summary>
public sealed record FilePart(string FileName, string ContentType, byte[] Content);

/// <summary>An empty form as the portal hands it out: the antiforgery token and the sealed ticket.</summary>
public sealed record FormPage(string AntiforgeryToken, string Ticket, IDocument Document);

/// <summary>Where a good submission leads: its tracking code and the key of its private link.</summary>
public sealed record Receipt(string Code, string Key, string Location);

/// <summary>
/// A citizen's browser on the feedback pages: keeps the cookies (antiforgery), does not follow
/// redirects (so a submission's 302 can be read), and makes valid submissions in one call.
/// </summary>
public sealed class FeedbackClient : IDisposable
{
    public const string FormPath = "/phan-anh-kien-nghi/gui";
    public const string TrackPath = "/phan-anh-kien-nghi/tra-cuu";
    public const string TokenField = "__RequestVerificationToken";
    public const string Phone = "0912 345 678";

    /// <summary>
    /// A browser on the app in the test server; with <paramref name="clientAddress"/>, a client at
    /// that address behind the reverse proxy (which names it in X-Forwarded-For).
    /// </summary>
    public FeedbackClient(WebApplicationFactory<Program> portal, string? clientAddress = null)
        : this(portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }))
    {
        if (clientAddress is not null)
        {
            Http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        }
    }

    /// <summary>A browser on an app listening at <paramref name="address"/> (Kestrel), over real HTTP.</summary>
    public FeedbackClient(Uri address)
        : this(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = address })
    {
    }

    private FeedbackClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>Every field of a submission that passes all checks; tests change what they probe.</summary>
    public static Dictionary<string, string> ValidFields(string kind = "gop-y") => new(StringComparer.Ordinal)
    {
        ["Form.Kind"] = kind,
        ["Form.Category"] = "ha-tang",
        ["Form.Procedure"] = "",
        ["Form.Hamlet"] = "Thôn Đông",
        ["Form.Title"] = "Đèn đường thôn Đông không sáng",
        ["Form.Content"] = "Từ đầu tháng, ba cột đèn đường ở cuối thôn Đông không sáng, buổi tối đi lại rất nguy hiểm. Đề nghị xã kiểm tra, sửa chữa.",
        ["Form.Name"] = "Nguyễn Thị Hoa",
        ["Form.Address"] = "Số 12, thôn Đông, xã Dân Tiến",
        ["Form.Phone"] = Phone,
        ["Form.Email"] = "",
        ["Form.ComplaintSubject"] = kind == "khieu-nai" ? "Quyết định số 12/QĐ-UBND ngày 05/01/2026 về việc thu hồi đất" : "",
        ["Form.ComplaintAgainst"] = kind is "khieu-nai" or "hanh-vi" ? "Bộ phận địa chính xã" : "",
        ["Form.ConsentProcessing"] = "true",
        ["Form.Website"] = "",
    };

    public async Task<FormPage> OpenFormAsync(string path = FormPath)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var token = page.QuerySelector($"form input[name={TokenField}]")?.GetAttribute("value");
        var ticket = page.QuerySelector("form input[name=Ticket]")?.GetAttribute("value");
        Assert.NotNull(token);
        return new FormPage(token, ticket ?? "", page);
    }

    /// <summary>The multipart body a browser would send for this form, these fields and files.</summary>
    public static MultipartFormDataContent Body(FormPage form, IReadOnlyDictionary<string, string> fields, IEnumerable<FilePart>? files = null)
    {
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(form.AntiforgeryToken), TokenField);
        content.Add(new StringContent(form.Ticket), "Ticket");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var file in files ?? [])
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            content.Add(part, "Files", file.FileName);
        }

        return content;
    }

    public async Task<HttpResponseMessage> PostAsync(HttpContent body) =>
        await Http.PostAsync(new Uri(FormPath, UriKind.Relative), body, TestContext.Current.CancellationToken);

    /// <summary>Opens the form and sends it with the valid fields, as changed by <paramref name="change"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(Action<Dictionary<string, string>>? change = null, IEnumerable<FilePart>? files = null, string kind = "gop-y")
    {
        var form = await OpenFormAsync();
        var fields = ValidFields(kind);
        change?.Invoke(fields);
        using var body = Body(form, fields, files);
        return await PostAsync(body);
    }

    /// <summary>Submits a valid form and returns its receipt, failing the test if it was not accepted.</summary>
    public async Task<Receipt> SubmitValidAsync(Action<Dictionary<string, string>>? change = null, IEnumerable<FilePart>? files = null, string kind = "gop-y")
    {
        using var response = await SubmitAsync(change, files, kind);
        return await ReceiptOfAsync(response);
    }

    /// <summary>The receipt a good submission redirects to; a failed one fails the test with its errors.</summary>
    public static async Task<Receipt> ReceiptOfAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await Html.ParseAsync(response);
            var errors = string.Join(" | ", page.QuerySelectorAll(".error-summary li, h1").Select(e => e.TextContent.Trim()));
            Assert.Fail($"Expected a redirect to the receipt, got {(int)response.StatusCode}: {errors}");
        }

        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(TrackPath + "?", location, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), location).Query);
        Assert.Equal("1", query["moi"].ToString());
        return new Receipt(query["ma"].ToString(), query["khoa"].ToString(), location);
    }

    /// <summary>Looks a case up by code and phone through the tracking form.</summary>
    public async Task<HttpResponseMessage> LookupAsync(string code, string phone)
    {
        var form = await OpenFormAsync(TrackPath);
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [TokenField] = form.AntiforgeryToken, ["Code"] = code, ["Phone"] = phone,
        });
        return await Http.PostAsync(new Uri(TrackPath, UriKind.Relative), body, TestContext.Current.CancellationToken);
    }

    public async Task<HttpResponseMessage> GetAsync(string path) =>
        await Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// A multipart/form-data body written byte by byte, for what <see cref="MultipartFormDataContent"/>
/// cannot send: bytes that are not UTF-8, a boundary never closed, broken part headers.
/// </summary>
public sealed class RawMultipart
{
    private readonly List<byte> _body = [];

    public string Boundary { get; } = "----DanTienBoundary" + Guid.NewGuid().ToString("N");

    public RawMultipart Field(string name, string value) => Field(name, Encoding.UTF8.GetBytes(value));

    public RawMultipart Field(string name, byte[] value) =>
        Part($"Content-Disposition: form-data; name=\"{name}\"", value);

    public RawMultipart Fields(IEnumerable<KeyValuePair<string, string>> fields)
    {
        foreach (var (name, value) in fields)
        {
            Field(name, value);
        }

        return this;
    }

    public RawMultipart File(FilePart file) =>
        Part($"Content-Disposition: form-data; name=\"Files\"; filename=\"{file.FileName}\"\r\nContent-Type: {file.ContentType}", file.Content);

    /// <summary>A part with exactly these header lines (CRLF-separated) and this body.</summary>
    public RawMultipart Part(string headers, byte[] content)
    {
        Write($"--{Boundary}\r\n{headers}\r\n\r\n");
        _body.AddRange(content);
        Write("\r\n");
        return this;
    }

    /// <summary>Any bytes at this point of the body.</summary>
    public RawMultipart Raw(string text)
    {
        Write(text);
        return this;
    }

    public ByteArrayContent Build(bool close = true)
    {
        var bytes = _body.ToArray();
        if (close)
        {
            bytes = [.. bytes, .. Encoding.ASCII.GetBytes($"--{Boundary}--\r\n")];
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return content;
    }

    private void Write(string text) => _body.AddRange(Encoding.UTF8.GetBytes(text));
}
