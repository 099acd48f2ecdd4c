using DanTienPortal.Web.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Feedback;

/// <summary>
/// A case as its sender sees it: found by the private link, or by code and phone number. A
/// wrong pair and an unknown code get the same answer, so the page tells nobody which codes exist.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class TrackModel(FeedbackService feedback, Content.ContentStore content) : PageModel
{
    public const string NoSuchCase = "Không tìm thấy phản ánh nào có mã và số điện thoại này. Vui lòng kiểm tra lại mã (dạng PAKN-2026-000123) và số điện thoại đã khai khi gửi.";

    public const string BrokenLink = "Đường dẫn tra cứu không đúng hoặc đã bị cắt mất một phần. Hãy mở lại đường dẫn đầy đủ, hoặc tra cứu bằng mã và số điện thoại.";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    /// <summary>The secret of the private link, carried by the rating form when the case was opened by it.</summary>
    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? RatingComment { get; set; }

    public CaseView? Case { get; private set; }

    /// <summary>What became of a rating: thanks, or why it was not saved.</summary>
    public string? RatingMessage { get; private set; }

    public string? RatingError { get; private set; }

    /// <summary>Just sent: the page is the receipt.</summary>
    public bool JustSent { get; private set; }

    public string? PrivateLink { get; private set; }

    public string? Message { get; private set; }

    public string DepartmentName(string? slug) =>
        slug is not null && content.Current.AgenciesBySlug.TryGetValue(slug, out var agency) ? agency.Name : slug ?? "";

    public async Task OnGetAsync(string? ma, string? khoa, string? moi, CancellationToken cancellationToken)
    {
        if (ma is null)
        {
            return;
        }

        Case = await feedback.FindByKeyAsync(ma, khoa, cancellationToken);
        if (Case is null)
        {
            Message = BrokenLink;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        JustSent = moi == "1";
        Key = khoa;
        PrivateLink = $"/phan-anh-kien-nghi/tra-cuu?ma={Case.Case.Code}&khoa={khoa}";
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Case = await feedback.FindByPhoneAsync(Code, Phone, cancellationToken);
        Message = Case is null ? NoSuchCase : null;
    }

    /// <summary>The citizen rates the answer: the private link's key, or the code and phone, are checked again first.</summary>
    public async Task OnPostRateAsync(CancellationToken cancellationToken)
    {
        var byKey = Key is { Length: > 0 };
        Case = byKey ? await feedback.FindByKeyAsync(Code, Key, cancellationToken) : await feedback.FindByPhoneAsync(Code, Phone, cancellationToken);
        if (Case is null)
        {
            Message = byKey ? BrokenLink : NoSuchCase;
            Response.StatusCode = byKey ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            return;
        }

        PrivateLink = byKey ? $"/phan-anh-kien-nghi/tra-cuu?ma={Case.Case.Code}&khoa={Key}" : null;
        var comment = string.IsNullOrWhiteSpace(RatingComment) ? null : RatingComment.Trim();
        RatingError = Rating is not (>= 1 and <= 5) ? "Chọn mức đánh giá từ 1 đến 5."
            : comment?.Length > 1000 ? "Nhận xét không quá 1000 ký tự."
            : null;
        if (RatingError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (await feedback.RateAsync(Case.Case.Id, Rating!.Value, comment, cancellationToken))
        {
            RatingMessage = "Cảm ơn bạn đã đánh giá câu trả lời.";
            Case = byKey ? await feedback.FindByKeyAsync(Code, Key, cancellationToken) : await feedback.FindByPhoneAsync(Code, Phone, cancellationToken);
        }
        else
        {
            RatingMessage = Case.Case.Rating is null && Case.Case.Answer is null
                ? "Phản ánh chưa có câu trả lời nên chưa thể đánh giá."
                : "Câu trả lời này đã được đánh giá; mỗi câu trả lời chỉ được đánh giá một lần.";
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
    }
}
