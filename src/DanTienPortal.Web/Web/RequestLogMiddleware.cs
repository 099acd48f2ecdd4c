using System.Diagnostics;

namespace DanTienPortal.Web.Web;

/// <summary>
/// One structured line per request (method, path, status code, duration), written when the answer
/// is done: at Information for an ordinary answer, at Warning for a server error (5xx) or an answer
/// that took longer than <see cref="SlowAfter"/>. The path is logged without its query string and
/// no header is logged: both may carry personal data (a phone number in a case lookup, a cookie).
/// </summary>
/// <remarks>
/// <para>
/// Production logs only the Warning lines by default (appsettings.json sets this category to
/// Warning): the reverse proxy in front keeps the access log of every request, and a line per
/// request through the console logger costs a cached page more CPU than the page itself.
/// Development, and anyone who sets <c>Logging:LogLevel:DanTienPortal.Web.Web.RequestLogMiddleware</c>
/// to Information, gets every request.
/// </para>
/// <para>
/// It replaces ASP.NET Core's <c>HttpLogging</c> middleware, which for the same four fields builds
/// a context, a list of fields and a formatted line per request. Here the fields go straight to a
/// source-generated log method, and nothing is done at all when even the Warning lines are off.
/// </para>
/// </remarks>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    /// <summary>An answer slower than this is logged as a warning.</summary>
    public static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(1);

    public Task InvokeAsync(HttpContext context)
    {
        return logger.IsEnabled(LogLevel.Warning) ? Logged(context) : next(context);
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
            var duration = Stopwatch.GetElapsedTime(start);
            var status = context.Response.StatusCode;
            var level = status >= StatusCodes.Status500InternalServerError || duration > SlowAfter ? LogLevel.Warning : LogLevel.Information;
            Completed(logger, level, method, path, status, duration.TotalMilliseconds);
        }
    }

    [LoggerMessage(Message = "{Method} {Path} {StatusCode} {Duration:F1}ms")]
    private static partial void Completed(ILogger logger, LogLevel level, string method, string path, int statusCode, double duration);
}
