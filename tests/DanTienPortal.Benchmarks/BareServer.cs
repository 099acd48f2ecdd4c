using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// The floor the portal's cached pages are measured against: ASP.NET Core with Kestrel and its
/// output cache and nothing else (no logging, no other middleware), serving the saved pages (the
/// portal's bytes and headers) from the cache. It runs as a process of its own
/// (<c>bare-server port pages.json</c>) with the portal's garbage collector, so that the CPU it
/// spends per request is read from <c>/proc</c> as the portal's is.
/// </summary>
public static class BareServer
{
    public const string Command = "bare-server";

    /// <summary>Writes the pages under <paramref name="folder"/> and starts the server on <paramref name="port"/>.</summary>
    public static ServerProcess Start(string folder, int port, IReadOnlyList<SavedPage> pages)
    {
        var file = Path.Combine(Directory.CreateDirectory(folder).FullName, "pages.json");
        File.WriteAllText(file, JsonSerializer.Serialize(pages));
        var start = new ProcessStartInfo("dotnet", [typeof(BareServer).Assembly.Location, Command, port.ToString(CultureInfo.InvariantCulture), file]);
        // The portal is a web project, which turns the server collector on; this one is a console program.
        start.Environment["DOTNET_gcServer"] = "1";
        return ServerProcess.Start(start, port, "The bare ASP.NET Core server");
    }

    /// <summary>Serves the pages of <paramref name="file"/> on <paramref name="port"/> until the process is killed.</summary>
    public static void Serve(int port, string file)
    {
        var pages = JsonSerializer.Deserialize<List<SavedPage>>(File.ReadAllText(file))!;
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddOutputCache();
        var app = builder.Build();
        app.UseOutputCache();
        foreach (var page in pages)
        {
            app.MapGet(page.Path, (HttpContext context) => Write(context.Response, page, AcceptsGzip(context.Request)))
                .CacheOutput(policy => policy.SetVaryByHeader(HeaderNames.AcceptEncoding));
        }

        app.Run();
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(value => value?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);

    private static Task Write(HttpResponse response, SavedPage page, bool gzip)
    {
        foreach (var (name, value) in page.RepeatedHeaders)
        {
            response.Headers[name] = value;
        }

        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.ContentType = page.ContentType;
        var body = gzip ? page.Gzip : page.Body;
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
