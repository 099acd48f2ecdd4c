using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff.News;

/// <summary>
/// Writing a post (no id) or changing one: a preview rendered on the server, then saving as a
/// draft, publishing now, scheduling or withdrawing. Every problem is shown next to its field and
/// every typed value kept; a cover image uploaded with any button is kept for the next one.
/// </summary>
[Authorize(Policy = StaffPolicies.News)]
[ContentLengthLimit(NewsLimits.MaxRequestBytes)]
[RequestSizeLimit(NewsLimits.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = NewsLimits.MaxRequestBytes)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class EditModel(
    PortalDbContext db,
    NewsEditor editor,
    MarkdownRenderer markdown,
    UserManager<StaffUser> users,
    TimeProvider time) : PageModel
{
    [BindProperty]
    public NewsForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? Cover { get; set; }

    [BindProperty]
    public string? Command { get; set; }

    /// <summary>The post as saved; null while writing a new one.</summary>
    public NewsPost? Post { get; private set; }

    public NewsCover? CoverImage { get; private set; }

    public RenderedMarkdown? Preview { get; private set; }

    /// <summary>What the last save did, after the redirect that follows it.</summary>
    public string? Saved { get; private set; }

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public NewsStatus? Status => Post is { } p ? NewsStatuses.Effective(p.Status, p.PublishAt, Now) : null;

    public IReadOnlyList<NewsCommand> Commands => NewsCommands.Allowed(Status);

    public async Task<IActionResult> OnGetAsync(long? id, [FromQuery(Name = "da-luu")] string? saved, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            Post = await db.NewsPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (Post is null)
            {
                return NotFound();
            }

            Form = NewsForm.From(Post);
            Saved = NewsCommands.Parse(saved) is { } command ? SavedMessage(command, Post) : null;
        }

        CoverImage = await NewsImages.CoverAsync(db, Form.CoverImageId, Form.CoverAlt, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            Post = await db.NewsPosts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (Post is null)
            {
                return NotFound();
            }
        }

        var command = NewsCommands.Parse(Command);
        var errors = Form.Validate(command ?? NewsCommand.Preview, Now, out var scheduledAt);
        if (command is null || !Commands.Contains(command.Value))
        {
            errors["Form"] = "Thao tác này không dùng được với bài ở trạng thái hiện tại; hãy tải lại trang rồi thử lại.";
        }

        var member = await users.GetUserAsync(User);
        if (member is null)
        {
            return Challenge();
        }

        await TakeCoverAsync(member, command, errors, cancellationToken);
        var rendered = markdown.Render(Form.Body ?? "");
        if (rendered.Headings.Any(h => h.Level == 1))
        {
            errors[nameof(NewsForm.Body)] = "Đề mục trong bài bắt đầu từ ## (tiêu đề bài đã là đề mục lớn nhất); hãy đổi các dòng bắt đầu bằng một dấu # thành ##.";
        }

        if (command == NewsCommand.Preview || errors.Count > 0)
        {
            Preview = command == NewsCommand.Preview && !errors.ContainsKey(nameof(NewsForm.Body)) ? rendered : null;
            Errors = errors;
            return Page();
        }

        var (slug, slugError) = await editor.ResolveSlugAsync(Form.Slug ?? "", Form.Title ?? "", Post?.Id, cancellationToken);
        if (slug is null)
        {
            Errors = new(StringComparer.Ordinal) { [nameof(NewsForm.Slug)] = slugError! };
            return Page();
        }

        var isNew = Post is null;
        var post = Post ??= new NewsPost
        {
            Slug = slug,
            Title = "",
            CreatedById = member.Id,
            CreatedByName = member.FullName,
            CreatedAt = Now,
            UpdatedById = member.Id,
            UpdatedByName = member.FullName,
        };
        var wasPublic = post.IsPublicAt(Now);
        post.Slug = slug;
        post.Title = Form.Title!;
        post.Summary = Form.Summary ?? "";
        post.Body = Form.Body ?? "";
        post.CoverImageId = CoverImage is null ? null : Form.CoverImageId;
        post.CoverAlt = CoverImage is null ? null : Form.CoverAlt;
        post.UpdatedById = member.Id;
        post.UpdatedByName = member.FullName;
        post.UpdatedAt = Now;
        (post.Status, post.PublishAt) = command switch
        {
            NewsCommand.Draft => (NewsStatus.Draft, (DateTimeOffset?)null),
            NewsCommand.Publish => (NewsStatus.Published, wasPublic ? post.PublishAt : Now),
            NewsCommand.Schedule => (NewsStatus.Scheduled, scheduledAt),
            NewsCommand.Withdraw => (NewsStatus.Withdrawn, post.PublishAt),
            // Saving keeps the state; a scheduled post whose time has come is recorded as published.
            _ => (NewsStatuses.Effective(post.Status, post.PublishAt, Now), post.PublishAt),
        };

        if (await editor.SaveAsync(post, isNew ? null : Form.Version, cancellationToken) is { } problem)
        {
            Post = isNew ? null : await db.NewsPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            Errors = new(StringComparer.Ordinal) { [problem.Field] = problem.Message };
            return Page();
        }

        return Redirect($"/can-bo/tin-tuc/soan/{post.Id}?da-luu={command?.ToString().ToLowerInvariant()}");
    }

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The id of a field's error message, for aria-describedby; null when it has none.</summary>
    public string? ErrorId(string field) => Errors.ContainsKey(field) ? $"loi-{field.ToLowerInvariant()}" : null;

    /// <summary>Stores a newly chosen cover (whatever the button), or drops the cover, or checks the one already uploaded.</summary>
    private async Task TakeCoverAsync(StaffUser member, NewsCommand? command, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (Cover is { } file && (file.Length > 0 || file.FileName.Length > 0))
        {
            var (image, error) = (default(NewsImage), NewsImages.TooLarge);
            if (file.Length <= NewsLimits.MaxImageBytes)
            {
                using var memory = new MemoryStream((int)file.Length);
                await file.CopyToAsync(memory, cancellationToken);
                (image, error) = NewsImages.Check(memory.ToArray(), member.Id, Now);
            }

            if (image is null)
            {
                errors[nameof(Cover)] = error!;
            }
            else
            {
                Form.CoverImageId = (await NewsImages.StoreAsync(db, image, cancellationToken)).Id;
                Form.RemoveCover = false;
            }
        }
        else if (Form.RemoveCover)
        {
            Form.CoverImageId = null;
            Form.CoverAlt = null;
            Form.RemoveCover = false;
        }

        CoverImage = await NewsImages.CoverAsync(db, Form.CoverImageId, Form.CoverAlt, cancellationToken);
        if (CoverImage is null)
        {
            Form.CoverImageId = null;
        }
        else if (string.IsNullOrEmpty(Form.CoverAlt) && command != NewsCommand.Preview)
        {
            errors[nameof(NewsForm.CoverAlt)] = "Vui lòng mô tả ngắn gọn ảnh bìa cho người không xem được ảnh.";
        }
    }

    private static string SavedMessage(NewsCommand command, NewsPost post) => command switch
    {
        NewsCommand.Draft => "Đã lưu bản nháp. Người đọc chưa thấy bài này.",
        NewsCommand.Publish => "Đã đăng bài: bài đã có trên trang Tin tức, trang chủ, nguồn tin và trong tìm kiếm.",
        NewsCommand.Schedule when post.PublishAt is { } at => $"Đã hẹn giờ: bài tự đăng lúc {Display.DateAndTime(at)}.",
        NewsCommand.Withdraw => "Đã thu hồi bài: người đọc không còn thấy bài này.",
        _ => "Đã lưu thay đổi.",
    };
}
