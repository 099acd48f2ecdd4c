namespace DanTienPortal.Web.Content;

/// <summary>
/// <c>check-content [folder]</c>: reads the content folder as the site would and lists every
/// problem with its file and line; exits 1 when there is any, so CI and editors catch them.
/// </summary>
public static class CheckContentCommand
{
    public static int Run(string root, TextWriter output)
    {
        var snapshot = new ContentLoader(new MarkdownRenderer(), TimeProvider.System).Load(root);
        foreach (var problem in snapshot.Problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line))
        {
            output.WriteLine(problem);
        }

        output.WriteLine(snapshot.Problems.Count == 0
            ? $"Nội dung hợp lệ: {snapshot.Procedures.Count} thủ tục, {snapshot.Agencies.Count} cơ quan, {snapshot.Pages.Count} trang, {snapshot.News.Count} tin, {snapshot.Plan?.Tasks.Count ?? 0} nhiệm vụ kế hoạch, {snapshot.Feedback.Categories.Count} chủ đề phản ánh, lịch nghỉ năm {string.Join(", ", snapshot.Feedback.Calendar.Years.OrderBy(y => y.Year).Select(y => y.Confirmed ? $"{y.Year}" : $"{y.Year} (chưa đủ)"))}."
            : $"{snapshot.Problems.Count} vấn đề trong {snapshot.Problems.Select(p => p.File).Distinct().Count()} tệp.");
        return snapshot.Problems.Count == 0 ? 0 : 1;
    }
}
