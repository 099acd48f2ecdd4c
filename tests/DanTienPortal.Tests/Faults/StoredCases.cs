using DanTienPortal.Tests.Feedback;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Tests.Faults;

/// <summary>What the database holds after a fault, measured against what the citizens were told.</summary>
public sealed record CaseAudit(
    int Cases, int NeverAcknowledged, int OutboxMessages, IReadOnlyDictionary<string, DateTimeOffset> SubmittedAt, IReadOnlyList<string> Problems);

/// <summary>
/// Holds the database to the receipts the portal gave: every acknowledged code is the citizen's
/// own case, whole (its fields, its audit events, its attachments, its department notice and,
/// when an address was given, the citizen's receipt); no case at all is stored half or twice,
/// and no e-mail is about a case that is not stored.
/// </summary>
public static class StoredCases
{
    /// <summary>The audit events every submission writes with its case.</summary>
    private static readonly string[] SubmissionEvents = ["submitted", "routed"];

    public static async Task<CaseAudit> AuditAsync(string connectionString, IReadOnlyList<AcknowledgedSubmission> acknowledged)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
        var cases = await db.Cases.AsNoTracking().Include(c => c.Attachments).Include(c => c.Events)
            .ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, TestContext.Current.CancellationToken);
        var outbox = await db.Outbox.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var mailByCase = outbox.Where(m => m.CaseId is not null).ToLookup(m => m.CaseId!.Value);

        var problems = new List<string>();
        foreach (var group in acknowledged.GroupBy(a => a.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{group.Key} was given to {group.Count()} different submissions");
        }

        foreach (var twice in cases.Values.GroupBy(c => c.Title, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"one form is stored as {twice.Count()} cases: {string.Join(", ", twice.Select(c => c.Code))}");
        }

        foreach (var receipt in acknowledged)
        {
            if (!cases.TryGetValue(receipt.Code, out var stored))
            {
                problems.Add($"{receipt.Code} was acknowledged at {receipt.At:HH:mm:ss.fff} but is not in the database");
                continue;
            }

            problems.AddRange(Differences(receipt.Sent, stored).Select(d => $"{receipt.Code}: {d}"));
        }

        foreach (var stored in cases.Values)
        {
            problems.AddRange(Missing(stored, mailByCase[stored.Id].ToList()).Select(m => $"{stored.Code} is stored without {m}"));
        }

        var caseIds = cases.Values.Select(c => c.Id).ToHashSet();
        foreach (var orphan in outbox.Where(m => m.CaseId is { } id && !caseIds.Contains(id)))
        {
            problems.Add($"e-mail {orphan.Id} ({orphan.Purpose}, “{orphan.Subject}”) is about case {orphan.CaseId}, which is not stored");
        }

        var acknowledgedCodes = acknowledged.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        return new CaseAudit(
            cases.Count, cases.Keys.Count(code => !acknowledgedCodes.Contains(code)), outbox.Count,
            cases.ToDictionary(kv => kv.Key, kv => kv.Value.SubmittedAt, StringComparer.Ordinal), problems);
    }

    /// <summary>Where the stored case is not what the citizen sent.</summary>
    private static IEnumerable<string> Differences(SentSubmission sent, FeedbackCase stored)
    {
        if (stored.Title != sent.Title || stored.Content != sent.Content)
        {
            yield return $"holds “{stored.Title}”, not the citizen's “{sent.Title}”";
        }

        if (stored.Kind != FeedbackKinds.FromSlug(sent.Kind)!.Kind || stored.Phone != sent.Phone || stored.Email != sent.Email)
        {
            yield return $"kind, phone or e-mail differ: {stored.Kind} {stored.Phone} {stored.Email}";
        }

        FilePart[] sentFiles = sent.Attachment is { } file ? [file] : [];
        if (stored.Attachments.Count != sentFiles.Length
            || !stored.Attachments.Zip(sentFiles).All(pair => pair.First.FileName == pair.Second.FileName && pair.First.Content.SequenceEqual(pair.Second.Content)))
        {
            yield return $"has {stored.Attachments.Count} attachments, not the {sentFiles.Length} file(s) sent";
        }
    }

    /// <summary>The parts of a submission's one transaction that a stored case lacks.</summary>
    private static IEnumerable<string> Missing(FeedbackCase stored, List<OutboxMessage> mail)
    {
        foreach (var action in SubmissionEvents.Where(a => !stored.Events.Any(e => e.Action == a)))
        {
            yield return $"its “{action}” event";
        }

        if (mail.Count(m => m.Purpose == "department-notice" && m.To == FaultPortal.DepartmentMailbox && m.Subject.Contains(stored.Code, StringComparison.Ordinal)) != 1)
        {
            yield return "exactly one department notice";
        }

        var receipts = mail.Count(m => m.Purpose == "citizen-receipt" && m.To == stored.Email && m.TextBody.Contains(stored.Code, StringComparison.Ordinal));
        if (receipts != (stored.Email is null ? 0 : 1) || mail.Count != (stored.Email is null ? 1 : 2))
        {
            yield return $"exactly {(stored.Email is null ? "no" : "one")} citizen receipt (it has {mail.Count} e-mails)";
        }
    }
}
