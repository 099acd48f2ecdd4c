namespace DanTienPortal.Web.Feedback;

/// <summary>
/// How many times one client did one limited action (<see cref="LimitedActions"/>) in one fixed
/// window: the count every app node shares, so that a client behind the load balancer gets one
/// allowance, not one per node. The client is a keyed hash of its address
/// (<see cref="ClientPseudonyms"/>), never the address itself; rows of ended windows are deleted
/// (<see cref="RateLimitSweeper"/>).
/// </summary>
/// <remarks>
/// The table is unlogged: counts that a database crash forgets cost nothing worth the write-ahead
/// log on every limited request, and they stay out of replicas and dumps made without their data.
/// </remarks>
public sealed class RateLimitWindow
{
    /// <summary>When the window began (UTC, a whole multiple of the window's length).</summary>
    public DateTimeOffset WindowStart { get; set; }

    public required string Action { get; set; }

    /// <summary>HMAC-SHA256 of the client's address under <see cref="RateLimitKey"/>.</summary>
    public required byte[] Client { get; set; }

    public int Hits { get; set; }
}

/// <summary>
/// The secret of the client hashes: one row, written by the first node that needs it and read by
/// every other, so that all nodes hash a client the same way.
/// </summary>
public sealed class RateLimitKey
{
    public const short OnlyId = 1;

    public short Id { get; set; }

    public required byte[] Key { get; set; }
}
