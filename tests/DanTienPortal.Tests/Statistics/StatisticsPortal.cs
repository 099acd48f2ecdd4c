using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DanTienPortal.Tests.Statistics;

/// <summary>The portal for the statistics tests: its own database, and "today" fixed at 20/11/2026, 10:00 in Vietnam.</summary>
public class StatisticsPortal(PostgresServer postgres) : PortalFactory(postgres)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, Vietnam);

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private readonly SemaphoreSlim _seedLock = new(1, 1);
    private bool _seeded;

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>A Vietnam-local moment.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 9, int minute = 0) => new(year, month, day, hour, minute, 0, Vietnam);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Stores the cases once for the whole class (the tests only read them).</summary>
    public async Task SeedOnceAsync(IEnumerable<FeedbackCase> cases)
    {
        await _seedLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_seeded)
            {
                return;
            }

            await using var db = new PortalDbContext(PortalDbContext.OptionsFor(ConnectionString));
            db.Cases.AddRange(cases);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            _seeded = true;
        }
        finally
        {
            _seedLock.Release();
        }
    }

    private static int _number;

    /// <summary>A case with every required field filled; the test sets what it counts.</summary>
    public static FeedbackCase Case(string department, DateTimeOffset submitted, DateOnly dueBy, CaseStatus status,
        DateTimeOffset? answered = null, int? rating = null)
    {
        var number = Interlocked.Increment(ref _number);
        return new FeedbackCase
        {
            Code = $"PAKN-2026-{number:D6}",
            AccessKeyHash = new byte[32],
            SubmissionId = Guid.NewGuid(),
            Kind = FeedbackKind.Suggestion,
            Status = status,
            Category = "ha-tang",
            Department = department,
            RoutingReason = "Theo chủ đề",
            Title = $"Phản ánh số {number}",
            Content = "Nội dung phản ánh để thống kê.",
            Name = "Nguyễn Văn An",
            Address = "Thôn Đông",
            Phone = "0912345678",
            ConsentedAt = submitted.ToUniversalTime(),
            SubmittedAt = submitted.ToUniversalTime(),
            DueBy = dueBy,
            AnsweredAt = answered?.ToUniversalTime(),
            Answer = answered is null ? null : "Đã trả lời.",
            Rating = rating,
            RatedAt = rating is null ? null : answered?.ToUniversalTime(),
            ClosedAt = status == CaseStatus.Closed ? answered?.ToUniversalTime() : null,
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _seedLock.Dispose();
        GC.SuppressFinalize(this);
    }
}
