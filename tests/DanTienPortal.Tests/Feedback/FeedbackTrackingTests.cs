using System.Net;
using AngleSharp.Dom;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Feedback;

/// <summary>The tracking page tells nobody which codes exist, and finds a case for whoever holds its code and phone.</summary>
public sealed class FeedbackTrackingTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private const string NoSuchCase = "Không tìm thấy phản ánh nào có mã và số điện thoại này. Vui lòng kiểm tra lại mã (dạng PAKN-2026-000123) và số điện thoại đã khai khi gửi.";
    private const string BrokenLink = "Đường dẫn tra cứu không đúng hoặc đã bị cắt mất một phần. Hãy mở lại đường dẫn đầy đủ, hoặc tra cứu bằng mã và số điện thoại.";

    private readonly FeedbackClient _client = new(portal);

    [Fact]
    public async Task An_unknown_code_and_a_right_code_with_a_wrong_phone_get_the_same_answer()
    {
        var receipt = await _client.SubmitValidAsync();
        var unknownCode = receipt.Code[..^6] + "999999";

        using var unknown = await _client.LookupAsync(unknownCode, FeedbackClient.Phone);
        using var wrongPhone = await _client.LookupAsync(receipt.Code, "0987 654 321");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrongPhone.StatusCode);
        var (unknownPage, wrongPhonePage) = (await Html.ParseAsync(unknown), await Html.ParseAsync(wrongPhone));
        Assert.Equal(NoSuchCase, unknownPage.QuerySelector("main .notice")?.TextContent.Trim());
        Assert.Equal(NoSuchCase, wrongPhonePage.QuerySelector("main .notice")?.TextContent.Trim());

        // Apart from the values the citizen typed (and the fresh antiforgery token), the pages are the same.
        Assert.Equal(unknownCode, unknownPage.QuerySelector("#code")!.GetAttribute("value"));
        Assert.Equal(receipt.Code, wrongPhonePage.QuerySelector("#code")!.GetAttribute("value"));
        Assert.Equal(WithoutInputValues(unknownPage), WithoutInputValues(wrongPhonePage));
        Assert.Equal(unknownPage.Title, wrongPhonePage.Title);
        Assert.Equal(unknown.Headers.CacheControl?.ToString(), wrongPhone.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_private_link_with_a_wrong_key_is_a_404_that_reveals_nothing()
    {
        var receipt = await _client.SubmitValidAsync(f => f["Form.Title"] = "Tiêu đề riêng tư của phản ánh");
        var wrongKey = new string('A', receipt.Key.Length);

        using var wrong = await _client.GetAsync($"{FeedbackClient.TrackPath}?ma={receipt.Code}&khoa={wrongKey}");
        using var unknown = await _client.GetAsync($"{FeedbackClient.TrackPath}?ma={receipt.Code[..^6]}999999&khoa={wrongKey}");
        using var noKey = await _client.GetAsync($"{FeedbackClient.TrackPath}?ma={receipt.Code}");

        foreach (var response in (HttpResponseMessage[])[wrong, unknown, noKey])
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain("Tiêu đề riêng tư", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Nguyễn Thị Hoa", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Phòng Kinh tế", html, StringComparison.Ordinal);
            Assert.DoesNotContain(receipt.Key, html, StringComparison.Ordinal);
            Assert.Equal(BrokenLink, (await Html.ParseAsync(response)).QuerySelector("main .notice")?.TextContent.Trim());
        }

        // A wrong key for a real code looks exactly like a code that does not exist.
        Assert.Equal(WithoutInputValues(await Html.ParseAsync(unknown)), WithoutInputValues(await Html.ParseAsync(wrong)));

        // The right link still works.
        using var right = await _client.GetAsync($"{FeedbackClient.TrackPath}?ma={receipt.Code}&khoa={receipt.Key}");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal($"Phản ánh {receipt.Code}", (await Html.ParseAsync(right)).QuerySelector("h1")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("+84 912 345 678")]
    [InlineData("0912.345.678")]
    [InlineData("84912345678")]
    [InlineData(" 0912-345-678 ")]
    public async Task A_phone_written_another_way_finds_the_case(string phone)
    {
        var receipt = await _client.SubmitValidAsync();

        using var response = await _client.LookupAsync(receipt.Code.ToLowerInvariant(), phone);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal($"Phản ánh {receipt.Code}", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("Đèn đường thôn Đông không sáng", page.QuerySelector("main p strong")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_lookup_without_the_antiforgery_token_gets_the_vietnamese_400_page()
    {
        await _client.OpenFormAsync(FeedbackClient.TrackPath);
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = "PAKN-2026-000001", ["Phone"] = FeedbackClient.Phone });

        using var response = await _client.Http.PostAsync(new Uri(FeedbackClient.TrackPath, UriKind.Relative), body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Yêu cầu không hợp lệ", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent.Trim());
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The page's main part with what differs between two answers removed: input values.</summary>
    private static string WithoutInputValues(IDocument page)
    {
        var main = page.QuerySelector("main")!;
        foreach (var input in main.QuerySelectorAll("input"))
        {
            input.RemoveAttribute("value");
        }

        return main.OuterHtml;
    }
}
