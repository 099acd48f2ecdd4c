using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages;

/// <summary>
/// The one error page: unhandled exceptions (500) and empty error responses (404, 400, 429…)
/// are re-executed here and told to the citizen in Vietnamese, never with technical details.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; }

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public string? RequestId { get; private set; }

    public void OnGet([FromRoute] int? code) => Show(code);

    // Only the route is read: the body of a failed POST may be a broken form that cannot be read again.
    public void OnPost([FromRoute] int? code) => Show(code);

    private void Show(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();

        // The status comes from the failed request itself, not from the address (which a
        // re-executed request does not always carry); nobody should land on /loi by hand, so
        // such a visit is answered as the unknown page it is.
        Status = exception is not null ? StatusCodes.Status500InternalServerError
            : reExecuted is { OriginalStatusCode: >= 400 and < 600 } ? reExecuted.OriginalStatusCode
            : reExecuted is not null && code is >= 400 and < 600 ? code.Value
            : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;

        if (exception is not null)
        {
            logger.LogError(exception.Error, "Unhandled error on {Path} (request {RequestId})", exception.Path, RequestId);
        }

        (Heading, Explanation) = Status switch
        {
            404 => ("Không tìm thấy trang",
                "Trang bạn tìm không có hoặc đã được chuyển đi. Hãy kiểm tra lại địa chỉ, hoặc tìm kiếm thông tin cần thiết bằng ô tìm kiếm."),
            400 => ("Yêu cầu không hợp lệ",
                "Trình duyệt đã gửi một yêu cầu mà hệ thống không đọc được. Vui lòng tải lại trang và thử lại."),
            403 => ("Bạn không có quyền xem trang này",
                "Trang này chỉ dành cho cán bộ được phân công. Nếu bạn là cán bộ, hãy đăng nhập bằng tài khoản của mình."),
            405 => ("Thao tác không được hỗ trợ", "Trang này không nhận loại yêu cầu vừa gửi. Vui lòng quay lại và thử lại."),
            413 => ("Dữ liệu gửi lên quá lớn", "Tệp hoặc nội dung bạn gửi vượt quá dung lượng cho phép. Vui lòng giảm dung lượng rồi gửi lại."),
            429 => ("Bạn thao tác quá nhanh",
                $"Hệ thống đã nhận quá nhiều yêu cầu từ bạn trong thời gian ngắn. Vui lòng thử lại sau {WaitInWords()}."),
            503 => ("Hệ thống tạm thời gián đoạn", "Cổng thông tin đang bảo trì hoặc quá tải. Vui lòng thử lại sau ít phút."),
            _ => ("Đã có lỗi xảy ra",
                "Hệ thống gặp sự cố khi xử lý yêu cầu của bạn. Thông tin bạn đã gửi trước đó không bị mất. Vui lòng thử lại sau ít phút."),
        };
    }

    /// <summary>The wait the rate limiter announced in <c>Retry-After</c>, in whole minutes as people say it.</summary>
    private string WaitInWords() =>
        int.TryParse(Response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? $"{(seconds + 59) / 60} phút"
            : "ít phút";
}
