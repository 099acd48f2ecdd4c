using System.Diagnostics;

namespace DanTienPortal.Web.Web;

/// <summary>
/// One structured line per request (method, path, status code, duration), written when the answer
/// is done. The path is logged without its query string and no header is logged: both may carry
/// personal data (a phone number in a case lookup, a cookie).
/// </summary>
/// <remarks>
/// It replaces ASP.NET Core's <c>HttpLogging</c> middleware, which for the same four fields builds
/// a context, a list of fields and a formatted line per request: on a page served from the output
/// cache a large share of its cost. Here the fields go straight to a source-generated log method,
/// and nothing is done at all when the line is switched off
/// (<c>Logging:LogLevel:DanTienPortal.Web.Web.RequestLogMiddleware=Warning</c>, e.g. when the
/// proxy in front keeps the access log).
/// </remarks>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        return logger.IsEnabled(LogLevel.Information) ? Logged(context) : next(context);
    }

    private async Task Logged(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        // Read before the request runs: a re-executed error page changes them meanwhile.
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "";
        try
        {
            await next(context);
        }
        finally
        {
            Completed(logger, method, path, context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {StatusCode} {Duration:F1}ms")]
    private static partial void Completed(ILogger logger, string method, string path, int statusCode, double duration);
}
