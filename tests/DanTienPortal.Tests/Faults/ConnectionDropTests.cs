using System.Net;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Faults;

/// <summary>
/// The database connection cut in the middle of a submission's transaction, PostgreSQL itself
/// staying up, before each of the transaction's steps in turn: the form is stored whole and
/// acknowledged, or not at all and handed back with a 503 to be sent again; never a 500, never
/// an e-mail about a case that was not stored.
/// </summary>
public sealed class ConnectionDropTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>
{
    [Fact]
    public async Task A_connection_cut_before_any_step_of_a_submission_leaves_it_whole_or_absent_and_sendable_again()
    {
        var cutter = new ConnectionCutter(portal.ConnectionString);
        await using var app = portal.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Feedback:FallbackMailbox", FaultPortal.DepartmentMailbox);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(cutter)));
        });
        using var citizen = new FeedbackClient(app);
        var acknowledged = new List<AcknowledgedSubmission>();
        var unexpected = new List<string>();

        for (var step = 1; ; step++)
        {
            var sent = CitizenLoad.Form(1, step);
            var form = await citizen.OpenFormAsync();
            cutter.Arm(step);
            var answers = new List<string>();
            string? code = null;
            for (var attempt = 1; attempt <= 2 && form is not null && code is null; attempt++)
            {
                using var body = FeedbackClient.Body(form, sent.Fields, sent.Attachment is { } file ? [file] : null);
                using var response = await citizen.PostAsync(body);
                var page = await Html.ParseAsync(response);
                code = FormAnswers.ReceiptCode(response);
                // A form handed back intact is sent again from that page, as the page asks.
                form = response.StatusCode == HttpStatusCode.ServiceUnavailable && FormAnswers.KeepsForm(page, sent) ? FormAnswers.FormOf(page) : null;
                answers.Add(code ?? $"{(int)response.StatusCode}{(form is null ? " " + page.QuerySelector("h1")?.TextContent.Trim() : "")}");
            }

            if (code is null)
            {
                unexpected.Add($"cut before step {step}: not acknowledged ({string.Join(" → ", answers)})");
            }
            else
            {
                acknowledged.Add(new AcknowledgedSubmission(sent, code, DateTimeOffset.UtcNow));
            }

            if (cutter.CutBefore is not { } cut)
            {
                // The submission has fewer steps than this: every one of them has been cut before.
                FaultPortal.Report($"no cut (the transaction has {step - 1} steps): {string.Join(" → ", answers)}");
                break;
            }

            FaultPortal.Report($"cut before step {step} ({Shorten(cut)}): {string.Join(" → ", answers)}");
        }

        var audit = await StoredCases.AuditAsync(portal.ConnectionString, acknowledged);
        FaultPortal.Report($"database: {audit.Cases} cases, {audit.OutboxMessages} outbox messages");
        Assert.Empty(unexpected);
        Assert.Empty(audit.Problems);
        Assert.Equal(audit.Cases, acknowledged.Count);
    }

    private static string Shorten(string sql) => sql.Length <= 60 ? sql : sql[..60] + "…";
}
