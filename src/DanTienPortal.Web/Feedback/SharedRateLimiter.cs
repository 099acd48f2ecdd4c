using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DanTienPortal.Web.Feedback;

/// <summary>
/// The global limiter of ASP.NET Core's rate-limiting middleware: a fixed window per client and
/// limited action (<see cref="LimitedActions"/>), counted in PostgreSQL so that every app node
/// behind the load balancer counts against the same allowance.
/// </summary>
/// <remarks>
/// The middleware asks <see cref="PartitionedRateLimiter{TResource}.AttemptAcquire"/> first and,
/// only when that lease is not acquired, <see cref="PartitionedRateLimiter{TResource}.AcquireAsync"/>.
/// A request that is not limited is let through at the first call without touching the database;
/// a limited one is never decided there (it would block a thread on the database) but sent on to
/// the second call, which makes the one round trip: the database is asked exactly once per limited request.
/// When the database cannot count, the request goes through with a warning: the submission then
/// meets the same outage and answers with its own 503 page, and a lookup does what it can.
/// </remarks>
public sealed class SharedRateLimiter(
    RateLimitCounter counter, IOptions<FeedbackOptions> options, TimeProvider time, ILogger<SharedRateLimiter> logger)
    : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        LimitedActions.Of(resource.Request) is null ? Lease.Granted : Lease.Denied;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (LimitedActions.Of(resource.Request) is not { } action)
        {
            return Lease.Granted;
        }

        var settings = options.Value;
        var limit = action == LimitedActions.Submit ? settings.SubmissionsPerWindow : settings.LookupsPerWindow;
        var now = time.GetUtcNow();
        var window = TimeSpan.FromMinutes(settings.WindowMinutes);
        try
        {
            var hits = await counter.AddAsync(action, resource.Connection.RemoteIpAddress, permitCount, now, window, cancellationToken);
            return hits <= limit ? Lease.Granted : Lease.Refused(RateLimitCounter.WindowEnd(now, window) - now);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "The {Action} rate limit could not be counted in the database; the request is let through", action);
            return Lease.Granted;
        }
    }

    /// <summary>
    /// A lease that holds nothing (a fixed window has nothing to give back when the request ends);
    /// a refused one tells when the client's window ends.
    /// </summary>
    private sealed class Lease(bool acquired, TimeSpan? retryAfter = null) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Denied = new(false);

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
