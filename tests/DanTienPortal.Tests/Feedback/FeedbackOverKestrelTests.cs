using System.Net;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Feedback;

/// <summary>The portal on a real Kestrel server, which enforces the request size limit the test server ignores.</summary>
public sealed class KestrelFeedbackPortal : FeedbackPortal
{
    public KestrelFeedbackPortal(PostgresServer postgres)
        : base(postgres) => UseKestrel(0);

    /// <summary>Starts the server if need be, and tells where it listens.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }
}

/// <summary>What only a real HTTP server shows: a request body larger than the form may be.</summary>
public sealed class FeedbackOverKestrelTests(KestrelFeedbackPortal portal) : IClassFixture<KestrelFeedbackPortal>, IDisposable
{
    private readonly FeedbackClient _client = new(portal.Address);

    [Fact]
    public async Task A_request_body_over_16_mb_gets_the_vietnamese_413_page_and_nothing_is_stored()
    {
        var before = await FeedbackDb.CountAsync(portal.ConnectionString);
        var file = SampleFiles.JpegOfSize(5 * 1024 * 1024);

        // Three files at the 5 MB limit and a fourth: 20 MB, over the 16 MB the form accepts.
        // As browsers may, the client asks before sending the body, so it can read the early answer.
        _client.Http.DefaultRequestHeaders.ExpectContinue = true;
        using var response = await _client.SubmitAsync(files: Enumerable.Range(1, 4).Select(i => new FilePart($"anh-{i}.jpg", SampleFiles.Jpeg, file)));

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "Dữ liệu gửi lên quá lớn"), (response.StatusCode, page.QuerySelector("h1")?.TextContent.Trim()));
        Assert.Contains("Vui lòng giảm dung lượng rồi gửi lại.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await FeedbackDb.CountAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task A_submission_just_under_the_body_limit_is_accepted()
    {
        var file = SampleFiles.JpegOfSize(5 * 1024 * 1024);
        var receipt = await _client.SubmitValidAsync(files: Enumerable.Range(1, 3).Select(i => new FilePart($"anh-{i}.jpg", SampleFiles.Jpeg, file)));
        Assert.Equal(3, (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Attachments.Count);
    }

    public void Dispose() => _client.Dispose();
}
