using System.Globalization;
using System.Security.Cryptography;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Search;
using Npgsql;
using NpgsqlTypes;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// What years of use leave in the database, written in bulk (binary COPY) with a fixed seed:
/// published news posts, which is how the portal's documents grow, and feedback cases with the
/// audit trail and e-mails that handling them leaves.
/// </summary>
public sealed class GrowthData(NpgsqlDataSource database, ContentSnapshot site, DateTimeOffset now)
{
    /// <summary>How far back the cases go: two years, so the statistics' twelve months hold about half of them.</summary>
    public const int CaseMonths = 24;

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"];
    private static readonly string[] GivenNames = ["Văn An", "Thị Hoa", "Văn Bình", "Thị Lan", "Đức Minh", "Thị Mai", "Văn Hùng", "Thị Hằng", "Quang Huy", "Thị Thu"];
    private static readonly FeedbackKind[] KindsByShare = [FeedbackKind.Suggestion, FeedbackKind.Suggestion, FeedbackKind.Suggestion, FeedbackKind.Regulation, FeedbackKind.Regulation, FeedbackKind.Conduct, FeedbackKind.Complaint, FeedbackKind.Complaint];

    private readonly Random _random = new(2026);
    private readonly FeedbackOptions _deadlines = new();

    /// <summary>Adds <paramref name="count"/> published posts, variants of the real pages, dated over the last four years; returns them as search sees them.</summary>
    public List<SearchDocument> AddNews(IReadOnlyList<SearchDocument> real, int count, int firstNumber)
    {
        var posts = SyntheticCorpus.Generate(real, count, seed: firstNumber);
        var documents = new List<SearchDocument>(count);
        using var connection = database.OpenConnection();
        using (var copy = connection.BeginBinaryImport(
            "COPY news_posts (slug, title, summary, body, status, publish_at, created_by_id, created_by_name, created_at, updated_by_id, updated_by_name, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < posts.Count; i++)
            {
                var post = posts[i];
                var slug = $"tin-{firstNumber + i}";
                var title = Clip(post.Title, NewsLimits.Title);
                var sentences = post.Body.Split(". ", StringSplitOptions.RemoveEmptyEntries);
                var summary = Clip(sentences[0], NewsLimits.Summary);
                var body = string.Join("\n\n", sentences.Chunk(3).Select(paragraph => string.Join(". ", paragraph).TrimEnd('.') + "."));
                var published = now.AddMinutes(-_random.Next(4 * 365 * 24 * 60));
                copy.StartRow();
                copy.Write(slug);
                copy.Write(title);
                copy.Write(summary);
                copy.Write(body);
                copy.Write((int)NewsStatus.Published);
                copy.Write(published, NpgsqlDbType.TimestampTz);
                copy.Write("bench-editor");
                copy.Write("Biên tập viên");
                copy.Write(published, NpgsqlDbType.TimestampTz);
                copy.Write("bench-editor");
                copy.Write("Biên tập viên");
                copy.Write(published, NpgsqlDbType.TimestampTz);
                documents.Add(new SearchDocument($"news-db:{slug}", SearchTypes.News, $"/tin-tuc/{slug}", title, summary, body,
                    Published: DateOnly.FromDateTime(published.UtcDateTime)));
            }

            copy.Complete();
        }

        return documents;
    }

    /// <summary>
    /// Adds <paramref name="count"/> cases submitted evenly over the last <see cref="CaseMonths"/>
    /// months, to the departments the topics of <c>content/feedback.yml</c> route to; the older a
    /// case, the likelier it is answered and closed (a few stay open past their due day). Each has
    /// its audit events and its sent e-mails; the year's numbers go on from the cases already there.
    /// </summary>
    public void AddCases(int count)
    {
        using var connection = database.OpenConnection();
        var firstId = Scalar(connection, "SELECT coalesce(max(id), 0) + 1 FROM feedback_cases");
        var cases = Enumerable.Range(0, count)
            .Select(_ => now.AddSeconds(-_random.NextInt64(CaseMonths * 30L * 24 * 3600)))
            .Order()
            .Select((submitted, i) => NewCase(firstId + i, submitted))
            .ToList();
        foreach (var year in cases.GroupBy(c => Deadlines.LocalDate(c.SubmittedAt).Year))
        {
            var next = Scalar(connection, $"SELECT coalesce(max(substr(code, 11)::bigint), 0) + 1 FROM feedback_cases WHERE code LIKE 'PAKN-{year.Key}-%'");
            foreach (var c in year)
            {
                c.Code = $"PAKN-{year.Key}-{next++:D6}";
            }
        }

        WriteCases(connection, cases);
        WriteEvents(connection, cases);
        WriteMail(connection, cases);

        // What the portal's own inserts would have left: the ids and each year's numbers go on from here.
        Scalar(connection, "SELECT setval(pg_get_serial_sequence('feedback_cases', 'id'), max(id)) FROM feedback_cases");
        foreach (var year in cases.Select(c => c.Code[5..9]).Distinct())
        {
            Scalar(connection, $"SELECT next_case_number({year})");
            Scalar(connection, $"SELECT setval('case_number_{year}', (SELECT max(substr(code, 11)::bigint) FROM feedback_cases WHERE code LIKE 'PAKN-{year}-%'))");
        }
    }

    private FeedbackCase NewCase(long id, DateTimeOffset submitted)
    {
        var category = site.Feedback.Categories[_random.Next(site.Feedback.Categories.Count)];
        var kind = KindsByShare[_random.Next(KindsByShare.Length)];
        var deadlines = Deadlines.For(kind, submitted, _deadlines.Deadlines[kind], site.Feedback.Calendar);
        var name = $"{FamilyNames[_random.Next(FamilyNames.Length)]} {GivenNames[_random.Next(GivenNames.Length)]}";
        var hamlet = site.Feedback.Hamlets.Count > 0 ? site.Feedback.Hamlets[_random.Next(site.Feedback.Hamlets.Count)] : null;
        var c = new FeedbackCase
        {
            Id = id,
            Code = "",
            AccessKeyHash = RandomNumberGenerator.GetBytes(32),
            SubmissionId = Guid.NewGuid(),
            Kind = kind,
            Category = category.Key,
            Department = category.Department,
            RoutingReason = $"Chủ đề “{category.Name}” do phòng phụ trách.",
            Hamlet = hamlet,
            Title = Clip($"{category.Name}: đề nghị xem xét, giải quyết ({hamlet ?? "xã Dân Tiến"})", FeedbackLimits.Title),
            Content = string.Concat(Enumerable.Repeat($"Người dân {hamlet ?? "trong xã"} phản ánh về {category.Name.ToLower(CultureInfo.GetCultureInfo("vi-VN"))}. ", 2 + _random.Next(8))) +
                      "Đề nghị Ủy ban nhân dân xã kiểm tra, giải quyết và trả lời.",
            Name = name,
            Address = $"Số {1 + _random.Next(200)}, {hamlet ?? "thôn Đông"}, xã Dân Tiến",
            Phone = $"09{_random.Next(10_000_000, 99_999_999)}",
            Email = _random.Next(2) == 0 ? $"nguoidan{id}@example.com" : null,
            ComplaintSubject = kind == FeedbackKind.Complaint ? "Quyết định giải quyết hồ sơ của Ủy ban nhân dân xã" : null,
            ComplaintAgainst = kind is FeedbackKind.Complaint or FeedbackKind.Conduct ? "Bộ phận tiếp nhận và trả kết quả" : null,
            ConsentedAt = submitted,
            ConsentToPublish = _random.Next(3) == 0,
            SubmittedAt = submitted,
            AcceptBy = deadlines.AcceptBy,
            DueBy = deadlines.DueBy,
        };

        var age = (now - submitted).TotalDays;
        var roll = _random.NextDouble();
        var answeredChance = age > 45 ? 0.97 : age > 15 ? 0.6 : 0.25;
        if (roll < answeredChance * 0.92)
        {
            // Answered a few days to a few weeks after it came in; most before the due day.
            var answered = submitted.AddDays(2 + (_random.NextDouble() * Math.Min(age - 1, 25)));
            c.Status = answered.AddDays(7) < now && _random.NextDouble() < 0.85 ? CaseStatus.Closed : CaseStatus.Answered;
            c.Answer = $"Ủy ban nhân dân xã đã tiếp nhận và giao {c.Department} kiểm tra. Kết quả: đã xử lý theo đề nghị; trân trọng cảm ơn ông (bà) đã phản ánh.";
            c.AnsweredAt = answered;
            c.AnsweredBy = "can-bo@dantien.test";
            c.ClosedAt = c.Status == CaseStatus.Closed ? answered.AddDays(7) : null;
            if (_random.Next(2) == 0)
            {
                c.Rating = Math.Min(5, 1 + _random.Next(6));
                c.RatedAt = answered.AddDays(1);
            }
        }
        else if (roll < answeredChance)
        {
            c.Status = CaseStatus.Rejected;
            c.RejectReason = RejectReasons.All.Keys.ElementAt(_random.Next(RejectReasons.All.Count));
            c.ClosedAt = age > 10 ? submitted.AddDays(5) : null;
        }
        else
        {
            c.Status = age < 3 ? CaseStatus.Received : _random.Next(8) == 0 ? CaseStatus.NeedsInformation : CaseStatus.Accepted;
        }

        return c;
    }

    private static void WriteCases(NpgsqlConnection connection, List<FeedbackCase> cases)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY feedback_cases (id, code, access_key_hash, submission_id, kind, status, category, department, routing_reason, hamlet, title, content,
                name, address, phone, email, complaint_subject, complaint_against, consented_at, consent_to_publish, submitted_at, accept_by, due_by,
                reject_reason, answer, answered_at, answered_by, rating, rated_at, closed_at) FROM STDIN (FORMAT BINARY)
            """);
        foreach (var c in cases)
        {
            copy.StartRow();
            copy.Write(c.Id);
            copy.Write(c.Code);
            copy.Write(c.AccessKeyHash);
            copy.Write(c.SubmissionId);
            copy.Write((int)c.Kind);
            copy.Write((int)c.Status);
            copy.Write(c.Category);
            copy.Write(c.Department);
            copy.Write(c.RoutingReason);
            Nullable(copy, c.Hamlet, NpgsqlDbType.Varchar);
            copy.Write(c.Title);
            copy.Write(c.Content);
            copy.Write(c.Name);
            copy.Write(c.Address);
            copy.Write(c.Phone);
            Nullable(copy, c.Email, NpgsqlDbType.Varchar);
            Nullable(copy, c.ComplaintSubject, NpgsqlDbType.Varchar);
            Nullable(copy, c.ComplaintAgainst, NpgsqlDbType.Varchar);
            copy.Write(c.ConsentedAt, NpgsqlDbType.TimestampTz);
            copy.Write(c.ConsentToPublish);
            copy.Write(c.SubmittedAt, NpgsqlDbType.TimestampTz);
            Nullable(copy, c.AcceptBy, NpgsqlDbType.Date);
            copy.Write(c.DueBy, NpgsqlDbType.Date);
            Nullable(copy, c.RejectReason, NpgsqlDbType.Varchar);
            Nullable(copy, c.Answer, NpgsqlDbType.Varchar);
            Nullable(copy, c.AnsweredAt, NpgsqlDbType.TimestampTz);
            Nullable(copy, c.AnsweredBy, NpgsqlDbType.Varchar);
            Nullable(copy, c.Rating, NpgsqlDbType.Integer);
            Nullable(copy, c.RatedAt, NpgsqlDbType.TimestampTz);
            Nullable(copy, c.ClosedAt, NpgsqlDbType.TimestampTz);
        }

        copy.Complete();
    }

    /// <summary>The audit trail each case's history implies: submitted and routed, then accepted, answered or rejected, closed.</summary>
    private static void WriteEvents(NpgsqlConnection connection, List<FeedbackCase> cases)
    {
        using var copy = connection.BeginBinaryImport(
            "COPY case_events (case_id, at, actor, action, from_status, to_status, to_department, note) FROM STDIN (FORMAT BINARY)");
        void Event(FeedbackCase c, DateTimeOffset at, string actor, string action, CaseStatus? from, CaseStatus? to, string? note = null)
        {
            copy.StartRow();
            copy.Write(c.Id);
            copy.Write(at, NpgsqlDbType.TimestampTz);
            copy.Write(actor);
            copy.Write(action);
            Nullable(copy, (int?)from, NpgsqlDbType.Integer);
            Nullable(copy, (int?)to, NpgsqlDbType.Integer);
            Nullable(copy, action == "routed" ? c.Department : null, NpgsqlDbType.Varchar);
            Nullable(copy, note, NpgsqlDbType.Varchar);
        }

        foreach (var c in cases)
        {
            Event(c, c.SubmittedAt, "citizen", "submitted", null, CaseStatus.Received);
            Event(c, c.SubmittedAt, "system", "routed", null, null, c.RoutingReason);
            if (c.Status is CaseStatus.Received)
            {
                continue;
            }

            var handled = c.SubmittedAt.AddDays(1);
            if (c.Status == CaseStatus.Rejected)
            {
                Event(c, handled, "can-bo@dantien.test", "rejected", CaseStatus.Received, CaseStatus.Rejected, RejectReasons.All[c.RejectReason!]);
                continue;
            }

            Event(c, handled, "can-bo@dantien.test", "accepted", CaseStatus.Received, CaseStatus.Accepted);
            if (c.Status == CaseStatus.NeedsInformation)
            {
                Event(c, handled.AddHours(2), "can-bo@dantien.test", "information-requested", CaseStatus.Accepted, CaseStatus.NeedsInformation, "Đề nghị cung cấp thêm ảnh chụp hiện trường.");
            }

            if (c.AnsweredAt is { } answered)
            {
                Event(c, answered, "can-bo@dantien.test", "answered", CaseStatus.Accepted, CaseStatus.Answered, c.Answer);
            }

            if (c.RatedAt is { } rated)
            {
                Event(c, rated, "citizen", "rated", null, null);
            }

            if (c.Status == CaseStatus.Closed)
            {
                Event(c, c.ClosedAt!.Value, "can-bo@dantien.test", "closed", CaseStatus.Answered, CaseStatus.Closed);
            }
        }

        copy.Complete();
    }

    /// <summary>The e-mails each case sent: the department's notice, and the citizen's receipt and answer when they gave an address.</summary>
    private static void WriteMail(NpgsqlConnection connection, List<FeedbackCase> cases)
    {
        using var copy = connection.BeginBinaryImport(
            "COPY outbox_messages (case_id, created_at, \"to\", to_name, subject, text_body, purpose, attempts, next_attempt_at, sent_at, locked_by) FROM STDIN (FORMAT BINARY)");
        void Mail(FeedbackCase c, DateTimeOffset at, string to, string subject, string body, string purpose)
        {
            copy.StartRow();
            copy.Write(c.Id);
            copy.Write(at, NpgsqlDbType.TimestampTz);
            copy.Write(to);
            copy.Write(c.Name);
            copy.Write(subject);
            copy.Write(body);
            copy.Write(purpose);
            copy.Write(1);
            copy.Write(at, NpgsqlDbType.TimestampTz);
            copy.Write(at.AddSeconds(2), NpgsqlDbType.TimestampTz);
            copy.Write("bench");
        }

        foreach (var c in cases)
        {
            Mail(c, c.SubmittedAt, "tiep-nhan@dantien.invalid", $"[{c.Code}] {c.Title}", $"Phòng vừa nhận phản ánh mới {c.Code}: {c.Title}. {c.RoutingReason}", "department-notice");
            if (c.Email is { } email)
            {
                Mail(c, c.SubmittedAt, email, $"Xã Dân Tiến đã nhận phản ánh {c.Code}", $"Kính gửi {c.Name}, Ủy ban nhân dân xã Dân Tiến đã nhận phản ánh {c.Code}: “{c.Title}”. Hạn trả lời: {c.DueBy:dd/MM/yyyy}.", "citizen-receipt");
                if (c.AnsweredAt is { } answered)
                {
                    Mail(c, answered, email, $"Trả lời phản ánh {c.Code}", c.Answer!, "answer");
                }
            }
        }

        copy.Complete();
    }

    private static void Nullable(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private static long Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd();
}
