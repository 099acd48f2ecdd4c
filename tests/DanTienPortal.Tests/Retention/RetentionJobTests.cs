using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Retention;

/// <summary>
/// Retention: the personal data of a case closed longer than Feedback:RetentionDays (five years by
/// default) is removed by a background job; the case and what statistics count stay.
/// </summary>
public sealed class RetentionJobTests(JobsPortal portal) : IClassFixture<JobsPortal>
{
    private DateTimeOffset Now => portal.Clock.GetUtcNow();

    [Fact]
    public async Task A_case_closed_six_years_ago_is_anonymised_and_recent_or_open_cases_are_untouched()
    {
        var old = await InsertAsync(closedYearsAgo: 6, rating: 4);
        var recent = await InsertAsync(closedDaysAgo: 30, rating: 2);
        var open = await CaseRows.InsertAsync(portal.ConnectionString, Now.AddYears(-7), c => c.Status = CaseStatus.Accepted);
        var job = portal.Services.GetRequiredService<RetentionJob>();

        Assert.True(await job.RunOnceAsync(Now, TestContext.Current.CancellationToken) >= 1);

        var after = await CaseRows.LoadAsync(portal.ConnectionString, old.Id);
        Assert.Equal(RetentionJob.Removed, after.Name);
        Assert.Equal(RetentionJob.Removed, after.Address);
        Assert.Equal(RetentionJob.RemovedPhone, after.Phone);
        Assert.Null(after.Email);
        Assert.Equal(RetentionJob.Removed, after.ComplaintAgainst);
        Assert.Equal(Now, after.AnonymizedAt);
        Assert.Empty(after.Attachments);
        var anonymized = Assert.Single(after.Events, e => e.Action == "anonymized");
        Assert.Equal("system", anonymized.Actor);
        Assert.Contains(after.Events, e => e.Action == "submitted");
        Assert.Empty(await CaseRows.OutboxAsync(portal.ConnectionString, m => m.CaseId == old.Id));

        // What statistics count is kept as it was.
        Assert.Equal(
            (old.Code, old.Kind, old.Status, old.Department, old.Category, old.Hamlet, old.Rating, old.SubmittedAt, old.ClosedAt, old.DueBy, old.Title),
            (after.Code, after.Kind, after.Status, after.Department, after.Category, after.Hamlet, after.Rating, after.SubmittedAt, after.ClosedAt, after.DueBy, after.Title));

        foreach (var kept in new[] { recent, open })
        {
            var stored = await CaseRows.LoadAsync(portal.ConnectionString, kept.Id);
            Assert.Equal((CaseRows.Name, CaseRows.Address, CaseRows.Phone, CaseRows.Email, CaseRows.Against), (stored.Name, stored.Address, stored.Phone, stored.Email, stored.ComplaintAgainst));
            Assert.Null(stored.AnonymizedAt);
            Assert.Single(stored.Attachments);
            Assert.DoesNotContain(stored.Events, e => e.Action == "anonymized");
            Assert.Single(await CaseRows.OutboxAsync(portal.ConnectionString, m => m.CaseId == kept.Id));
        }

        // A second pass finds nothing left to do.
        Assert.Equal(0, await job.RunOnceAsync(Now, TestContext.Current.CancellationToken));
        Assert.Single((await CaseRows.LoadAsync(portal.ConnectionString, old.Id)).Events, e => e.Action == "anonymized");
    }

    [Fact]
    public async Task The_case_is_anonymised_only_once_the_retention_period_has_run_out()
    {
        var closing = Now.AddDays(-1825).AddHours(2);
        var feedbackCase = await CaseRows.InsertAsync(portal.ConnectionString, closing.AddDays(-40), c =>
        {
            c.Status = CaseStatus.Closed;
            c.ClosedAt = closing;
        });
        var job = portal.Services.GetRequiredService<RetentionJob>();

        await job.RunOnceAsync(Now, TestContext.Current.CancellationToken);
        Assert.Null((await CaseRows.LoadAsync(portal.ConnectionString, feedbackCase.Id)).AnonymizedAt);

        await job.RunOnceAsync(Now.AddHours(3), TestContext.Current.CancellationToken);
        Assert.NotNull((await CaseRows.LoadAsync(portal.ConnectionString, feedbackCase.Id)).AnonymizedAt);
    }

    [Fact]
    public async Task Two_nodes_running_the_job_at_once_anonymise_each_case_once()
    {
        var cases = new List<FeedbackCase>();
        for (var i = 0; i < 20; i++)
        {
            cases.Add(await InsertAsync(closedYearsAgo: 6, rating: 5));
        }

        await using var second = portal.SecondJobsNode();
        var jobs = new[] { portal.Services.GetRequiredService<RetentionJob>(), second.Services.GetRequiredService<RetentionJob>() };

        await Task.WhenAll(jobs.Select(j => j.RunOnceAsync(Now, TestContext.Current.CancellationToken)));

        foreach (var feedbackCase in cases)
        {
            var stored = await CaseRows.LoadAsync(portal.ConnectionString, feedbackCase.Id);
            Assert.Equal(RetentionJob.Removed, stored.Name);
            Assert.Single(stored.Events, e => e.Action == "anonymized");
        }
    }

    private Task<FeedbackCase> InsertAsync(int rating, int closedYearsAgo = 0, int closedDaysAgo = 0)
    {
        var closed = Now.AddYears(-closedYearsAgo).AddDays(-closedDaysAgo);
        return CaseRows.InsertAsync(portal.ConnectionString, closed.AddDays(-40), c =>
        {
            c.Status = CaseStatus.Closed;
            c.Answer = "Ủy ban nhân dân xã đã xem xét và trả lời.";
            c.AnsweredAt = closed.AddDays(-10);
            c.AnsweredBy = "can-bo@dantien.test";
            c.Rating = rating;
            c.RatedAt = closed.AddDays(-1);
            c.ClosedAt = closed;
        });
    }
}

/// <summary>The job on its own timer: an hour on the injected clock later, it has run.</summary>
public sealed class RetentionTimerTests(RunningJobsPortal portal) : IClassFixture<RunningJobsPortal>
{
    [Fact]
    public async Task The_job_runs_every_hour_of_the_injected_clock()
    {
        _ = portal.Services;
        var now = portal.Clock.GetUtcNow();
        var feedbackCase = await CaseRows.InsertAsync(portal.ConnectionString, now.AddYears(-6), c =>
        {
            c.Status = CaseStatus.Closed;
            c.ClosedAt = now.AddDays(-1825).AddMinutes(30);
        });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        FeedbackCase stored;
        do
        {
            portal.Clock.Advance(RetentionJob.Interval);
            await Task.Delay(200, TestContext.Current.CancellationToken);
            stored = await CaseRows.LoadAsync(portal.ConnectionString, feedbackCase.Id);
        }
        while (stored.AnonymizedAt is null && DateTime.UtcNow < deadline);

        Assert.Equal(RetentionJob.Removed, stored.Name);
        Assert.True(stored.AnonymizedAt > now, $"{stored.AnonymizedAt:O}");
    }
}
