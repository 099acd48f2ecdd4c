using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DanTienPortal.Tests.Feedback;

/// <summary>What the database itself guarantees about cases: an audit trail nobody rewrites.</summary>
public sealed class FeedbackDatabaseTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private readonly FeedbackClient _client = new(portal);

    [Theory]
    [InlineData("UPDATE case_events SET note = 'sửa lại lịch sử', actor = 'ke-gian' WHERE case_id = {0}")]
    [InlineData("UPDATE case_events SET at = at - interval '30 days' WHERE case_id = {0}")]
    [InlineData("DELETE FROM case_events WHERE case_id = {0}")]
    public async Task Changing_or_removing_a_line_of_the_audit_trail_is_refused_by_the_database(string sql)
    {
        var receipt = await _client.SubmitValidAsync();
        var stored = await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code);

        var error = await Assert.ThrowsAsync<PostgresException>(() => FeedbackDb.ExecuteAsync(portal.ConnectionString, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, stored.Id)));

        Assert.Equal(PostgresErrorCodes.RaiseException, error.SqlState);
        Assert.Equal("case_events is append-only", error.MessageText);
        var after = await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code);
        Assert.Equal(
            stored.Events.OrderBy(e => e.Id).Select(e => (e.Id, e.At, e.Actor, e.Action, e.Note)),
            after.Events.OrderBy(e => e.Id).Select(e => (e.Id, e.At, e.Actor, e.Action, e.Note)));
    }

    [Fact]
    public async Task Adding_a_line_to_the_audit_trail_is_allowed()
    {
        var receipt = await _client.SubmitValidAsync();
        var stored = await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code);

        var added = await FeedbackDb.ExecuteAsync(portal.ConnectionString,
            $"INSERT INTO case_events (case_id, at, actor, action, note) VALUES ({stored.Id}, now(), 'can-bo-a', 'accepted', 'Thụ lý')");

        Assert.Equal(1, added);
        Assert.Equal(3, (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Events.Count);
    }

    [Fact]
    public async Task Emptying_the_audit_trail_with_truncate_is_refused_by_the_database()
    {
        await _client.SubmitValidAsync();
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);

        try
        {
            await using var truncate = new NpgsqlCommand("TRUNCATE case_events", connection, transaction);
            var error = await Record.ExceptionAsync(() => truncate.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.True(error is PostgresException { SqlState: PostgresErrorCodes.RaiseException }, "TRUNCATE case_events went through: the whole audit trail is gone.");
        }
        finally
        {
            // Whatever happened, the class's other tests keep their rows.
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_case_with_its_audit_trail_cannot_be_deleted()
    {
        var receipt = await _client.SubmitValidAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => FeedbackDb.ExecuteAsync(portal.ConnectionString, $"DELETE FROM feedback_cases WHERE code = '{receipt.Code}'"));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Contains(receipt.Code, await FeedbackDb.CodesAsync(portal.ConnectionString));
    }

    [Fact]
    public async Task Every_procedure_and_topic_routes_with_a_reason_that_fits_its_column()
    {
        // The reason quotes the procedure's title and the agencies' names from content/, which editors change.
        var content = portal.Services.GetRequiredService<ContentStore>().Current;
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        var max = db.Model.FindEntityType(typeof(FeedbackCase))!.FindProperty(nameof(FeedbackCase.RoutingReason))!.GetMaxLength()!.Value;

        var tooLong = (
            from category in content.Feedback.Categories
            from procedure in content.Procedures.Cast<Procedure?>().Append(null)
            let submission = new Submission(FeedbackKind.Suggestion, category, procedure, null, "t", "c", "n", "a", "0912345678", null, null, null, false, [])
            let reason = CaseRouting.Route(submission, content).Reason
            where reason.Length > max
            select $"{procedure?.Slug} + {category.Key}: {reason.Length}").ToList();

        Assert.True(tooLong.Count == 0, $"Reasons longer than {max} characters: {string.Join("; ", tooLong)}");
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Tracking codes on a database of their own, where no case was made before.</summary>
public sealed class FeedbackNumberingTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private readonly FeedbackClient _client = new(portal);

    [Fact]
    public async Task Codes_count_up_from_one_each_year_without_gaps_in_normal_operation()
    {
        var year = Deadlines.LocalDate(DateTimeOffset.UtcNow).Year;
        Assert.Empty(await FeedbackDb.CodesAsync(portal.ConnectionString));

        // A first case, the same form sent again, a form with a problem, then a second case.
        var form = await _client.OpenFormAsync();
        Receipt first;
        using (var body = FeedbackClient.Body(form, FeedbackClient.ValidFields()))
        using (var response = await _client.PostAsync(body))
        {
            first = await FeedbackClient.ReceiptOfAsync(response);
        }

        using (var again = FeedbackClient.Body(form, FeedbackClient.ValidFields()))
        using (var response = await _client.PostAsync(again))
        {
            Assert.Equal(first.Code, (await FeedbackClient.ReceiptOfAsync(response)).Code);
        }

        using (var refused = await _client.SubmitAsync(f => f["Form.Content"] = "Quá ngắn"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        }

        var second = await _client.SubmitValidAsync(kind: "khieu-nai");

        Assert.Equal($"PAKN-{year}-000001", first.Code);
        Assert.Equal($"PAKN-{year}-000002", second.Code);
        Assert.Equal([first.Code, second.Code], await FeedbackDb.CodesAsync(portal.ConnectionString));
    }

    public void Dispose() => _client.Dispose();
}
