using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Data;

/// <summary>Tells "the database could not do it" apart from a bug, for pages that answer without it.</summary>
public static class DatabaseFailure
{
    /// <summary>
    /// Whether <paramref name="exception"/> means the database was down, restarting, dropped the
    /// connection, or refused or timed out the work. The provider's exception often arrives
    /// wrapped: EF Core's execution strategy reports a transient error as an
    /// <see cref="InvalidOperationException"/> around it, and Npgsql reports a transaction whose
    /// connection broke as an <see cref="ObjectDisposedException"/> around it.
    /// </summary>
    public static bool IsDatabaseFailure(this Exception exception) => exception switch
    {
        DbException or DbUpdateException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => inner.IsDatabaseFailure(),
        _ => false,
    };
}
