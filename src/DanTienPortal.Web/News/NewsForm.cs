using System.Globalization;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Feedback;

namespace DanTienPortal.Web.News;

/// <summary>How long each part of a post may be, and how large its cover.</summary>
public static class NewsLimits
{
    public const int Slug = 120;
    public const int Title = 200;
    public const int Summary = 500;
    public const int Body = 100_000;
    public const int CoverAlt = 300;
    public const int MaxImageBytes = 2 * 1024 * 1024;

    /// <summary>The whole form: the largest image, the longest text and room to spare, so an oversized image gets a message rather than a 413.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;
}

/// <summary>What the editor's buttons ask for.</summary>
public enum NewsCommand
{
    Preview,
    Draft,
    Save,
    Publish,
    Schedule,
    Withdraw,
}

public static class NewsCommands
{
    public static NewsCommand? Parse(string? value) =>
        Enum.TryParse<NewsCommand>(value, ignoreCase: true, out var command) && Enum.IsDefined(command) && !int.TryParse(value, out _) ? command : null;

    /// <summary>The buttons a post shows in its state (null: not saved yet), in the order they appear.</summary>
    public static IReadOnlyList<NewsCommand> Allowed(NewsStatus? effective) => effective switch
    {
        NewsStatus.Published => [NewsCommand.Preview, NewsCommand.Save, NewsCommand.Withdraw],
        NewsStatus.Scheduled => [NewsCommand.Preview, NewsCommand.Save, NewsCommand.Draft, NewsCommand.Publish, NewsCommand.Schedule],
        _ => [NewsCommand.Preview, NewsCommand.Draft, NewsCommand.Publish, NewsCommand.Schedule],
    };

    public static string Label(NewsCommand command) => command switch
    {
        NewsCommand.Preview => "Xem trước",
        NewsCommand.Draft => "Lưu nháp",
        NewsCommand.Save => "Lưu thay đổi",
        NewsCommand.Publish => "Đăng ngay",
        NewsCommand.Schedule => "Hẹn giờ đăng",
        _ => "Thu hồi bài",
    };
}

/// <summary>The editor's form as the browser sends it; <see cref="Validate"/> cleans and checks it.</summary>
public sealed class NewsForm
{
    private static readonly string[] ScheduleFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "d/M/yyyy H:mm", "d/M/yyyy H'h'mm"];
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public string? Title { get; set; }

    /// <summary>Left empty: made from the title.</summary>
    public string? Slug { get; set; }

    public string? Summary { get; set; }

    public string? Body { get; set; }

    /// <summary>The cover already uploaded (by an earlier preview or save).</summary>
    public long? CoverImageId { get; set; }

    public string? CoverAlt { get; set; }

    public bool RemoveCover { get; set; }

    /// <summary>For scheduling: a date and time in Vietnam, as <c>datetime-local</c> sends it (or typed <c>25/12/2026 08:00</c>).</summary>
    public string? PublishAt { get; set; }

    /// <summary>The row version the editor started from.</summary>
    public uint Version { get; set; }

    public static NewsForm From(NewsPost post) => new()
    {
        Title = post.Title,
        Slug = post.Slug,
        Summary = post.Summary,
        Body = post.Body,
        CoverImageId = post.CoverImageId,
        CoverAlt = post.CoverAlt,
        PublishAt = post.Status == NewsStatus.Scheduled && post.PublishAt is { } at
            ? at.ToOffset(Display.VietnamOffset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
            : null,
        Version = post.Version,
    };

    /// <summary>
    /// Cleans every field in place and returns the problems by field, in Vietnamese. Publishing and
    /// scheduling need a summary and a body; a preview needs nothing but sane lengths.
    /// </summary>
    public Dictionary<string, string> Validate(NewsCommand command, DateTimeOffset now, out DateTimeOffset? scheduledAt)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var saving = command != NewsCommand.Preview;
        var publishing = command is NewsCommand.Publish or NewsCommand.Schedule;
        Title = FeedbackForm.Clean(Title);
        Summary = FeedbackForm.Clean(Summary, multiline: true);
        Body = FeedbackForm.Clean(Body, multiline: true);
        CoverAlt = FeedbackForm.Clean(CoverAlt);
        var typedSlug = FeedbackForm.Clean(Slug);
        Slug = Content.Slug.From(typedSlug);

        Check(nameof(Title), Title, NewsLimits.Title, saving ? "Vui lòng nhập tiêu đề." : null);
        Check(nameof(Summary), Summary, NewsLimits.Summary, publishing ? "Vui lòng nhập tóm tắt: nó hiện trong danh sách tin, trên trang chủ và trong kết quả tìm kiếm." : null);
        Check(nameof(Body), Body, NewsLimits.Body, publishing ? "Vui lòng nhập nội dung bài." : null);
        Check(nameof(CoverAlt), CoverAlt, NewsLimits.CoverAlt, null);
        if (typedSlug.Length > 0 && Slug.Length == 0)
        {
            errors[nameof(Slug)] = "Địa chỉ chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, ví dụ hoi-nghi-cai-cach-hanh-chinh.";
        }
        else if (Slug.Length > NewsLimits.Slug)
        {
            errors[nameof(Slug)] = $"Địa chỉ không quá {NewsLimits.Slug} ký tự.";
        }

        scheduledAt = null;
        if (command == NewsCommand.Schedule)
        {
            var typed = FeedbackForm.Clean(PublishAt);
            if (typed.Length == 0)
            {
                errors[nameof(PublishAt)] = "Vui lòng chọn ngày và giờ đăng.";
            }
            else if (!DateTime.TryParseExact(typed, ScheduleFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                errors[nameof(PublishAt)] = "Ngày giờ đăng không hợp lệ; nhập theo dạng 25/12/2026 08:00.";
            }
            else if (new DateTimeOffset(local, Display.VietnamOffset).ToUniversalTime() <= now)
            {
                errors[nameof(PublishAt)] = $"Thời điểm hẹn đăng phải sau lúc này ({Display.DateAndTime(now)}); muốn đăng ngay thì bấm “Đăng ngay”.";
            }
            else
            {
                scheduledAt = new DateTimeOffset(local, Display.VietnamOffset).ToUniversalTime();
            }
        }

        return errors;

        void Check(string field, string text, int max, string? missing)
        {
            if (text.Length == 0 && missing is not null)
            {
                errors[field] = missing;
            }
            else if (text.Length > max)
            {
                errors[field] = $"Không quá {max.ToString("N0", Vietnamese)} ký tự (bạn đã viết {text.Length.ToString("N0", Vietnamese)}).";
            }
        }
    }
}
