using System.Globalization;
using System.Net.Mail;
using System.Text;
using DanTienPortal.Web.Content;

namespace DanTienPortal.Web.Feedback;

/// <summary>The feedback form as the browser sends it: text only, checked by <see cref="Validate"/>.</summary>
public sealed class FeedbackForm
{
    public string? Kind { get; set; }

    public string? Category { get; set; }

    public string? Procedure { get; set; }

    public string? Hamlet { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }

    public string? Name { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? ComplaintSubject { get; set; }

    public string? ComplaintAgainst { get; set; }

    public bool ConsentProcessing { get; set; }

    public bool ConsentPublish { get; set; }

    /// <summary>A field people never see; only robots fill it in.</summary>
    public string? Website { get; set; }

    /// <summary>
    /// Checks every field against the law's and the form's rules, returning the cleaned
    /// submission, or the problems by field name, each in words a citizen understands.
    /// </summary>
    public (Submission? Submission, Dictionary<string, string> Errors) Validate(ContentSnapshot content, IReadOnlyList<UploadedFile> files)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Text(string field, string? value, int max, string missing, int min = 1, bool required = true, bool multiline = false)
        {
            var text = Clean(value, multiline);
            if (text.Length == 0)
            {
                if (required)
                {
                    errors[field] = missing;
                }

                return null;
            }

            if (text.Length < min)
            {
                errors[field] = $"Cần ít nhất {min} ký tự để cán bộ hiểu được sự việc (bạn đã viết {text.Length}).";
            }
            else if (text.Length > max)
            {
                errors[field] = $"Không quá {max.ToString("N0", Vietnamese)} ký tự (bạn đã viết {text.Length.ToString("N0", Vietnamese)}).";
            }

            return text;
        }

        var kind = FeedbackKinds.FromSlug(Kind);
        if (kind is null)
        {
            errors[nameof(Kind)] = "Vui lòng chọn loại phản ánh.";
        }

        var category = content.Feedback.Category(Category);
        if (category is null)
        {
            errors[nameof(Category)] = "Vui lòng chọn chủ đề của phản ánh.";
        }

        var procedure = string.IsNullOrWhiteSpace(Procedure) ? null : content.ProceduresBySlug.GetValueOrDefault(Procedure.Trim());
        if (!string.IsNullOrWhiteSpace(Procedure) && procedure is null)
        {
            errors[nameof(Procedure)] = "Thủ tục đã chọn không có trong danh mục; hãy chọn lại hoặc để trống.";
        }

        var hamlet = Text(nameof(Hamlet), Hamlet, 100, "", required: false);
        if (hamlet is not null && content.Feedback.Hamlets.Count > 0 && !content.Feedback.Hamlets.Contains(hamlet))
        {
            errors[nameof(Hamlet)] = "Vui lòng chọn thôn, xóm trong danh sách.";
        }

        var title = Text(nameof(Title), Title, FeedbackLimits.Title, "Vui lòng nhập tiêu đề ngắn gọn cho phản ánh.");
        var body = Text(nameof(Content), Content, FeedbackLimits.Content, "Vui lòng trình bày nội dung phản ánh.", FeedbackLimits.ContentMin, multiline: true);
        var name = Text(nameof(Name), Name, FeedbackLimits.Name, "Vui lòng nhập họ và tên.");
        var address = Text(nameof(Address), Address, FeedbackLimits.Address, "Vui lòng nhập địa chỉ liên hệ.");
        var phone = NormalizePhone(Phone);
        if (string.IsNullOrWhiteSpace(Phone))
        {
            errors[nameof(Phone)] = "Vui lòng nhập số điện thoại để cán bộ liên hệ và để bạn tra cứu kết quả.";
        }
        else if (phone is null)
        {
            errors[nameof(Phone)] = "Số điện thoại chưa đúng: cần 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84.";
        }

        var email = Text(nameof(Email), Email, FeedbackLimits.Email, "", required: false);
        if (email is not null && !IsEmail(email))
        {
            errors[nameof(Email)] = "Địa chỉ thư điện tử chưa đúng, ví dụ đúng: ten@gmail.com. Có thể để trống.";
        }

        var subject = kind?.NamesSubject == true
            ? Text(nameof(ComplaintSubject), ComplaintSubject, FeedbackLimits.ComplaintSubject, "Vui lòng ghi rõ quyết định hoặc hành vi bị khiếu nại (số, ngày của quyết định nếu có).")
            : null;
        var against = kind?.NamesPerson == true
            ? Text(nameof(ComplaintAgainst), ComplaintAgainst, FeedbackLimits.ComplaintAgainst,
                kind.Kind == FeedbackKind.Complaint ? "Vui lòng ghi rõ người hoặc cơ quan bị khiếu nại." : "Vui lòng ghi rõ cán bộ hoặc bộ phận bị phản ánh.")
            : null;

        if (!ConsentProcessing)
        {
            errors[nameof(ConsentProcessing)] = "Bạn cần đồng ý để Ủy ban nhân dân xã được xử lý thông tin cá nhân trong phản ánh; nếu không, phản ánh không thể được giải quyết.";
        }

        var attachments = CheckFiles(files, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Submission(kind!.Kind, category!, procedure, hamlet, title!, body!, name!, address!, phone!, email, subject, against, ConsentPublish, attachments), errors);
    }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static List<Attachment> CheckFiles(IReadOnlyList<UploadedFile> files, Dictionary<string, string> errors)
    {
        var attachments = new List<Attachment>();
        if (files.Count > FeedbackLimits.MaxAttachments)
        {
            errors["Files"] = $"Chỉ gửi được tối đa {FeedbackLimits.MaxAttachments} tệp; bạn đã chọn {files.Count}.";
            return attachments;
        }

        var problems = new List<string>();
        foreach (var file in files)
        {
            var name = SafeFileName(file.FileName);
            if (file.Content.Length == 0)
            {
                problems.Add($"Tệp “{name}” rỗng.");
            }
            else if (file.Content.Length > FeedbackLimits.MaxAttachmentBytes)
            {
                problems.Add($"Tệp “{name}” lớn hơn {FeedbackLimits.MaxAttachmentBytes / (1024 * 1024)} MB.");
            }
            else if (FileTypes.Detect(file.Content) is not { } type)
            {
                problems.Add($"Tệp “{name}” không phải ảnh JPG, PNG, tệp PDF hoặc Word (DOCX).");
            }
            else
            {
                attachments.Add(new Attachment(WithExtension(name, type), type, file.Content));
            }
        }

        if (problems.Count > 0)
        {
            errors["Files"] = string.Join(' ', problems);
        }

        return attachments;
    }

