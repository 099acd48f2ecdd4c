using DanTienPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Feedback;

/// <summary>
/// Removes the personal data of cases closed longer than <see cref="FeedbackJobOptions.RetentionDays"/>
/// (<c>Feedback:RetentionDays</c>, default 1825 days, five years), once an hour on every node. The
/// name, address, phone, e-mail and the person complained about are replaced by neutral values, the
/// attachments and the e-mails about the case are deleted, <see cref="FeedbackCase.AnonymizedAt"/> is
/// set and an "anonymized" event is added to the audit trail. What the statistics count (kind,
/// department, topic, dates, status, rating) is never touched.
/// </summary>
/// <remarks>
/// Several nodes may run it at once: each batch claims its cases with <c>FOR UPDATE SKIP LOCKED</c>
/// and only cases not yet anonymised, so a case is anonymised once.
/// </remarks>
public sealed class RetentionJob(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<FeedbackJobOptions> options, ILogger<RetentionJob> logger) : BackgroundService
{
    /// <summary>What replaces the name, the address and the person complained about.</summary>
    public const string Removed = "Đã xóa theo thời hạn lưu trữ";

    /// <summary>What replaces the phone number (the column holds digits only).</summary>
    public const string RemovedPhone = "0000000000";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>One pass: anonymises every case due at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        now = now.ToUniversalTime();
        var settings = options.Value;
        var cutoff = now.AddDays(-settings.RetentionDays);
        var total = 0;
        while (true)
        {
            var done = await AnonymizeBatchAsync(cutoff, now, settings, cancellationToken);
            total += done;
            if (done < settings.RetentionBatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Personal data of {Count} cases closed before {Cutoff:u} removed under the retention rule", total, cutoff);
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunJobs)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Most likely the database is away: the cases wait for the next pass.
                logger.LogWarning(e, "The retention pass failed; trying again in {Interval}", Interval);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> AnonymizeBatchAsync(DateTimeOffset cutoff, DateTimeOffset now, FeedbackJobOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Cases another node is anonymising are locked: skipped here, not waited for.
        var ids = await db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM feedback_cases
            WHERE closed_at < {cutoff} AND anonymized_at IS NULL
            ORDER BY id
            LIMIT {settings.RetentionBatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        await db.Cases.Where(c => ids.Contains(c.Id) && c.AnonymizedAt == null).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Name, Removed)
            .SetProperty(c => c.Address, Removed)
            .SetProperty(c => c.Phone, RemovedPhone)
            .SetProperty(c => c.Email, (string?)null)
            .SetProperty(c => c.ComplaintAgainst, c => c.ComplaintAgainst == null ? null : Removed)
            .SetProperty(c => c.AnonymizedAt, now), cancellationToken);
        await db.CaseAttachments.Where(a => ids.Contains(a.CaseId)).ExecuteDeleteAsync(cancellationToken);

        // The e-mails about the case carry the citizen's name and address (the receipt): they go too.
        await db.Outbox.Where(m => m.CaseId != null && ids.Contains(m.CaseId.Value)).ExecuteDeleteAsync(cancellationToken);

        db.CaseEvents.AddRange(ids.Select(id => new CaseEvent
        {
            CaseId = id,
            At = now,
            Actor = "system",
            Action = "anonymized",
            Note = $"Đã xóa thông tin cá nhân và tệp đính kèm theo thời hạn lưu trữ ({settings.RetentionDays} ngày sau khi đóng).",
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
