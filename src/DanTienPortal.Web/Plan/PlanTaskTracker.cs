using System.Security.Claims;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Plan;

/// <summary>A task as the tracker shows it: the latest staff update over the status written in the file.</summary>
public sealed record PlanTaskState(PlanTaskStatus Status, string? Note, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>
/// Staff updates of the plan's tasks (table <c>plan_task_updates</c>): each save adds a row, the
/// latest row of a task is its current status and progress note.
/// </summary>
public sealed class PlanTaskTracker(PortalDbContext db, TimeProvider time, ILogger<PlanTaskTracker> logger)
{
    /// <summary>The longest progress note, as the column allows.</summary>
    public const int NoteLength = 1000;

    private IReadOnlyDictionary<int, PlanTaskUpdate>? _latest;

    /// <summary>The latest update of each task that has one, read once per request.</summary>
    public async Task<IReadOnlyDictionary<int, PlanTaskUpdate>> LatestAsync(CancellationToken cancellationToken = default)
    {
        if (_latest is null)
        {
            var rows = await db.PlanTaskUpdates
                .FromSql($"SELECT DISTINCT ON (task_number) * FROM plan_task_updates ORDER BY task_number, at DESC, id DESC")
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            _latest = rows.ToDictionary(u => u.TaskNumber);
        }

        return _latest;
    }

    /// <summary>
    /// The same for public pages, which must still show the plan when the database is away: then
    /// every task shows the status of the file.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, PlanTaskUpdate>> LatestOrNoneAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await LatestAsync(cancellationToken);
        }
        catch (Exception e) when (e.IsDatabaseFailure())
        {
            logger.LogWarning(e, "Task updates could not be read; the plan's tasks show the status of the file");
            return new Dictionary<int, PlanTaskUpdate>();
        }
    }

    /// <summary>The status and note a task shows.</summary>
    public static PlanTaskState StateOf(PlanTask task, IReadOnlyDictionary<int, PlanTaskUpdate> latest) =>
        latest.TryGetValue(task.Number, out var update) && PlanTasks.Statuses.TryGetValue(update.Status, out var status)
            ? new PlanTaskState(status, update.Note, update.At, update.By)
            : new PlanTaskState(task.Status, null, null, null);

    /// <summary>The status key of the file for a status (the inverse of <see cref="PlanTasks.Statuses"/>).</summary>
    public static string KeyOf(PlanTaskStatus status) => PlanTasks.Statuses.First(s => s.Value == status).Key;

    /// <summary>Leaders and administrators update every task; a handler only the tasks their department leads.</summary>
    public static bool CanUpdate(ClaimsPrincipal user, string? userDepartment, PlanTask task) =>
        user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Leader)
        || (user.IsInRole(StaffRoles.Handler) && userDepartment is not null && userDepartment == task.LeadSlug);

    /// <summary>Records a new status and note for a task; the caller has checked the status key, the note and the right to update.</summary>
    public async Task<PlanTaskUpdate> UpdateAsync(PlanTask task, string statusKey, string? note, string by, CancellationToken cancellationToken)
    {
        var update = new PlanTaskUpdate
        {
            TaskNumber = task.Number,
            Status = statusKey,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            At = time.GetUtcNow(),
            By = by,
        };
        db.PlanTaskUpdates.Add(update);
        await db.SaveChangesAsync(cancellationToken);
        _latest = null;
        logger.LogInformation("Plan task {Number} set to {Status} by {User}", task.Number, statusKey, by);
        return update;
    }
}
