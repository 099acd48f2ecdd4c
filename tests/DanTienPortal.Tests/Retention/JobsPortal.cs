using System.Security.Cryptography;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DanTienPortal.Tests.Retention;

/// <summary>
/// The portal for the feedback jobs' tests: a clock the tests set, a copy of the content in which
/// Phòng Kinh tế has a mailbox (the other departments use <see cref="FallbackMailbox"/>), small
/// retention batches, and the jobs' timers off unless <see cref="RunJobs"/> says otherwise: the tests
/// run one pass at a time.
/// </summary>
public class JobsPortal(PostgresServer postgres) : PortalFactory(postgres)
{
    public const string EconomyMailbox = "kinh-te@dantien.test";

    public const string FallbackMailbox = "phong-ban@dantien.test";

    /// <summary>Wednesday 2 June 2032, 08:00 in Vietnam.</summary>
    public static readonly DateTimeOffset Start = new(2032, 6, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly ContentFolder _content = WithEconomyMailbox();

    public FakeTimeProvider Clock { get; } = new(Start);

    protected virtual bool RunJobs => false;

    /// <summary>A second node on the same database, set up like this one.</summary>
    public WebApplicationFactory<Program> SecondJobsNode() => SecondNode().WithWebHostBuilder(Configure);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _content.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Configure(builder);
    }

    private void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Portal:ContentPath", _content.Path);
        builder.UseSetting("Feedback:FallbackMailbox", FallbackMailbox);
        builder.UseSetting("Feedback:RunJobs", RunJobs ? "true" : "false");
        builder.UseSetting("Feedback:RetentionBatchSize", "3");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private static ContentFolder WithEconomyMailbox()
    {
        var folder = ContentFolder.CopyOfReal();
        const string file = "agencies/phong-kinh-te.md";
        folder.Write(file, folder.Read(file).Replace("kind: department\n", $"kind: department\nmailbox: {EconomyMailbox}\n", StringComparison.Ordinal));
        return folder;
    }
}

/// <summary>The same portal with the jobs running on their timers, driven by the fake clock.</summary>
public sealed class RunningJobsPortal(PostgresServer postgres) : JobsPortal(postgres)
{
    protected override bool RunJobs => true;
}

/// <summary>Cases written straight into the database, with every field the jobs look at.</summary>
public static class CaseRows
{
    public const string Name = "Nguyễn Văn An";

    public const string Phone = "0912345678";

    public const string Address = "Xóm Chùa, xã Dân Tiến";

    public const string Email = "nguyen.van.an@example.test";

    public const string Against = "Ông Trần Văn Bình, cán bộ địa chính";

    /// <summary>A complaint with an attachment, its first events and the receipt e-mail; <paramref name="shape"/> sets the rest.</summary>
    public static async Task<FeedbackCase> InsertAsync(string connectionString, DateTimeOffset submitted, Action<FeedbackCase> shape)
    {
        var submission = Guid.NewGuid();
        var feedbackCase = new FeedbackCase
        {
            Code = $"PAKN-{submission.ToString("N")[..12].ToUpperInvariant()}",
            AccessKeyHash = RandomNumberGenerator.GetBytes(32),
            SubmissionId = submission,
            Kind = FeedbackKind.Complaint,
            Status = CaseStatus.Accepted,
            Category = "dat-dai",
            Department = "phong-kinh-te",
            RoutingReason = "Chủ đề đất đai do Phòng Kinh tế phụ trách",
            Hamlet = "Xóm Chùa",
            Title = "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
            Content = "Đề nghị xem xét lại việc cấp giấy chứng nhận quyền sử dụng đất cho thửa đất của gia đình tôi.",
            Name = Name,
            Address = Address,
            Phone = Phone,
            Email = Email,
            ComplaintSubject = "Quyết định cấp giấy chứng nhận số 12/QĐ-UBND",
            ComplaintAgainst = Against,
            ConsentedAt = submitted,
            SubmittedAt = submitted,
            DueBy = DateOnly.FromDateTime(submitted.UtcDateTime).AddDays(40),
        };
        feedbackCase.Attachments.Add(new CaseAttachment { FileName = "giay-chung-nhan.pdf", ContentType = "application/pdf", Size = 4, Content = [1, 2, 3, 4] });
        feedbackCase.Events.Add(new CaseEvent { At = submitted, Actor = "citizen", Action = "submitted" });
        shape(feedbackCase);

        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
        db.Cases.Add(feedbackCase);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.Outbox.Add(Outbox.Message(Email, Name, $"Xã Dân Tiến đã nhận phản ánh {feedbackCase.Code}", $"Kính gửi {Name}, …", "citizen-receipt", feedbackCase.Id, submitted));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return feedbackCase;
    }

    public static async Task<FeedbackCase> LoadAsync(string connectionString, long id)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
        return await db.Cases.AsNoTracking().Include(c => c.Attachments).Include(c => c.Events)
            .SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken);
    }

    public static async Task<List<OutboxMessage>> OutboxAsync(string connectionString, Func<OutboxMessage, bool> filter)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
        return (await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync(TestContext.Current.CancellationToken)).Where(filter).ToList();
    }
}
