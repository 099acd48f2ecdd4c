using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DanTienPortal.Tests.Feedback;

/// <summary>The portal with two submissions and two lookups allowed per client and window.</summary>
public sealed class RateLimitedPortal(PostgresServer postgres) : PortalFactory(postgres)
{
    public static void Limit(IWebHostBuilder builder)
    {
        builder.UseSetting("Feedback:SubmissionsPerWindow", "2");
        builder.UseSetting("Feedback:LookupsPerWindow", "2");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Limit(builder);
    }
}

/// <summary>
/// Too many submissions or lookups from one client: the Vietnamese 429 page, with Retry-After,
/// whichever app node the client reaches. Each test is a client address of its own, since the
/// counts live in the class's database.
/// </summary>
public sealed class FeedbackRateLimitTests(RateLimitedPortal portal) : IClassFixture<RateLimitedPortal>
{
    private const string PrivateLink = $"{FeedbackClient.TrackPath}?ma=PAKN-2026-000999&khoa=abc";

    [Fact]
    public async Task The_third_submission_in_a_window_gets_the_vietnamese_429_page_with_retry_after_and_is_not_stored()
    {
        using var client = new FeedbackClient(portal, "203.0.113.1");
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
        using var client = new FeedbackClient(portal, "203.0.113.2");
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync(PrivateLink);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var response = await client.GetAsync(PrivateLink);

        await AssertTooManyAsync(response);

        // The empty lookup form is not limited.
        using var form = await client.GetAsync(FeedbackClient.TrackPath);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task The_third_lookup_by_code_and_phone_in_a_window_gets_the_vietnamese_429_page_with_retry_after()
    {
        using var client = new FeedbackClient(portal, "203.0.113.3");
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.LookupAsync("PAKN-2026-000999", FeedbackClient.Phone);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var response = await client.LookupAsync("PAKN-2026-000999", FeedbackClient.Phone);

        await AssertTooManyAsync(response);
    }

    [Fact]
    public async Task Two_nodes_count_one_allowance_so_the_submission_past_it_is_refused_on_either_node()
    {
        await using var second = portal.SecondNode().WithWebHostBuilder(RateLimitedPortal.Limit);
        using var onFirst = new FeedbackClient(portal, "203.0.113.4");
        using var onSecond = new FeedbackClient(second, "203.0.113.4");
        await onFirst.SubmitValidAsync();
        await onSecond.SubmitValidAsync();

        using (var third = await onFirst.SubmitAsync())
        {
            await AssertTooManyAsync(third);
        }

        using (var fourth = await onSecond.SubmitAsync())
        {
            await AssertTooManyAsync(fourth);
        }

        // Another client behind the same proxy still has its own allowance.
        using var neighbour = new FeedbackClient(second, "203.0.113.5");
        await neighbour.SubmitValidAsync();
    }

    [Fact]
    public async Task The_addresses_of_one_ipv6_64_network_share_one_allowance()
    {
        using var first = new FeedbackClient(portal, "2001:db8:5:6::1");
        using var sameNetwork = new FeedbackClient(portal, "2001:db8:5:6:ffff::2");
        using var otherNetwork = new FeedbackClient(portal, "2001:db8:5:7::1");
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await first.GetAsync(PrivateLink);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var refused = await sameNetwork.GetAsync(PrivateLink);
        await AssertTooManyAsync(refused);

        using var elsewhere = await otherNetwork.GetAsync(PrivateLink);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Counts_of_ended_windows_are_deleted_and_the_client_starts_afresh()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = new FeedbackClient(app, "203.0.113.6");
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync(PrivateLink);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using (var refused = await client.GetAsync(PrivateLink))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        var counted = clock.GetUtcNow();
        Assert.NotEqual(0, await CountsStartedByAsync(counted));

        // One window (Feedback:WindowMinutes, 10) later, the node's sweep deletes every ended window.
        clock.Advance(TimeSpan.FromMinutes(10));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CountsStartedByAsync(counted) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await CountsStartedByAsync(counted));
        using var again = await client.GetAsync(PrivateLink);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task The_429_page_tells_how_many_minutes_remain_until_the_clients_window_ends()
    {
        // Windows are aligned on multiples of their length (10 minutes here): at 08:03:30 this one ends at 08:10:00.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 3, 30, TimeSpan.Zero));
        await using var app = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = new FeedbackClient(app, "203.0.113.9");
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync(PrivateLink);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var refused = await client.GetAsync(PrivateLink);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(390), refused.Headers.RetryAfter?.Delta);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("Vui lòng thử lại sau 7 phút.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_database_cannot_count_the_request_goes_through_with_a_warning()
    {
        var log = new LogCapture();
        await using var app = portal.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddLogging(l => l.AddProvider(log))));
        using var client = new FeedbackClient(app, "203.0.113.7");
        await FeedbackDb.ExecuteAsync(portal.ConnectionString, "ALTER TABLE rate_limit_windows RENAME TO rate_limit_windows_away");
        try
        {
            // Past the limit of two, and still the ordinary answer: no 429, no error page.
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync(PrivateLink);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
        finally
        {
            await FeedbackDb.ExecuteAsync(portal.ConnectionString, "ALTER TABLE rate_limit_windows_away RENAME TO rate_limit_windows");
        }

        Assert.Contains(log.Entries, e => e.Category == typeof(SharedRateLimiter).FullName && e.Level == LogLevel.Warning);
    }

    private async Task<int> CountsStartedByAsync(DateTimeOffset moment)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        return await db.RateLimitWindows.CountAsync(w => w.WindowStart <= moment, TestContext.Current.CancellationToken);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        // Until the client's window ends: at most the window's length (10 minutes in these tests' settings).
        var wait = response.Headers.RetryAfter?.Delta;
        Assert.InRange(wait.GetValueOrDefault(), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var page = await Html.ParseAsync(response);
        Assert.Equal("Bạn thao tác quá nhanh", page.QuerySelector("h1")?.TextContent.Trim());
        var minutes = (int)Math.Ceiling(wait!.Value.TotalMinutes);
        Assert.Contains($"Vui lòng thử lại sau {minutes} phút.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