    /// <summary>Trimmed, NFC, without control characters (line breaks kept where a text may have them).</summary>
    public static string Clean(string? value, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var text = value.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal);
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\n' && multiline)
            {
                clean.Append(c);
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                clean.Append(' ');
            }
            else
            {
                clean.Append(c);
            }
        }

        return clean.ToString().Trim();
    }

    /// <summary>A Vietnamese phone number as digits in the national form, or null when it is not one.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var trimmed = phone.Trim();
        if (trimmed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '.' or '-' or '(' or ')' or '+')))
        {
            return null;
        }

        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith('+') || (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length is 11 or 12))
        {
            digits = digits.StartsWith("84", StringComparison.Ordinal) ? "0" + digits[2..] : "";
        }

        return digits.Length is 10 or 11 && digits[0] == '0' && digits[1] != '0' ? digits : null;
    }

    private static bool IsEmail(string email) =>
        !email.Contains(' ', StringComparison.Ordinal) && MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>The name without folders or characters that could trouble a download; never empty.</summary>
    public static string SafeFileName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var safe = new string(Clean(bare).Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c is not ('"' or '<' or '>' or '`')).ToArray()).Trim('.', ' ');
        safe = safe.Length > 120 ? safe[..120] : safe;
        return safe.Length == 0 ? "tep-dinh-kem" : safe;
    }

    private static string WithExtension(string name, string type)
    {
        var extension = FileTypes.Extension(type);
        return name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) || (type == FileTypes.Jpeg && name.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            ? name
            : Path.GetFileNameWithoutExtension(name) + extension;
    }
}

/// <summary>A file as it arrived, before any check.</summary>
public sealed record UploadedFile(string FileName, byte[] Content);

/// <summary>A file that passed the checks, with the type read from its bytes.</summary>
public sealed record Attachment(string FileName, string ContentType, byte[] Content);

/// <summary>A submission that passed every check, cleaned and ready to store.</summary>
public sealed record Submission(
    FeedbackKind Kind,
    FeedbackCategory Category,
    Procedure? Procedure,
    string? Hamlet,
    string Title,
    string Content,
    string Name,
    string Address,
    string Phone,
    string? Email,
    string? ComplaintSubject,
    string? ComplaintAgainst,
    bool ConsentToPublish,
    IReadOnlyList<Attachment> Attachments);
