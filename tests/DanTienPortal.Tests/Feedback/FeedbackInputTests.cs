using System.Net;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Feedback;

/// <summary>Hostile and broken text in the form's fields, robots, and the same form sent twice.</summary>
public sealed class FeedbackInputTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private const string Script = "<script>alert(1)</script>";
    private const string Sql = "'; DROP TABLE feedback_cases; --";

    private readonly FeedbackClient _client = new(portal);

    [Fact]
    public async Task Script_tags_and_sql_in_every_text_field_are_stored_verbatim_and_shown_encoded()
    {
        var hostile = $"{Script} {Sql}";
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        var receipt = await _client.SubmitValidAsync(kind: "khieu-nai", change: f =>
        {
            foreach (var field in (string[])["Form.Title", "Form.Content", "Form.Name", "Form.Address", "Form.Hamlet", "Form.ComplaintSubject", "Form.ComplaintAgainst"])
            {
                f[field] = hostile;
            }
        });

        var stored = await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code);
        Assert.All(
            (string?[])[stored.Title, stored.Content, stored.Name, stored.Address, stored.Hamlet, stored.ComplaintSubject, stored.ComplaintAgainst],
            value => Assert.Equal(hostile, value));
        var after = await FeedbackDb.CountAsync(portal.ConnectionString);
        Assert.Equal(before.Cases + 1, after.Cases);
        Assert.Equal(before.Events + 2, after.Events);

        // The receipt page and the lookup by phone show the text as text, never as markup.
        foreach (var response in (HttpResponseMessage[])[await _client.GetAsync(receipt.Location), await _client.LookupAsync(receipt.Code, FeedbackClient.Phone)])
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
                var page = await Html.ParseAsync(response);
                Assert.Contains(hostile, page.QuerySelector(".case-content")!.TextContent, StringComparison.Ordinal);
            }
        }

        // The table the SQL names is still there, with the case in it.
        Assert.Contains(receipt.Code, await FeedbackDb.CodesAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task Invalid_utf8_bytes_and_nul_in_text_fields_are_stored_whole_with_replacement_characters()
    {
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);
        var form = await _client.OpenFormAsync();
        byte[] broken = [.. "Đèn đường "u8, 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, 0x00, .. " hỏng"u8];
        var fields = FeedbackClient.ValidFields();
        fields.Remove("Form.Title");
        fields.Remove("Form.Name");
        var body = new RawMultipart()
            .Field(FeedbackClient.TokenField, form.AntiforgeryToken)
            .Field("Ticket", form.Ticket)
            .Fields(fields)
            .Field("Form.Title", broken)
            .Field("Form.Name", [0xC0, 0xAF, .. "Nguyễn Văn Bình"u8, 0xF8, 0x88, 0x80, 0x80, 0x80]);

        using var content = body.Build();
        using var response = await _client.PostAsync(content);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var receipt = await FeedbackClient.ReceiptOfAsync(response);
        var stored = await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code);
        Assert.StartsWith("Đèn đường \uFFFD(\uFFFD", stored.Title, StringComparison.Ordinal);
        Assert.EndsWith(" hỏng", stored.Title, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', stored.Title);
        Assert.Contains("Nguyễn Văn Bình", stored.Name, StringComparison.Ordinal);

        // All of it or nothing: the case with its two audit lines and its notice.
        var after = await FeedbackDb.CountAsync(portal.ConnectionString);
        Assert.Equal(before.Cases + 1, after.Cases);
        Assert.Equal(before.Events + 2, after.Events);
        Assert.Equal(before.Attachments, after.Attachments);
    }

    [Fact]
    public async Task A_filled_honeypot_stores_nothing_and_gets_a_generic_message()
    {
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var response = await _client.SubmitAsync(f => f["Form.Website"] = "http://spam.example/ban-thuoc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Không gửi được phản ánh. Vui lòng kiểm tra lại rồi bấm Gửi.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("website", summary, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Nguyễn Thị Hoa", page.QuerySelector("#name")!.GetAttribute("value"));
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task The_same_post_sent_twice_makes_one_case_and_both_answers_lead_to_it()
    {
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);
        var bytes = await SealedBodyAsync();

        var first = await PostBytesAsync(bytes);
        var second = await PostBytesAsync(bytes);

        Assert.Equal(first.Code, second.Code);
        Assert.Equal(first.Location, second.Location);
        var after = await FeedbackDb.CountAsync(portal.ConnectionString);
        Assert.Equal(before.Cases + 1, after.Cases);
        Assert.Equal(before.Events + 2, after.Events);
        Assert.Equal(before.Attachments + 1, after.Attachments);
        Assert.Equal(before.Outbox + 1, after.Outbox); // one receipt to the citizen, not two
    }

    [Fact]
    public async Task The_same_post_sent_twice_at_once_makes_one_case_and_both_answers_lead_to_it()
    {
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);
        var bytes = await SealedBodyAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PostBytesAsync(bytes)));

        Assert.Equal(answers[0].Code, answers[1].Code);
        var after = await FeedbackDb.CountAsync(portal.ConnectionString);
        Assert.Equal(before.Cases + 1, after.Cases);
        Assert.Equal(before.Events + 2, after.Events);
        Assert.Equal(before.Attachments + 1, after.Attachments);
        Assert.Equal(before.Outbox + 1, after.Outbox);
        var stored = await FeedbackDb.LoadAsync(portal.ConnectionString, answers[0].Code);
        Assert.Equal(2, stored.Events.Count);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>One filled-in form as the exact bytes a browser sends, with its content type.</summary>
    private async Task<(byte[] Body, string ContentType)> SealedBodyAsync()
    {
        var form = await _client.OpenFormAsync();
        var fields = FeedbackClient.ValidFields();
        fields["Form.Email"] = "hoa.nguyen@gmail.com";
        using var content = FeedbackClient.Body(form, fields, [new FilePart("anh.png", SampleFiles.Png, SampleFiles.PngImage())]);
        return (await content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), content.Headers.ContentType!.ToString());
    }

    private async Task<Receipt> PostBytesAsync((byte[] Body, string ContentType) request)
    {
        using var content = new ByteArrayContent(request.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        using var response = await _client.PostAsync(content);
        return await FeedbackClient.ReceiptOfAsync(response);
    }
}
