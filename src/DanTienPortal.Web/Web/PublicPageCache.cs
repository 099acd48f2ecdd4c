using System.Globalization;
using System.Runtime.CompilerServices;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Search;
using Microsoft.AspNetCore.OutputCaching;

namespace DanTienPortal.Web.Web;

/// <summary>
/// The output cache of the public pages that every anonymous visitor sees alike and that show only
/// the content files and the public news (home, procedures, pages, news, the news feed): each is
/// rendered once and then served from memory, already compressed, until what it shows changes.
/// </summary>
/// <remarks>
/// <para>
/// What changes these pages is part of their cache key, so that a change takes effect for the very
/// next request: the content snapshot (a reload swaps it before anyone is told, and each snapshot
/// is numbered when first seen); a generation moved on whenever the search index changes, which
/// the news catalogue makes happen for every change to the set of public posts (saved on this
/// node, read from the database after another node saved, withdrawn); and how many scheduled
/// posts have fallen due, since the catalogue decides at each request whether one shows: a page
/// stored before that moment is not served after it, whenever the publisher wakes. (The next due
/// time would not do: once it has passed, the key would equal the one of pages stored before the
/// post was scheduled.) A key that changes, rather than eviction alone, also closes the race where
/// a page rendered from the old data is stored just after the eviction.
/// Entries of past keys are evicted whenever the index changes (a content reload changes it too),
/// only to free their memory.
/// </para>
/// <para>
/// The output cache's default policy stays in force: only GET and HEAD answers with status 200 are
/// stored, never one that sets a cookie, and a signed-in staff member (or any request with
/// credentials) neither reads nor fills the cache. Pages that also read the database for data
/// with no change signal (the plan's task statuses, statistics, a department's figures, published
/// answers) are not cached.
/// </para>
/// </remarks>
public sealed class PublicPageCache(
    ContentStore content, NewsCatalog news, SearchIndex search, TimeProvider time, IOutputCacheStore store, ILogger<PublicPageCache> logger)
    : IHostedService
{
    /// <summary>The output-cache policy of public pages (<c>[OutputCache(PolicyName = …)]</c>) and the tag of their entries.</summary>
    public const string Policy = "public-page";

    /// <summary>A safety net only: changes are followed at once, so entries may live long.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConditionalWeakTable<ContentSnapshot, string> _snapshots = [];
    private long _snapshotCount;
    private long _indexGeneration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        search.Changed += OnIndexChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        search.Changed -= OnIndexChanged;
        return Task.CompletedTask;
    }

    /// <summary>
    /// What the pages show now, as a part of their cache key. It is read before the page reads its
    /// data, so at worst a page rendered from newer data than its key says is stored: harmless.
    /// </summary>
    public string CurrentVersion()
    {
        var generation = Interlocked.Read(ref _indexGeneration);
        var current = content.Current;
        var snapshot = _snapshots.TryGetValue(current, out var number) ? number : _snapshots.GetValue(current, NextNumber);
        var due = news.ScheduledDueBy(time.GetUtcNow());
        return $"{snapshot}.{generation}.{due}";
    }

    private string NextNumber(ContentSnapshot snapshot) => Interlocked.Increment(ref _snapshotCount).ToString(CultureInfo.InvariantCulture);

    // A content reload changes the index too, so this also frees the entries of past snapshots.
    private void OnIndexChanged()
    {
        Interlocked.Increment(ref _indexGeneration);
        try
        {
            store.EvictByTagAsync(Policy, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The keys have moved on already; the entries left behind only take memory until they expire.
            logger.LogError(e, "Cached public pages could not be evicted");
        }
    }
}
