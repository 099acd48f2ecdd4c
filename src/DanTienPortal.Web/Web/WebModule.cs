using System.IO.Compression;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Search;
using Microsoft.Net.Http.Headers;

namespace DanTienPortal.Web.Web;

/// <summary>The HTTP pipeline every page shares: errors, headers, compression, static files, the output cache, logging.</summary>
public static class WebModule
{
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static IServiceCollection AddPortalWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(options => Staff.StaffModule.AuthorizeStaffPages(options.Conventions));
        // Vietnamese letters as they are, not as numeric entities: pages a third smaller, still safely encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section);
        services.AddHealthChecks();
        services.PostConfigure<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>(options =>
        {
            // A health probe must answer quickly even when the database host has vanished.
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = TimeSpan.FromSeconds(5);
            }
        });

        services.AddResponseCompression(options =>
        {
            // Antiforgery tokens are re-encrypted on every response, so compressing HTML over HTTPS does not leak them.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/atom+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        services.AddOutputCache();
        services.AddSingleton<PublicPageCache>();
        services.AddHostedService(sp => sp.GetRequiredService<PublicPageCache>());
        services.AddOptions<OutputCacheOptions>().Configure<IResponseCompressionProvider, IServiceProvider>((options, compression, services) =>
        {
            options.AddBasePolicy(new CompressionVariantPolicy(compression));
            // Resolved at the first request, from the root container (a cached page never needs a
            // request scope): the page cache needs the store, which needs these options.
            var pages = new Lazy<PublicPageCache>(services.GetRequiredService<PublicPageCache>);
            options.AddPolicy(PublicPageCache.Policy, policy => policy
                .Expire(PublicPageCache.Lifetime)
                .Tag(PublicPageCache.Policy)
                .VaryByValue(_ => new(PublicPageCache.Policy, pages.Value.CurrentVersion())));
        });

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseExceptionHandler("/loi");
        // A page served from the output cache passes only what comes before it: routing (which
        // endpoint, and so which cache policy) and, for a request with the staff cookie,
        // authentication (staff are never served from the cache, nor fill it). What follows runs
        // only when a page is rendered, and what it adds to the answer (security headers,
        // compression) is stored with the entry, so that a cached page goes out with the same
        // headers, already compressed.
        app.UseRouting();
        app.UseWhen(Staff.StaffModule.MayBeSignedIn, signedIn => signedIn.UseAuthentication());
        // WebApplication puts authentication in front of everything when the app's own pipeline
        // does not call UseAuthentication, and the call in the branch above marks only the branch.
        // This is the mark UseAuthentication leaves (ASP.NET Core's own tests set it the same way).
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.UseOutputCache();
        app.UseStatusCodePagesWithReExecute("/loi/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Compression says "Vary: Accept-Encoding" on the answers to requests that accept an
        // encoding; the plain answer to a request without the header depends on it as much, and
        // says so too, so that a shared cache in front keeps the variants apart.
        app.Use(static (context, next) =>
        {
            if (context.Request.Headers.AcceptEncoding.Count == 0)
            {
                context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            }

            return next(context);
        });
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static file =>
            {
                // Links made with asp-append-version carry ?v=hash and never change: cache them for a year.
                var versioned = file.Context.Request.Query.ContainsKey("v");
                file.Context.Response.Headers.CacheControl = versioned
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=86400";
            },
        });
        app.UseAuthorization();
        // The rate limits and the body limit concern form posts and case lookups, never cached.
        app.UseRateLimiter();
        app.UseFeedbackBodyLimit();

        app.MapRazorPages();
        app.MapSiteMap();
        app.MapSearchApi();
        app.MapPortalNews();
        app.MapHealthChecks("/healthz").DisableHttpMetrics();
        return app;
    }
}
