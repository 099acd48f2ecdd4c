using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanTienPortal.Web.News;

/// <summary>Saving a post from the editor: its unique address, its revision, the check against a concurrent save.</summary>
public sealed class NewsEditor(PortalDbContext db, ContentStore content, NewsCatalog catalog, ILogger<NewsEditor> logger)
{
    /// <summary>
    /// The address a post gets: the one typed, when no other news has it; otherwise made from the
    /// title, with -2, -3… added until it is unique among the database's and the files' news.
    /// </summary>
    public async Task<(string? Slug, string? Error)> ResolveSlugAsync(string typed, string title, long? postId, CancellationToken cancellationToken)
    {
        var files = content.Current.NewsBySlug;
        if (typed.Length > 0)
        {
            var taken = files.ContainsKey(typed) || await db.NewsPosts.AnyAsync(p => p.Slug == typed && p.Id != postId, cancellationToken);
            return taken ? (null, $"Địa chỉ “{typed}” đã có bài khác dùng; hãy sửa địa chỉ, hoặc để trống để hệ thống tự đặt.") : (typed, null);
        }

        var stem = Slug.From(title);
        stem = stem.Length > NewsLimits.Slug - 4 ? stem[..(NewsLimits.Slug - 4)].TrimEnd('-') : stem;
        if (stem.Length == 0)
        {
            return (null, "Tiêu đề không có chữ nào dùng được cho địa chỉ; hãy nhập địa chỉ.");
        }

        var prefix = stem + "-";
        var used = (await db.NewsPosts.Where(p => p.Id != postId && (p.Slug == stem || p.Slug.StartsWith(prefix)))
            .Select(p => p.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? stem : $"{stem}-{n}";
            if (!used.Contains(candidate) && !files.ContainsKey(candidate))
            {
                return (candidate, null);
            }
        }
    }

    /// <summary>
    /// Saves the post with a revision in one transaction, refused when someone else saved it since
    /// <paramref name="expectedVersion"/> (null for a new post). Returns the field and message of
    /// the problem, or null once saved, when the public pages and search already show the change.
    /// </summary>
    public async Task<(string Field, string Message)?> SaveAsync(NewsPost post, uint? expectedVersion, CancellationToken cancellationToken)
    {
        if (expectedVersion is { } version)
        {
            db.Entry(post).Property(p => p.Version).OriginalValue = version;
        }
        else
        {
            db.NewsPosts.Add(post);
        }

        post.Revisions.Add(NewsRevision.Of(post));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var latest = await db.NewsPosts.AsNoTracking().Where(p => p.Id == post.Id)
                .Select(p => new { p.UpdatedByName, p.UpdatedAt }).FirstOrDefaultAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return ("Form", latest is null
                ? "Bài này không còn nữa; thay đổi của bạn chưa được lưu."
                : $"Bài này vừa được {latest.UpdatedByName} lưu lúc {Display.DateAndTime(latest.UpdatedAt)}, sau khi bạn mở nó. " +
                  "Để không ghi đè lên thay đổi của họ, thay đổi của bạn chưa được lưu. Hãy sao chép phần bạn vừa sửa, mở bản mới nhất rồi sửa lại.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return ("Slug", $"Địa chỉ “{post.Slug}” vừa được bài khác dùng; hãy chọn địa chỉ khác.");
        }

        try
        {
            await catalog.RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Saved all the same: the publisher's next look at the database shows it.
            logger.LogWarning(e, "News post {Id} was saved, but the public news could not be refreshed at once", post.Id);
        }

        return null;
    }
}
