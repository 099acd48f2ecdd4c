using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanTienPortal.Tests.Feedback;

/// <summary>
/// Google's reCAPTCHA <c>siteverify</c> endpoint, played by a small Kestrel server on 127.0.0.1:
/// it answers success or failure as told, and records the secret and response it was sent.
/// </summary>
public sealed class FakeSiteVerify : IAsyncDisposable
{
    public const string Path = "/recaptcha/api/siteverify";

    private static readonly string[] InvalidInput = ["invalid-input-response"];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Verification> _calls = new();

    private FakeSiteVerify(WebApplication app) => _app = app;

    /// <summary>What the fake answers: true for success, false for "invalid-input-response".</summary>
    public bool Succeeds { get; set; } = true;

    public IReadOnlyCollection<Verification> Calls => _calls;

    public Uri VerifyUrl { get; private set; } = null!;

    public static async Task<FakeSiteVerify> StartAsync(bool succeeds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeSiteVerify(app) { Succeeds = succeeds };
        app.MapPost(Path, async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            fake._calls.Enqueue(new Verification(form["secret"].ToString(), form["response"].ToString(), form["remoteip"].ToString()));
            return fake.Succeeds
                ? Results.Json(new Dictionary<string, object> { ["success"] = true, ["challenge_ts"] = DateTimeOffset.UtcNow.ToString("O"), ["hostname"] = "localhost" })
                : Results.Json(new Dictionary<string, object> { ["success"] = false, ["error-codes"] = InvalidInput });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.VerifyUrl = new Uri(new Uri(address), Path);
        return fake;
    }

    /// <summary>An address on 127.0.0.1 where nothing listens: the verification service is down.</summary>
    public static Uri Unreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}{Path}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Verification(string Secret, string Response, string RemoteIp);
}
