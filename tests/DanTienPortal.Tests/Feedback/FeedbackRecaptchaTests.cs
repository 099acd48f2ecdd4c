using System.Net;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanTienPortal.Tests.Feedback;

/// <summary>The reCAPTCHA check, against a fake <c>siteverify</c> server on 127.0.0.1.</summary>
public sealed class FeedbackRecaptchaTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>
{
    private const string SiteKey = "test-site-key";
    private const string Secret = "test-secret-key";
    private const string Refused = "Chưa xác minh được bạn không phải là máy tự động. Vui lòng đánh dấu ô xác minh rồi bấm Gửi lại.";

    [Fact]
    public async Task Without_keys_the_form_says_that_the_check_is_off()
    {
        using var client = new FeedbackClient(portal);

        var form = await client.OpenFormAsync();

        Assert.Contains("chưa cấu hình bước xác minh chống thư rác (reCAPTCHA)", form.Document.QuerySelector("form .notice")?.TextContent, StringComparison.Ordinal);
        Assert.Null(form.Document.QuerySelector(".g-recaptcha"));
        Assert.Empty(form.Document.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task With_keys_a_confirmed_answer_is_checked_with_the_secret_and_the_case_is_stored()
    {
        await using var fake = await FakeSiteVerify.StartAsync(succeeds: true);
        await using var app = WithRecaptcha(fake.VerifyUrl);
        using var client = new FeedbackClient(app);
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        var form = await client.OpenFormAsync();
        Assert.Equal(SiteKey, form.Document.QuerySelector(".g-recaptcha")?.GetAttribute("data-sitekey"));
        Assert.DoesNotContain("chưa cấu hình bước xác minh", form.Document.QuerySelector("form")!.TextContent, StringComparison.Ordinal);
        using var body = FeedbackClient.Body(form, WithAnswer("token-from-the-widget"));
        using var response = await client.PostAsync(body);

        var receipt = await FeedbackClient.ReceiptOfAsync(response);
        var call = Assert.Single(fake.Calls);
        Assert.Equal((Secret, "token-from-the-widget"), (call.Secret, call.Response));
        Assert.Equal(before.Cases + 1, (await FeedbackDb.CountAsync(portal.ConnectionString)).Cases);
        Assert.Contains(receipt.Code, await FeedbackDb.CodesAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task With_keys_a_refused_answer_stores_nothing_and_asks_to_tick_the_box_again()
    {
        await using var fake = await FakeSiteVerify.StartAsync(succeeds: false);
        await using var app = WithRecaptcha(fake.VerifyUrl);
        using var client = new FeedbackClient(app);
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        var form = await client.OpenFormAsync();
        using var body = FeedbackClient.Body(form, WithAnswer("token-of-a-robot"));
        using var response = await client.PostAsync(body);

        await AssertRefusedAsync(response);
        Assert.Equal("token-of-a-robot", Assert.Single(fake.Calls).Response);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task With_keys_a_form_without_an_answer_is_refused_without_asking_google()
    {
        await using var fake = await FakeSiteVerify.StartAsync(succeeds: true);
        await using var app = WithRecaptcha(fake.VerifyUrl);
        using var client = new FeedbackClient(app);
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var response = await client.SubmitAsync();

        await AssertRefusedAsync(response);
        Assert.Empty(fake.Calls);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task With_keys_and_the_verification_service_down_nothing_is_stored_and_the_form_says_so()
    {
        await using var app = WithRecaptcha(FakeSiteVerify.Unreachable());
        using var client = new FeedbackClient(app);
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        var form = await client.OpenFormAsync();
        using var body = FeedbackClient.Body(form, WithAnswer("token-from-the-widget"));
        using var response = await client.PostAsync(body);

        await AssertRefusedAsync(response);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    private WebApplicationFactory<Program> WithRecaptcha(Uri verifyUrl) => portal.WithWebHostBuilder(builder => builder
        .UseSetting("Recaptcha:SiteKey", SiteKey)
        .UseSetting("Recaptcha:SecretKey", Secret)
        .UseSetting("Recaptcha:VerifyUrl", verifyUrl.ToString()));

    private static Dictionary<string, string> WithAnswer(string token)
    {
        var fields = FeedbackClient.ValidFields();
        fields["g-recaptcha-response"] = token;
        return fields;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(Refused, page.QuerySelector(".g-recaptcha")?.ParentElement?.QuerySelector(".field-error")?.TextContent.Trim());
        Assert.Contains(Refused, page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đèn đường thôn Đông không sáng", page.QuerySelector("#title")!.GetAttribute("value"));
    }
}
