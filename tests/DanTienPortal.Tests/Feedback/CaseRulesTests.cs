using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace DanTienPortal.Tests.Feedback;

/// <summary>Where a case goes and when it is due, on the real content and calendar.</summary>
public sealed class CaseRulesTests
{
    private static readonly ContentSnapshot Content = new ContentLoader(new MarkdownRenderer(), new FakeTimeProvider()).Load(ContentFolder.RealContent);
    private static readonly FeedbackOptions Options = new();

    private static Submission Submission(string category, string? procedure = null, FeedbackKind kind = FeedbackKind.Regulation) => new(
        kind, Content.Feedback.Category(category)!, procedure is null ? null : Content.ProceduresBySlug[procedure], null, "Tiêu đề", "Nội dung đủ dài để đọc được.",
        "Nguyễn Văn An", "Xóm Một", "0912345678", null, null, null, false, []);

    [Fact]
    public void A_case_about_a_procedure_goes_to_the_department_that_does_it()
    {
        var procedure = Content.Procedures.First(p => Content.AgenciesBySlug[p.AgencySlug].Kind == AgencyKind.Department && p.AgencySlug != "phong-kinh-te");

        var (department, reason) = CaseRouting.Route(Submission("ha-tang", procedure.Slug), Content);

        Assert.Equal(procedure.AgencySlug, department);
        Assert.Contains(procedure.Title, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_procedure_of_an_outside_body_leaves_the_case_to_the_topic_department_and_says_why()
    {
        var procedure = Content.Procedures.First(p => Content.AgenciesBySlug[p.AgencySlug].Kind == AgencyKind.External);

        var (department, reason) = CaseRouting.Route(Submission("chinh-sach-xa-hoi", procedure.Slug), Content);

        Assert.Equal("phong-van-hoa-xa-hoi", department);
        Assert.Contains("cơ quan ngoài UBND xã", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_procedure_the_topic_decides()
    {
        Assert.Equal("phong-kinh-te", CaseRouting.Route(Submission("ha-tang"), Content).Department);
        Assert.Equal("trung-tam-phuc-vu-hanh-chinh-cong", CaseRouting.Route(Submission("thu-tuc-hanh-chinh"), Content).Department);
    }

    [Fact]
    public void A_topic_whose_department_is_gone_falls_to_the_default()
    {
        var orphan = Submission("ha-tang") with { Category = new FeedbackCategory("cu", "Chủ đề cũ", "phong-da-giai-the") };

        var (department, reason) = CaseRouting.Route(orphan, Content);

        Assert.Equal("van-phong-hdnd-ubnd", department);
        Assert.Contains("đầu mối tiếp nhận chung", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_on_a_rule_is_due_in_ten_working_days_counted_in_vietnam_time()
    {
        // 18:00 UTC on Thursday 26/11 is already Friday 27/11 in Vietnam.
        var deadlines = Deadlines.For(FeedbackKind.Regulation, new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.Zero),
            Options.Deadlines[FeedbackKind.Regulation], Content.Feedback.Calendar);

        Assert.Null(deadlines.AcceptBy);
        Assert.Equal(new DateOnly(2026, 12, 11), deadlines.DueBy);
        Assert.True(deadlines.Confirmed);
    }

    [Fact]
    public void A_complaint_is_accepted_within_ten_days_and_decided_thirty_or_forty_five_days_later()
    {
        var deadlines = Deadlines.For(FeedbackKind.Complaint, new DateTimeOffset(2026, 8, 20, 3, 0, 0, TimeSpan.Zero),
            Options.Deadlines[FeedbackKind.Complaint], Content.Feedback.Calendar);

        // 20/8 + 10 days = Sunday 30/8, then 31/8 swapped and 1–2/9 Quốc khánh: Thursday 3/9.
        Assert.Equal(new DateOnly(2026, 9, 3), deadlines.AcceptBy);
        Assert.Equal(new DateOnly(2026, 10, 5), deadlines.DueBy); // 3/10 is a Saturday
        Assert.Equal(new DateOnly(2026, 10, 19), deadlines.ComplexDueBy); // 18/10 is a Sunday
        Assert.Contains("Luật Khiếu nại", deadlines.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_in_a_year_whose_holidays_are_not_announced_is_marked_as_estimated()
    {
        var deadlines = Deadlines.For(FeedbackKind.Suggestion, new DateTimeOffset(2026, 12, 20, 3, 0, 0, TimeSpan.Zero),
            Options.Deadlines[FeedbackKind.Suggestion], Content.Feedback.Calendar);

        Assert.Equal(2027, deadlines.DueBy.Year);
        Assert.False(deadlines.Confirmed);
    }
}
