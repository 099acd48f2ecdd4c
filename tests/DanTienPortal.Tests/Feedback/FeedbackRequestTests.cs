using System.Net;
using System.Text;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace DanTienPortal.Tests.Feedback;

/// <summary>Requests no browser sends to the form: other content types, broken bodies, missing or foreign tokens.</summary>
public sealed class FeedbackRequestTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private const string BadRequestHeading = "Yêu cầu không hợp lệ";

    private readonly FeedbackClient _client = new(portal);

    [Theory]
    [InlineData("application/json", """{"Form.Kind":"gop-y","Form.Title":"Đèn đường","Form.ConsentProcessing":true}""")]
    [InlineData("text/plain", "Form.Kind=gop-y&Form.Title=Đèn đường&Form.ConsentProcessing=true")]
    [InlineData("application/xml", "<Form><Kind>gop-y</Kind></Form>")]
    public async Task A_body_that_is_not_a_form_gets_the_vietnamese_400_page_and_nothing_is_stored(string contentType, string body)
    {
        await _client.OpenFormAsync(); // the antiforgery cookie is there, as in a browser
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await _client.PostAsync(content);

        await AssertBadRequestPageAsync(response);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task A_json_post_with_the_antiforgery_header_and_the_fields_in_the_query_string_is_not_a_500()
    {
        var form = await _client.OpenFormAsync();
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);
        var query = new Dictionary<string, string?>(FeedbackClient.ValidFields().Select(f => KeyValuePair.Create(f.Key, (string?)f.Value))) { ["Ticket"] = form.Ticket };

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(QueryHelpers.AddQueryString(FeedbackClient.FormPath, query), UriKind.Relative))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", form.AntiforgeryToken);
        using var response = await _client.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"got {(int)response.StatusCode}");
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    public static TheoryData<string> BrokenBodies => new()
    {
        "boundary never closed",
        "garbage header line",
        "no boundary parameter",
        "header over the limit",
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_broken_multipart_body_gets_the_vietnamese_400_page_and_nothing_is_stored(string broken)
    {
        var form = await _client.OpenFormAsync();
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);
        var body = new RawMultipart().Field(FeedbackClient.TokenField, form.AntiforgeryToken).Field("Ticket", form.Ticket).Fields(FeedbackClient.ValidFields());
        using var content = broken switch
        {
            "boundary never closed" => body.Build(close: false),
            "garbage header line" => body.Raw($"--{body.Boundary}\r\nthis is no header\r\n\u0001\u0002: \u00ff\r\n\r\nx\r\n").Build(),
            "no boundary parameter" => WithoutBoundary(body.Build()),
            _ => body.Part($"Content-Disposition: form-data; name=\"Form.Address\"\r\nX-Padding: {new string('a', 20_000)}", "x"u8.ToArray()).Build(),
        };

        using var response = await _client.PostAsync(content);

        await AssertBadRequestPageAsync(response);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task A_submission_without_the_antiforgery_token_gets_the_vietnamese_400_page_and_nothing_is_stored()
    {
        var form = await _client.OpenFormAsync();
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(form.Ticket), "Ticket");
        foreach (var (name, value) in FeedbackClient.ValidFields())
        {
            content.Add(new StringContent(value), name);
        }

        using var response = await _client.PostAsync(content);

        await AssertBadRequestPageAsync(response);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task A_submission_with_a_token_from_another_session_gets_the_vietnamese_400_page_and_nothing_is_stored()
    {
        using var other = new FeedbackClient(portal);
        var othersForm = await other.OpenFormAsync();
        await _client.OpenFormAsync(); // this browser has its own antiforgery cookie
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var content = FeedbackClient.Body(othersForm, FeedbackClient.ValidFields());
        using var response = await _client.PostAsync(content);

        await AssertBadRequestPageAsync(response);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task A_forged_ticket_keeps_the_typed_values_and_asks_to_send_again()
    {
        var form = await _client.OpenFormAsync();
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var content = FeedbackClient.Body(form with { Ticket = "CfDJ8-forged-ticket" }, FeedbackClient.ValidFields());
        using var response = await _client.PostAsync(content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Biểu mẫu đã cũ hoặc không đầy đủ", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đèn đường thôn Đông không sáng", page.QuerySelector("#title")!.GetAttribute("value"));
        Assert.NotEqual("CfDJ8-forged-ticket", page.QuerySelector("input[name=Ticket]")!.GetAttribute("value"));
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    public void Dispose() => _client.Dispose();

    private static ByteArrayContent WithoutBoundary(ByteArrayContent content)
    {
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        return content;
    }

    private static async Task AssertBadRequestPageAsync(HttpResponseMessage response)
    {
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal((HttpStatusCode.BadRequest, BadRequestHeading), (response.StatusCode, page.QuerySelector("h1")?.TextContent.Trim()));
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Vui lòng tải lại trang và thử lại.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
