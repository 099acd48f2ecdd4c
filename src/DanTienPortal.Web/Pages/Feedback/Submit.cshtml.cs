using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Pages.Feedback;

/// <summary>
/// The feedback form. A failed submission comes back with every typed value and each problem
/// next to its field; a good one is stored, then the citizen is sent to its receipt.
/// </summary>
[RequestSizeLimit(FeedbackLimits.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = FeedbackLimits.MaxRequestBytes)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SubmitModel(
    ContentStore content,
    FeedbackService feedback,
    FormTickets tickets,
    RecaptchaVerifier recaptcha,
    IOptions<RecaptchaOptions> recaptchaOptions,
    IOptions<FeedbackOptions> feedbackOptions,
    IOptions<Web.SiteOptions> site,
    ILogger<SubmitModel> logger) : PageModel
{
    [BindProperty]
    public FeedbackForm Form { get; set; } = new();

    [BindProperty]
    public string? Ticket { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Files were sent with a submission that failed: the browser cannot keep them, so the page says so.</summary>
    public int DroppedFiles { get; private set; }

    public ContentSnapshot Site => content.Current;

    public RecaptchaOptions Recaptcha => recaptchaOptions.Value;

    public FeedbackOptions Options => feedbackOptions.Value;

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (Recaptcha.Enabled)
        {
            Response.Headers.ContentSecurityPolicy = Web.SecurityHeadersMiddleware.ContentSecurityPolicyWithRecaptcha;
        }
    }

    public void OnGet(string? loai, [FromQuery(Name = "thu-tuc")] string? procedure)
    {
        Form.Kind = FeedbackKinds.FromSlug(loai)?.Slug;
        Form.Procedure = procedure is not null && Site.ProceduresBySlug.ContainsKey(procedure) ? procedure : null;
        Ticket = tickets.Seal(FormTicket.New());
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Request.HasFormContentType)
        {
            // Browsers send this form as multipart; anything else is no submission of theirs.
            return BadRequest();
        }

        var ticket = tickets.Open(Ticket);
        var files = new List<UploadedFile>();
        var oversized = new List<string>();
        foreach (var file in Files.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            if (file.Length > FeedbackLimits.MaxAttachmentBytes)
            {
                oversized.Add($"Tệp “{FeedbackForm.SafeFileName(file.FileName)}” lớn hơn {FeedbackLimits.MaxAttachmentBytes / (1024 * 1024)} MB.");
                continue;
            }

            using var memory = new MemoryStream((int)file.Length);
            await file.CopyToAsync(memory, cancellationToken);
            files.Add(new UploadedFile(file.FileName, memory.ToArray()));
        }

        var (submission, errors) = Form.Validate(Site, files);
        if (oversized.Count > 0)
        {
            errors["Files"] = string.Join(' ', oversized.Prepend(errors.GetValueOrDefault("Files") ?? "").Where(s => s.Length > 0));
        }

        if (!string.IsNullOrEmpty(Form.Website))
        {
            // Only robots fill in the hidden field; they get the same answer as a form with problems.
            errors["Form"] = "Không gửi được phản ánh. Vui lòng kiểm tra lại rồi bấm Gửi.";
        }

        if (ticket is null)
        {
            errors["Form"] = "Biểu mẫu đã cũ hoặc không đầy đủ. Thông tin bạn nhập vẫn còn dưới đây; vui lòng kiểm tra rồi bấm Gửi lại.";
        }

        if (errors.Count == 0 && !await recaptcha.VerifyAsync(Request.Form[RecaptchaVerifier.FormField], HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken))
        {
            errors["Recaptcha"] = "Chưa xác minh được bạn không phải là máy tự động. Vui lòng đánh dấu ô xác minh rồi bấm Gửi lại.";
        }

        if (errors.Count > 0 || submission is null || ticket is null)
        {
            Errors = errors;
            DroppedFiles = Files.Count(f => f.Length > 0);
            Ticket = tickets.Seal(ticket ?? FormTicket.New());
            return Page();
        }

        try
        {
            var result = await feedback.SubmitAsync(submission, ticket, path => site.Value.Absolute(Request, path), cancellationToken);
            return Redirect($"/phan-anh-kien-nghi/tra-cuu?ma={result.Code}&khoa={result.Key}&moi=1");
        }
        catch (Exception e) when (e.IsDatabaseFailure())
        {
            // The database is down or dropped the connection: the transaction is lost whole, so the
            // citizen keeps the form to send again (should its commit have got through unseen, the
            // same ticket finds the stored case).
            logger.LogError(e, "A submission could not be stored");
            Errors = new(StringComparer.Ordinal) { ["Form"] = "Hệ thống tạm thời chưa lưu được phản ánh. Thông tin bạn nhập vẫn còn dưới đây; vui lòng bấm Gửi lại sau ít phút." };
            DroppedFiles = Files.Count(f => f.Length > 0);
            Ticket = tickets.Seal(ticket);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The id of a field's error message, for aria-describedby; null when it has none.</summary>
    public string? ErrorId(string field) => Errors.ContainsKey(field) ? $"loi-{field.ToLowerInvariant()}" : null;
}
