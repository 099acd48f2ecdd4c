using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.News;

/// <summary>
/// The news readers see: the content files' articles and the database's published and scheduled
/// posts, held rendered in memory so that public pages never wait for the database. Whether a
/// scheduled post shows is decided at each call from the current time; search is told whenever
/// the set of public posts changes (<see cref="IndexDue"/>).
/// </summary>
public sealed class NewsCatalog(
    IServiceScopeFactory scopes,
    ContentStore content,
    MarkdownRenderer markdown,
    SearchIndex search,
    TimeProvider time,
    ILogger<NewsCatalog> logger) : IDisposable
{
    /// <summary>The search index's name for the database's news.</summary>
    public const string SearchSource = "news-db";

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _indexing = new();
    private IReadOnlyList<Entry> _entries = [];
    private long[] _schedule = [];
    private PublicList? _public;
    // What search holds from the database, as the fingerprint below makes it: nothing at first. A
    // portal with no published post then leaves the index (and the page cache's key) alone at start.
    private string _indexed = "";
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Completes when the published or scheduled posts next change.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>
    /// Articles public now, from files and database, newest first. The ordered list is kept until
    /// the posts or the files change or a scheduled post's time comes, so that the home page and the
    /// news list do not sort every article on each request (thousands, after years of news).
    /// </summary>
    public IReadOnlyList<NewsArticle> Public()
    {
        var now = time.GetUtcNow();
        var (snapshot, entries) = (content.Current, Volatile.Read(ref _entries));
        if (Volatile.Read(ref _public) is { } kept && ReferenceEquals(kept.Content, snapshot) && ReferenceEquals(kept.Entries, entries) && now >= kept.From && now < kept.Until)
        {
            return kept.Articles;
        }

        var files = snapshot.NewsBySlug;
        var articles = snapshot.News
            .Concat(entries.Where(e => NewsPost.IsPublic(e.Status, e.PublishAt, now) && !files.ContainsKey(e.Article.Slug)).Select(e => e.Article))
            .OrderByDescending(a => a.PublishedAt)
            .ThenBy(a => a.Title, ContentSnapshot.VietnameseOrder)
            .ToList();
        var until = entries.Where(e => e.Status == NewsStatus.Scheduled && e.PublishAt > now).Select(e => e.PublishAt).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        Volatile.Write(ref _public, new PublicList(snapshot, entries, now, until, articles));
        return articles;
    }

    /// <summary>The public article at this address, or null (unknown, draft, withdrawn, not yet due).</summary>
    public NewsArticle? Find(string slug) =>
        content.Current.NewsBySlug.TryGetValue(slug, out var file) ? file
        : PublicEntries(time.GetUtcNow()).FirstOrDefault(e => e.Article.Slug == slug)?.Article;

    /// <summary>The next moment a scheduled post goes public, after <paramref name="now"/>.</summary>
    public DateTimeOffset? NextDue(DateTimeOffset now)
    {
        var schedule = Volatile.Read(ref _schedule);
        var passed = Passed(schedule, now);
        return passed < schedule.Length ? new DateTimeOffset(schedule[passed], TimeSpan.Zero) : null;
    }

    /// <summary>
    /// How many scheduled posts have gone public by <paramref name="now"/>: it grows at the very
    /// moment one does, before anything is re-read or re-indexed, so that pages cached before that
    /// moment can be told apart from those after it. One binary search: it is asked at every request.
    /// </summary>
    public int ScheduledDueBy(DateTimeOffset now) => Passed(Volatile.Read(ref _schedule), now);

    private static int Passed(long[] schedule, DateTimeOffset now)
    {
        var at = Array.BinarySearch(schedule, now.UtcTicks);
        if (at < 0)
        {
            return ~at;
        }

        // Equal times: every post at this very tick has gone public.
        while (at < schedule.Length && schedule[at] == now.UtcTicks)
        {
            at++;
        }

        return at;
    }

    /// <summary>
    /// Reads the published and scheduled posts again (only those changed since the last read are
    /// fetched and rendered), then brings search up to date. One refresh runs at a time, so a
    /// later call never leaves older data behind.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var current = await db.NewsPosts.AsNoTracking()
                .Where(p => p.Status == NewsStatus.Published || p.Status == NewsStatus.Scheduled)
                .Select(p => new { p.Id, p.Version })
                .ToListAsync(cancellationToken);
            var known = Volatile.Read(ref _entries).ToDictionary(e => e.Id);
            var stale = current.Where(c => !known.TryGetValue(c.Id, out var e) || e.Version != c.Version).Select(c => c.Id).ToList();
            if (stale.Count > 0 || current.Count != known.Count)
            {
                var fresh = await db.NewsPosts.AsNoTracking()
                    .Where(p => stale.Contains(p.Id) && (p.Status == NewsStatus.Published || p.Status == NewsStatus.Scheduled))
                    .Select(p => new
                    {
                        Post = p,
                        Cover = db.NewsImages.Where(i => i.Id == p.CoverImageId).Select(i => new { i.Id, i.Sha256, i.Width, i.Height }).FirstOrDefault(),
                    })
                    .ToListAsync(cancellationToken);
                var entries = fresh.Select(f => Render(f.Post, f.Cover is { } c ? new NewsCover(NewsImage.UrlOf(c.Id, c.Sha256), f.Post.CoverAlt ?? "", c.Width, c.Height) : null))
                    .Concat(current.Where(c => !stale.Contains(c.Id)).Select(c => known[c.Id]))
                    .ToList();
                Volatile.Write(ref _entries, entries);
                Volatile.Write(ref _schedule, entries.Where(e => e.Status == NewsStatus.Scheduled).Select(e => e.PublishAt.UtcTicks).Order().ToArray());
                Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
            }
        }
        finally
        {
            _refreshing.Release();
        }

        IndexDue();
    }

    /// <summary>Gives search the posts public now, when they differ from what it holds.</summary>
    public void IndexDue()
    {
        lock (_indexing)
        {
            var visible = PublicEntries(time.GetUtcNow()).OrderBy(e => e.Id).ToList();
            var fingerprint = string.Join(',', visible.Select(e => $"{e.Id}:{e.Version}"));
            if (fingerprint == _indexed)
            {
                return;
            }

            var files = content.Current.NewsBySlug;
            search.ReplaceSource(SearchSource, visible.Where(e => !files.ContainsKey(e.Article.Slug)).Select(e => new SearchDocument(
                $"{SearchSource}:{e.Id}", SearchTypes.News, e.Article.Url, e.Article.Title, e.Article.Summary, e.Article.Body.Text,
                Published: e.Article.Published)).ToList());
            _indexed = fingerprint;
            logger.LogInformation("Search holds {Count} news posts from the database", visible.Count);
        }
    }

    public void Dispose() => _refreshing.Dispose();

    private IEnumerable<Entry> PublicEntries(DateTimeOffset now) =>
        Volatile.Read(ref _entries).Where(e => NewsPost.IsPublic(e.Status, e.PublishAt, now));

    private Entry Render(NewsPost post, NewsCover? cover)
    {
        var publishAt = post.PublishAt ?? post.UpdatedAt;
        var article = new NewsArticle(post.Slug, post.Title, post.Summary, Display.LocalDate(publishAt), null, markdown.Render(post.Body), $"{SearchSource}:{post.Id}")
        {
            PublishedAt = publishAt,
            UpdatedAt = post.UpdatedAt > publishAt ? post.UpdatedAt : publishAt,
            Cover = cover,
        };
        return new Entry(post.Id, post.Version, post.Status, publishAt, article);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The public articles in order, for these files and posts, from when they were listed until a scheduled post's time comes.</summary>
    private sealed record PublicList(ContentSnapshot Content, IReadOnlyList<Entry> Entries, DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<NewsArticle> Articles);

    /// <summary>A published or scheduled post, rendered.</summary>
    private sealed record Entry(long Id, uint Version, NewsStatus Status, DateTimeOffset PublishAt, NewsArticle Article);
}
