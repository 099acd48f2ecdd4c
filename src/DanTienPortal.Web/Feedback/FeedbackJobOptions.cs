namespace DanTienPortal.Web.Feedback;

/// <summary>
/// Settings of the feedback's background jobs, under <c>Feedback</c> like <see cref="FeedbackOptions"/>:
/// the retention of personal data (<see cref="RetentionJob"/>) and the daily digest (<see cref="DigestJob"/>).
/// </summary>
public sealed class FeedbackJobOptions
{
    public const string Section = FeedbackOptions.Section;

    /// <summary>
    /// <c>Feedback:RetentionDays</c>: how long the personal data of a closed case is kept, counted
    /// from its closing. Default 1825 days (5 years). After that, <see cref="RetentionJob"/> replaces
    /// the citizen's name, address, phone, e-mail and the person complained about, and deletes the
    /// attachments; the case and its figures (kind, department, dates, status, rating) stay.
    /// </summary>
    public int RetentionDays { get; set; } = 1825;

    /// <summary><c>Feedback:RetentionBatchSize</c>: cases anonymised per transaction.</summary>
    public int RetentionBatchSize { get; set; } = 100;

    /// <summary>
    /// <c>Feedback:DigestHour</c>: the hour (0–23, Vietnam time) from which the day's digest of overdue
    /// and due-soon cases is sent to each department and to the leaders. Default 7.
    /// </summary>
    public int DigestHour { get; set; } = 7;

    /// <summary><c>Feedback:DigestDueSoonDays</c>: a case due within this many working days is listed as due soon. Default 2.</summary>
    public int DigestDueSoonDays { get; set; } = 2;

    /// <summary>
    /// <c>Feedback:RunJobs</c>: whether this node runs the jobs on their timers (default true).
    /// Every node may run them: they coordinate through the database.
    /// </summary>
    public bool RunJobs { get; set; } = true;
}

/// <summary>Registers the feedback's background jobs.</summary>
public static class FeedbackJobsModule
{
    public static IServiceCollection AddFeedbackJobs(this IServiceCollection services)
    {
        services.AddOptions<FeedbackJobOptions>().BindConfiguration(FeedbackJobOptions.Section)
            .Validate(o => o.RetentionDays >= 1, "Feedback:RetentionDays must be at least 1 (default 1825, five years).")
            .Validate(o => o.RetentionBatchSize >= 1, "Feedback:RetentionBatchSize must be at least 1.")
            .Validate(o => o.DigestHour is >= 0 and <= 23, "Feedback:DigestHour must be an hour from 0 to 23 (Vietnam time).")
            .Validate(o => o.DigestDueSoonDays >= 0, "Feedback:DigestDueSoonDays must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        services.AddSingleton<DigestJob>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestJob>());
        return services;
    }
}
