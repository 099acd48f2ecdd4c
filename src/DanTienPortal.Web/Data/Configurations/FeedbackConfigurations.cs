using DanTienPortal.Web.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanTienPortal.Web.Data.Configurations;

internal sealed class FeedbackCaseConfiguration : IEntityTypeConfiguration<FeedbackCase>
{
    public void Configure(EntityTypeBuilder<FeedbackCase> builder)
    {
        builder.ToTable("feedback_cases");
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => c.SubmissionId).IsUnique();
        builder.HasIndex(c => new { c.Department, c.Status });
        // The inbox lists open cases by due day, and counts those overdue or due soon: an index of
        // the open ones only (Received, Accepted, NeedsInformation) stays small however many are closed.
        builder.HasIndex(c => new { c.DueBy, c.Department }).HasFilter("status IN (1, 2, 3)").HasDatabaseName("ix_feedback_cases_open_due_by");
        // The inbox lists the other cases newest first; the statistics read a year of cases from
        // this index alone (the columns they count are in it), not from the whole table.
        builder.HasIndex(c => c.SubmittedAt).IncludeProperties(c => new { c.Department, c.Status, c.DueBy, c.AnsweredAt, c.Rating });
        builder.Property(c => c.Code).HasMaxLength(20);
        builder.Property(c => c.AccessKeyHash).HasMaxLength(32);
        builder.Property(c => c.Category).HasMaxLength(60);
        builder.Property(c => c.ProcedureSlug).HasMaxLength(120);
        builder.Property(c => c.Department).HasMaxLength(120);
        builder.Property(c => c.RoutingReason).HasMaxLength(300);
        builder.Property(c => c.Hamlet).HasMaxLength(100);
        builder.Property(c => c.Title).HasMaxLength(FeedbackLimits.Title);
        builder.Property(c => c.Content).HasMaxLength(FeedbackLimits.Content);
        builder.Property(c => c.Name).HasMaxLength(FeedbackLimits.Name);
        builder.Property(c => c.Address).HasMaxLength(FeedbackLimits.Address);
        builder.Property(c => c.Phone).HasMaxLength(15);
        builder.Property(c => c.Email).HasMaxLength(FeedbackLimits.Email);
        builder.Property(c => c.ComplaintSubject).HasMaxLength(FeedbackLimits.ComplaintSubject);
        builder.Property(c => c.ComplaintAgainst).HasMaxLength(FeedbackLimits.ComplaintAgainst);
        builder.Property(c => c.RejectReason).HasMaxLength(40);
        builder.Property(c => c.Answer).HasMaxLength(10000);
        builder.Property(c => c.AnsweredBy).HasMaxLength(256);
        builder.Property(c => c.PublicAnswer).HasMaxLength(10000);
        builder.Property(c => c.PublicSummary).HasMaxLength(FeedbackLimits.Content);
        builder.Property(c => c.RatingComment).HasMaxLength(1000);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> builder)
    {
        builder.ToTable("case_attachments");
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(100);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.ToTable("case_events");
        builder.HasIndex(e => new { e.CaseId, e.At });
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.FromDepartment).HasMaxLength(120);
        builder.Property(e => e.ToDepartment).HasMaxLength(120);
        builder.Property(e => e.Note).HasMaxLength(2000);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Mail.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Mail.OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        // The worker looks only at what is still to send.
        // The queue in the order it is claimed (due first, then oldest): a claim reads only the
        // rows it takes, however long the queue has grown (an outage, a burst of submissions).
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasFilter("sent_at IS NULL");
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Purpose).HasMaxLength(40);
        builder.Property(m => m.LockedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(2000);
    }
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> builder)
    {
        builder.ToTable("case_notes");
        builder.HasIndex(n => n.CaseId);
        builder.Property(n => n.Author).HasMaxLength(256);
        builder.Property(n => n.Text).HasMaxLength(4000);
    }
}

internal sealed class CaseAccessConfiguration : IEntityTypeConfiguration<CaseAccess>
{
    public void Configure(EntityTypeBuilder<CaseAccess> builder)
    {
        builder.ToTable("case_accesses");
        builder.HasIndex(v => new { v.CaseId, v.At });
        builder.Property(v => v.Viewer).HasMaxLength(256);
        builder.Property(v => v.What).HasMaxLength(100);
    }
}

internal sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> builder)
    {
        builder.ToTable("digest_runs");
        builder.HasKey(d => new { d.Day, d.Recipient });
        builder.Property(d => d.Recipient).HasMaxLength(120);
    }
}

internal sealed class PlanTaskUpdateConfiguration : IEntityTypeConfiguration<Plan.PlanTaskUpdate>
{
    public void Configure(EntityTypeBuilder<Plan.PlanTaskUpdate> builder)
    {
        builder.ToTable("plan_task_updates");
        builder.HasIndex(u => new { u.TaskNumber, u.At });
        builder.Property(u => u.Status).HasMaxLength(40);
        builder.Property(u => u.Note).HasMaxLength(1000);
        builder.Property(u => u.By).HasMaxLength(256);
    }
}
