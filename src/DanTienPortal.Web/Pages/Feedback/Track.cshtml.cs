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

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    public CaseView? Case { get; private set; }

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
            Message = "Đường dẫn tra cứu không đúng hoặc đã bị cắt mất một phần. Hãy mở lại đường dẫn đầy đủ, hoặc tra cứu bằng mã và số điện thoại.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        JustSent = moi == "1";
        PrivateLink = $"/phan-anh-kien-nghi/tra-cuu?ma={Case.Case.Code}&khoa={khoa}";
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Case = await feedback.FindByPhoneAsync(Code, Phone, cancellationToken);
        Message = Case is null ? NoSuchCase : null;
    }
}
