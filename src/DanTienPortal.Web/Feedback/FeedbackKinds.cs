namespace DanTienPortal.Web.Feedback;

/// <summary>How each kind is named, asked for and shown.</summary>
public sealed record FeedbackKindInfo(FeedbackKind Kind, string Slug, string Name, string Hint, bool NamesSubject, bool NamesPerson);

public static class FeedbackKinds
{
    public static readonly IReadOnlyList<FeedbackKindInfo> All =
    [
        new(FeedbackKind.Regulation, "quy-dinh", "Phản ánh, kiến nghị về quy định hành chính",
            "Một quy định, thủ tục, giấy tờ bất hợp lý, chồng chéo hoặc gây khó khăn; đề xuất cách làm tốt hơn.", false, false),
        new(FeedbackKind.Conduct, "hanh-vi", "Phản ánh về hành vi hành chính của cán bộ, công chức",
            "Cán bộ, công chức gây phiền hà, chậm trễ, đòi hỏi thêm giấy tờ hoặc không làm đúng quy định.", false, true),
        new(FeedbackKind.Complaint, "khieu-nai", "Khiếu nại",
            "Đề nghị xem xét lại một quyết định hành chính hoặc hành vi hành chính mà bạn cho là trái luật, xâm phạm quyền lợi của mình.", true, true),
        new(FeedbackKind.Suggestion, "gop-y", "Góp ý",
            "Ý kiến, đề xuất chung để chính quyền xã phục vụ người dân tốt hơn.", false, false),
    ];

    public static FeedbackKindInfo Of(FeedbackKind kind) => All.First(k => k.Kind == kind);

    public static FeedbackKindInfo? FromSlug(string? slug) => All.FirstOrDefault(k => k.Slug == slug);

    public static string StatusName(CaseStatus status) => status switch
    {
        CaseStatus.Received => "Đã tiếp nhận",
        CaseStatus.Accepted => "Đang xử lý",
        CaseStatus.NeedsInformation => "Cần bổ sung thông tin",
        CaseStatus.Answered => "Đã trả lời",
        CaseStatus.Rejected => "Không thụ lý",
        _ => "Đã kết thúc",
    };
}
