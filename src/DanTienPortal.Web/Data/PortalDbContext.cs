using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace DanTienPortal.Web.Data;

/// <summary>The portal's one database context; each feature adds its sets and mappings here.</summary>
public sealed class PortalDbContext : IdentityDbContext<Staff.StaffUser>, IDataProtectionKeyContext
{
    public PortalDbContext(DbContextOptions<PortalDbContext> options)
        : base(options)
    {
        // Every transaction of the portal is all or nothing, so savepoints buy nothing, and they
        // cost atomicity: EF Core ignores a failure to release one, and when the connection broke
        // there, the transaction's next SaveChanges reopens a connection and writes outside the
        // transaction (a submission's e-mails without its case). Without them, a broken connection
        // fails the transaction's next statement, and the whole transaction is lost together.
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>
    /// The key ring behind antiforgery tokens and cookies, shared by every app node so that a
    /// token issued by one is accepted by another.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Feedback.FeedbackCase> Cases => Set<Feedback.FeedbackCase>();

    public DbSet<Feedback.CaseAttachment> CaseAttachments => Set<Feedback.CaseAttachment>();

    public DbSet<Feedback.CaseEvent> CaseEvents => Set<Feedback.CaseEvent>();

    public DbSet<Feedback.CaseNote> CaseNotes => Set<Feedback.CaseNote>();

    public DbSet<Feedback.CaseAccess> CaseAccesses => Set<Feedback.CaseAccess>();

    public DbSet<Feedback.DigestRun> DigestRuns => Set<Feedback.DigestRun>();

    public DbSet<Feedback.RateLimitWindow> RateLimitWindows => Set<Feedback.RateLimitWindow>();

    public DbSet<Feedback.RateLimitKey> RateLimitKeys => Set<Feedback.RateLimitKey>();

    public DbSet<Plan.PlanTaskUpdate> PlanTaskUpdates => Set<Plan.PlanTaskUpdate>();

    public DbSet<Mail.OutboxMessage> Outbox => Set<Mail.OutboxMessage>();

    public DbSet<News.NewsPost> NewsPosts => Set<News.NewsPost>();

    public DbSet<News.NewsRevision> NewsRevisions => Set<News.NewsRevision>();

    public DbSet<News.NewsImage> NewsImages => Set<News.NewsImage>();

    /// <summary>Provider settings shared by the app, the design-time factory and the tests.</summary>
    public static void ConfigureNpgsql(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history");

    /// <summary>Options for a context outside the app's container (migrations tooling, tests).</summary>
    public static DbContextOptions<PortalDbContext> OptionsFor(string connectionString) =>
        new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(connectionString, ConfigureNpgsql)
            .UseSnakeCaseNamingConvention()
            .Options;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
