using System.Net;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace DanTienPortal.Tests.Feedback;

/// <summary>The portal with two submissions and two lookups allowed per client and window.</summary>
public sealed class RateLimitedPortal(PostgresServer postgres) : PortalFactory(postgres)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:SubmissionsPerWindow", "2");
        builder.UseSetting("Feedback:LookupsPerWindow", "2");
    }
}

/// <summary>Too many submissions or lookups from one client: the Vietnamese 429 page, with Retry-After.</summary>
public sealed class FeedbackRateLimitTests(RateLimitedPortal portal) : IClassFixture<RateLimitedPortal>
{
    [Fact]
    public async Task The_third_submission_in_a_window_gets_the_vietnamese_429_page_with_retry_after_and_is_not_stored()
    {
        // A host of its own: the limiter's window starts empty whatever ran before.
        await using var app = portal.WithWebHostBuilder(_ => { });
        using var client = new FeedbackClient(app);
        await client.SubmitValidAsync();
        await client.SubmitValidAsync();
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);

        using var response = await client.SubmitAsync();

        await AssertTooManyAsync(response);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));

        // Reading the form is not limited.
        Assert.NotNull((await client.OpenFormAsync()).Document.QuerySelector("form.feedback-form"));
    }

    [Fact]
    public async Task The_third_private_link_lookup_in_a_window_gets_the_vietnamese_429_page_with_retry_after()
    {
        await using var app = portal.WithWebHostBuilder(_ => { });
        using var client = new FeedbackClient(app);
        const string link = $"{FeedbackClient.TrackPath}?ma=PAKN-2026-000999&khoa=abc";
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var response = await client.GetAsync(link);

        await AssertTooManyAsync(response);

        // The empty lookup form is not limited.
        using var form = await client.GetAsync(FeedbackClient.TrackPath);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task The_third_lookup_by_code_and_phone_in_a_window_gets_the_vietnamese_429_page_with_retry_after()
    {
        await using var app = portal.WithWebHostBuilder(_ => { });
        using var client = new FeedbackClient(app);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.LookupAsync("PAKN-2026-000999", FeedbackClient.Phone);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var response = await client.LookupAsync("PAKN-2026-000999", FeedbackClient.Phone);

        await AssertTooManyAsync(response);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Bạn thao tác quá nhanh", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Vui lòng đợi một phút rồi thử lại.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
